"""Buffered counting: page views held in memory and folded into the database in one go."""

import time

import pytest
from django.db import OperationalError
from django.test import Client

from gongkai.analytics import buffer, services
from gongkai.analytics.models import DailyVisit, VisitorSeen

from .conftest import BROWSER

pytestmark = pytest.mark.urls("gongkai.analytics.tests.urls")


@pytest.fixture
def buffered(settings):
    settings.GONGKAI_VISIT_BUFFER_SECONDS = 3600  # the folding thread never wakes by itself
    buffer.flush_discard()
    yield
    buffer.flush_discard()


def _visitor(ip):
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_page_views_wait_in_memory_and_are_folded_in_at_once(buffered, leader):
    for ip in ("203.0.113.1", "203.0.113.1", "203.0.113.2"):
        assert _visitor(ip).get(f"/t/leaders/{leader.pk}/").status_code == 200
    _visitor("203.0.113.3").get("/t/rules/")
    # Nothing written while the pages were served.
    assert not DailyVisit.objects.exists() and not VisitorSeen.objects.exists()
    assert buffer.pending() == 4
    assert buffer.flush() == 4
    assert {(v.section, v.count) for v in DailyVisit.objects.all()} == {
        ("领导介绍", 3),
        ("规范性文件", 1),
    }
    assert VisitorSeen.objects.count() == 3
    assert buffer.pending() == 0 and buffer.flush() == 0


@pytest.mark.django_db
def test_counts_survive_a_failed_fold_and_are_written_by_the_next(buffered, monkeypatch):
    _visitor("203.0.113.1").get("/t/rules/")
    real = services.visit_count

    def down(**kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(services, "visit_count", down)
    assert buffer.flush() == 0
    assert buffer.pending() == 1
    # What waits for the next fold is the visitor's digest: no address is held past a fold.
    assert "203.0.113.1" not in repr((buffer._counts, buffer._visitors, buffer._addresses))
    monkeypatch.setattr(services, "visit_count", real)
    _visitor("203.0.113.1").get("/t/rules/")
    assert buffer.flush() == 2
    assert DailyVisit.objects.get().count == 2
    assert VisitorSeen.objects.count() == 1  # one visitor, kept through the failed fold


def _written() -> bool:
    """Whether the folding thread has written yet. SQLite's in-memory test database locks a
    table between threads while one writes it: a read meanwhile fails, and is tried again."""
    try:
        return DailyVisit.objects.exists()
    except OperationalError:
        return False


@pytest.mark.django_db(transaction=True)
def test_the_folding_thread_writes_views_without_being_asked(settings):
    settings.GONGKAI_VISIT_BUFFER_SECONDS = 0.05
    buffer.flush_discard()
    _visitor("203.0.113.9").get("/t/rules/")
    deadline = time.monotonic() + 10
    while not _written() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert DailyVisit.objects.get(section="规范性文件").count == 1
    settings.GONGKAI_VISIT_BUFFER_SECONDS = 3600
