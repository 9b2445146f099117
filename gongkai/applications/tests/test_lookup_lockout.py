"""The public status lookup locks out guessing, per client and per tracking number, in the database."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.services import MAX_LOOKUP_FAILURES

from .conftest import at

URL = "applications:apply_status"
TOO_MANY = "查询失败次数过多"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.GONGKAI_TRUSTED_PROXIES = 1


def lookup(client, tracking, code, ip):
    return client.post(
        reverse(URL),
        {"tracking_number": tracking, "query_code": code},
        REMOTE_ADDR="10.0.0.1",  # the production proxy, which appends the client's address
        HTTP_X_FORWARDED_FOR=ip,
    )


def test_clients_behind_the_proxy_are_counted_separately(client, make_application):
    app = make_application()
    for _ in range(MAX_LOOKUP_FAILURES):
        assert lookup(client, app.tracking_number, "WRONGWRONG", "203.0.113.7").status_code == 400
    locked = lookup(client, "shsfj-2026-999999", "WRONGWRONG", "203.0.113.7")
    assert TOO_MANY in locked.content.decode()
    other = lookup(client, "shsfj-2026-999999", "WRONGWRONG", "198.51.100.2")
    assert "申请编号或查询码不正确" in other.content.decode()


def test_guessing_one_tracking_number_from_many_addresses_locks_that_number(
    client, make_application
):
    app = make_application()
    for n in range(MAX_LOOKUP_FAILURES):
        lookup(client, app.tracking_number.upper(), "WRONGWRONG", f"203.0.113.{n}")
    response = lookup(client, app.tracking_number, "WRONGWRONG", "198.51.100.2")
    assert response.status_code == 400 and TOO_MANY in response.content.decode()
    # Another case can still be looked up from that address.
    other = lookup(client, "shsfj-2026-999999", "WRONGWRONG", "198.51.100.2")
    assert TOO_MANY not in other.content.decode()


def test_the_count_lives_in_the_database_not_in_one_process_cache(client, make_application):
    app = make_application()
    for _ in range(MAX_LOOKUP_FAILURES):
        lookup(client, app.tracking_number, "WRONGWRONG", "203.0.113.7")
    cache.clear()  # another worker process has an empty cache of its own
    locked = lookup(client, "shsfj-2026-999999", "WRONGWRONG", "203.0.113.7")
    assert TOO_MANY in locked.content.decode()


def test_failures_older_than_an_hour_no_longer_count(client, make_application):
    app = make_application()
    for _ in range(MAX_LOOKUP_FAILURES):
        lookup(client, app.tracking_number, "WRONGWRONG", "203.0.113.7")
    with time_machine.travel(at(date(2026, 12, 15)) + timedelta(minutes=61), tick=False):
        response = lookup(client, app.tracking_number, "WRONGWRONG", "203.0.113.7")
    assert "申请编号或查询码不正确" in response.content.decode()
    assert Application.objects.count() == 1
