"""What a hostile or careless request must not be able to do to the foundation."""

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.accounts.middleware import client_ip
from gongkai.accounts.models import AuditEntry, LoginFailure, Organization
from gongkai.accounts.tests.commandline import run_gongkai
from gongkai.conftest import PASSWORD


def _login(client, username, password, ip="203.0.113.5", **headers):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(client, clerk):
    for _ in range(5):
        _login(client, "clerk", "wrong", ip="198.51.100.7")
    assert "已被暂时锁定" in _login(client, "clerk", PASSWORD, ip="198.51.100.7").content.decode()
    assert _login(client, "clerk", PASSWORD, ip="203.0.113.5").status_code == 302


def test_many_failures_from_many_addresses_lock_the_username_everywhere(client, clerk, settings):
    settings.GONGKAI_LOGIN_MAX_FAILURES_ANYWHERE = 8
    for i in range(8):
        _login(client, "clerk", "wrong", ip=f"198.51.100.{i + 1}")
    assert "已被暂时锁定" in _login(client, "clerk", PASSWORD, ip="203.0.113.9").content.decode()


def test_case_spaces_and_full_width_letters_count_as_the_same_username(client, clerk):
    for name in ["CLERK", " clerk", "ｃｌｅｒｋ", "Clerk ", "clerk"]:
        _login(client, name, "wrong")
    assert "已被暂时锁定" in _login(client, "clerk", PASSWORD).content.decode()


def test_an_administrator_lifts_a_lock(client, clerk, admin_user):
    for _ in range(5):
        _login(client, "clerk", "wrong")
    client.force_login(admin_user)
    response = client.post(reverse("accounts:staff_unlock", args=[clerk.pk]))
    assert response.status_code == 302
    assert not LoginFailure.objects.exists()
    assert AuditEntry.objects.filter(action="accounts.unlock").exists()
    client.logout()
    assert _login(client, "clerk", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_is_ignored_without_a_trusted_proxy(rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "203.0.113.5"


@override_settings(GONGKAI_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"


@override_settings(GONGKAI_TRUSTED_PROXIES=1)
def test_a_garbage_forwarded_for_value_is_no_address_and_no_crash(client, clerk):
    response = _login(client, "clerk", PASSWORD, HTTP_X_FORWARDED_FOR="unknown")
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="accounts.login").ip is None


def test_an_organization_cannot_become_its_own_ancestor(client, admin_user, agency, district):
    client.force_login(admin_user)
    data = {
        "name": agency.name,
        "code": agency.code,
        "kind": agency.kind,
        "parent": district.pk,
        "sort_order": 0,
    }
    response = client.post(reverse("accounts:organization_edit", args=[agency.pk]), data)
    assert response.status_code == 200
    agency.refresh_from_db()
    assert agency.parent_id is None


def test_an_administrator_adds_an_organization(client, admin_user, agency):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:organization_new"),
        {
            "name": "上海市司法局公证工作管理处",
            "code": "shsfj-gz",
            "kind": "division",
            "parent": agency.pk,
            "sort_order": 3,
        },
    )
    assert response.status_code == 302
    assert Organization.objects.get(code="shsfj-gz").parent == agency
    assert AuditEntry.objects.filter(action="accounts.organization_create").exists()


def test_setup_creates_the_office_and_its_first_administrator(tmp_path):
    env = {"GONGKAI_VAR_DIR": str(tmp_path), "GONGKAI_ADMIN_PASSWORD": "Zhengwu-Gongkai-2027"}
    assert run_gongkai("migrate", "-v0", **env).returncode == 0
    result = run_gongkai(
        "setup", "--org-name", "杭州市司法局", "--org-code", "hzsfj", "--admin", "root1", **env
    )
    assert result.returncode == 0, result.stderr
    assert "系统管理员 root1" in result.stdout
    weak = run_gongkai(
        "setup",
        "--org-name",
        "杭州市司法局",
        "--org-code",
        "hzsfj",
        "--admin",
        "root2",
        **{**env, "GONGKAI_ADMIN_PASSWORD": "12345678"},
    )
    assert weak.returncode != 0 and "密码不符合要求" in weak.stderr


def test_the_demo_refuses_to_run_in_production(tmp_path):
    result = run_gongkai(
        "demo",
        GONGKAI_ENV="production",
        SECRET_KEY="x" * 20 + "Qw8_Er7+Ty6*Ui5&Op4^As3%Df2$Gh1",
        ALLOWED_HOSTS="x.gov.cn",
        GONGKAI_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "生产环境不能载入演示数据" in result.stderr


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_extreme_dates_in_the_audit_filter_are_refused_not_crashed(client, admin_user, value):
    client.force_login(admin_user)
    response = client.get(reverse("accounts:audit"), {"date_from": value})
    assert response.status_code == 200
    assert "日期" in response.content.decode()
