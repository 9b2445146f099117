from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.conftest import PASSWORD


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_staff_member_logs_in_and_sees_the_dashboard(client, clerk):
    response = _login(client, "clerk", PASSWORD)
    assert response.status_code == 302
    page = client.get(reverse("accounts:dashboard"))
    assert "工作台" in page.content.decode()
    assert AuditEntry.objects.filter(action="accounts.login", actor=clerk).exists()


def test_a_wrong_password_is_refused_with_a_chinese_message(client, clerk):
    response = _login(client, "clerk", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_five_failures_lock_the_account_even_for_the_right_password(client, clerk, settings):
    settings.GONGKAI_LOGIN_MAX_FAILURES = 5
    for _ in range(5):
        _login(client, "clerk", "wrong-password")
    response = _login(client, "clerk", PASSWORD)
    assert response.status_code == 200
    assert "已被暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="accounts.lockout").exists()


def test_the_lock_lifts_after_the_window(client, clerk, settings):
    import time_machine

    settings.GONGKAI_LOGIN_LOCKOUT_MINUTES = 15
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        for _ in range(5):
            _login(client, "clerk", "wrong-password")
        assert "已被暂时锁定" in _login(client, "clerk", PASSWORD).content.decode()
    with time_machine.travel("2026-03-02 09:16 +0800", tick=False):
        assert _login(client, "clerk", PASSWORD).status_code == 302


def test_four_failures_then_success_resets_the_count(client, clerk):
    for _ in range(4):
        _login(client, "clerk", "wrong-password")
    assert _login(client, "clerk", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "clerk", "wrong-password")
    assert _login(client, "clerk", PASSWORD).status_code == 302


def test_the_workspace_needs_a_login(client, db):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_sessions_expire_after_idle_hours_and_at_browser_close(settings):
    assert settings.SESSION_COOKIE_AGE <= 4 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_session_in_use_stays_alive_without_a_write_on_every_page(client, clerk):
    from django.contrib.sessions.models import Session

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as clock:
        client.force_login(clerk)
        client.get(reverse("accounts:dashboard"))
        first = expiry()
        clock.move_to("2026-03-02 09:03 +0800")
        client.get(reverse("accounts:dashboard"))
        assert expiry() == first  # used again within minutes: no write
        clock.move_to("2026-03-02 10:50 +0800")
        client.get(reverse("accounts:dashboard"))
        assert expiry() - first >= timedelta(hours=1, minutes=45)  # still alive, moved on
        clock.move_to("2026-03-02 12:51 +0800")  # two idle hours later
        assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_logout_is_post_only(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 302


@pytest.mark.parametrize("password", ["short", "1234567890123", "password123456"])
def test_weak_passwords_are_refused_by_the_validators(clerk, password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password, clerk)
