"""Login attempts are counted before the password is checked (issue 15)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from gongkai.accounts.models import LoginFailure, User
from gongkai.conftest import PASSWORD


@pytest.mark.postgres_only
def test_a_parallel_burst_of_wrong_passwords_gets_no_more_tries_than_the_limit(
    transactional_db, clerk, settings, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer, so there is no race to test")
    tried = []
    check = User.check_password
    monkeypatch.setattr(
        User, "check_password", lambda self, raw: tried.append(raw) or check(self, raw)
    )
    barrier = threading.Barrier(20)
    answers = []

    def run(n):
        try:
            barrier.wait()
            response = Client().post(
                reverse("accounts:login"),
                {"username": "clerk", "password": f"wrong-{n}"},
                REMOTE_ADDR="203.0.113.5",
            )
            answers.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Without counting first, all 20 were checked. Attempts racing past the limit together may
    # refuse each other, so fewer than the limit may be checked, never more.
    assert 1 <= len(tried) <= settings.GONGKAI_LOGIN_MAX_FAILURES
    assert LoginFailure.objects.count() == len(tried)  # each checked one is counted
    assert answers == [200] * 20  # every one answered with the login form, none with an error


def test_hammering_a_locked_account_does_not_lock_it_for_everyone(client, clerk, settings):
    """Refused attempts are not counted: one address cannot push the username over the
    from-anywhere limit by trying on after its own lock."""
    settings.GONGKAI_LOGIN_MAX_FAILURES_ANYWHERE = 8
    for _ in range(30):
        client.post(
            reverse("accounts:login"),
            {"username": "clerk", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
        )
    assert LoginFailure.objects.count() == settings.GONGKAI_LOGIN_MAX_FAILURES
    response = client.post(
        reverse("accounts:login"),
        {"username": "clerk", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 302
