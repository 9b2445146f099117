"""Staff change their own password, must replace an initial one, and one administrator stays."""

from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Role, RoleGrant, User
from gongkai.conftest import PASSWORD, make_staff

from .test_staff import _form

NEW = "Xin-Mima-2026-Chun"


def _change(client, old, new, again=None):
    return client.post(
        reverse("accounts:password"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_staff_member_changes_their_own_password_from_the_workspace_menu(client, clerk):
    client.force_login(clerk)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("accounts:password")}"' in dashboard and "修改密码" in dashboard
    wrong = _change(client, "not-my-password", NEW)
    assert wrong.status_code == 400 and "当前密码不正确" in wrong.content.decode()
    mismatch = _change(client, PASSWORD, NEW, again=NEW + "x")
    assert mismatch.status_code == 400 and "两次输入的新密码不一致" in mismatch.content.decode()
    weak = _change(client, PASSWORD, "12345678")
    assert weak.status_code == 400 and "密码太短" in weak.content.decode()
    response = _change(client, PASSWORD, NEW)
    assert response.status_code == 302
    # Still signed in with the new password; the old one no longer works.
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    client.logout()
    assert _login(client, "clerk", PASSWORD).status_code == 200
    assert _login(client, "clerk", NEW).status_code == 302
    entry = AuditEntry.objects.get(action="accounts.password_change")
    assert entry.actor == clerk and NEW not in str(entry.changes)


def test_an_initial_password_must_be_changed_before_anything_else(client, admin_user, agency):
    client.force_login(admin_user)
    client.post(reverse("accounts:staff_new"), _form(agency))
    assert User.objects.get(username="wangfang").must_change_password
    client.logout()
    assert _login(client, "wangfang", "Xinxi-Gongkai-88").status_code == 302
    for path in (reverse("accounts:dashboard"), reverse("catalog:staff_list")):
        response = client.get(path, follow=True)
        assert response.redirect_chain[-1][0] == reverse("accounts:password")
        assert "请先修改密码" in response.content.decode()
        assert "初始密码" in response.content.decode()
    assert _change(client, "Xinxi-Gongkai-88", NEW).status_code == 302
    assert not User.objects.get(username="wangfang").must_change_password
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_a_password_reset_by_an_administrator_is_an_initial_one_again(
    client, admin_user, clerk, agency
):
    client.force_login(admin_user)
    data = _form(agency, username="clerk", full_name="clerk", password="Chongzhi-Mima-2026")
    assert client.post(reverse("accounts:staff_edit", args=[clerk.pk]), data).status_code == 302
    assert User.objects.get(pk=clerk.pk).must_change_password
    # Editing without a password leaves it as it is.
    clerk.must_change_password = False
    clerk.save()
    data["password"] = ""
    client.post(reverse("accounts:staff_edit", args=[clerk.pk]), data)
    assert not User.objects.get(pk=clerk.pk).must_change_password


def _admin_form(user, **extra):
    fields = {"username": user.username, "full_name": user.full_name, "roles": ["admin"]}
    return _form(user.organization, password="", **{**fields, **extra})


def test_the_last_administrator_cannot_remove_their_own_role_or_deactivate_themselves(
    client, admin_user
):
    client.force_login(admin_user)
    url = reverse("accounts:staff_edit", args=[admin_user.pk])
    for change in ({"roles": ["clerk"]}, {"is_active": ""}):
        response = client.post(url, _admin_form(admin_user, **change))
        assert response.status_code == 400
        assert "系统至少要保留一名有效的系统管理员" in response.content.decode()
    admin_user = User.objects.get(pk=admin_user.pk)
    assert admin_user.is_active and admin_user.role_set() == {Role.ADMIN}
    assert not AuditEntry.objects.filter(action="accounts.staff_update").exists()


def test_with_a_second_administrator_the_first_may_step_down(client, admin_user, agency):
    make_staff("sysadmin2", agency, Role.ADMIN)
    client.force_login(admin_user)
    url = reverse("accounts:staff_edit", args=[admin_user.pk])
    assert client.post(url, _admin_form(admin_user, roles=["clerk"])).status_code == 302
    assert not RoleGrant.objects.filter(user=admin_user, role=Role.ADMIN).exists()
