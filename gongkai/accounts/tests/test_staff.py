from django.urls import reverse

from gongkai.accounts.models import AuditEntry, User


def _form(org, **extra):
    data = {
        "username": "wangfang",
        "full_name": "王芳",
        "organization": org.pk,
        "roles": ["clerk"],
        "email": "",
        "phone": "",
        "is_active": "on",
        "password": "Xinxi-Gongkai-88",
    }
    data.update(extra)
    return data


def test_an_administrator_creates_a_clerk_who_can_then_log_in(client, admin_user, district):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:staff_new"), _form(district))
    assert response.status_code == 302
    user = User.objects.get(username="wangfang")
    assert user.organization == district and user.role_set() == {"clerk"}
    entry = AuditEntry.objects.get(action="accounts.staff_create")
    assert entry.changes["password"] == ["***", "***"]
    assert "Xinxi-Gongkai-88" not in str(entry.changes)
    client.logout()
    assert (
        client.post(
            reverse("accounts:login"), {"username": "wangfang", "password": "Xinxi-Gongkai-88"}
        ).status_code
        == 302
    )


def test_a_weak_password_and_missing_roles_are_refused_field_by_field(client, admin_user, agency):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:staff_new"), _form(agency, password="12345678", roles=[])
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "请至少选择一个角色" in page
    assert "密码" in page and ("太短" in page or "至少" in page)
    assert not User.objects.filter(username="wangfang").exists()


def test_editing_roles_replaces_them_and_audits_the_change(client, admin_user, clerk, agency):
    client.force_login(admin_user)
    data = _form(
        agency, username="clerk", full_name="clerk", roles=["clerk", "division_head"], password=""
    )
    response = client.post(reverse("accounts:staff_edit", args=[clerk.pk]), data)
    assert response.status_code == 302
    clerk = User.objects.get(pk=clerk.pk)
    assert clerk.role_set() == {"clerk", "division_head"}
    entry = AuditEntry.objects.get(action="accounts.staff_update")
    assert entry.changes["roles"] == ["['clerk']", "['clerk', 'division_head']"]


def test_a_clerk_cannot_manage_staff(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("accounts:staff")).status_code == 403
    assert client.get(reverse("accounts:staff_new")).status_code == 403


def test_a_duplicate_username_is_refused(client, admin_user, clerk, agency):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:staff_new"), _form(agency, username="CLERK"))
    assert "该用户名已被使用" in response.content.decode()


def test_a_short_password_is_explained_in_chinese(client, admin_user, agency):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:staff_new"), _form(agency, password="Ab1!xy"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "密码太短，至少需要 10 个字符。" in page
    assert "too short" not in page


def test_a_group_of_checkboxes_is_named_by_a_legend(client, admin_user, agency):
    client.force_login(admin_user)
    page = client.get(reverse("accounts:staff_new")).content.decode()
    assert '<label for="">' not in page
    assert "<legend>角色" in page
