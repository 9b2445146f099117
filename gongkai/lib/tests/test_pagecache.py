"""The page store: a page is served only for the generation it was rendered in."""

import socket

import pytest
import time_machine
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse

from gongkai.lib import pagecache
from gongkai.lib.tests.celery_fixtures import redis_test_url


@pytest.fixture(autouse=True)
def enabled(settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 60
    settings.VAR_DIR = tmp_path
    caches["pages"].clear()
    yield settings
    caches["pages"].clear()


def _page(text="第一版") -> HttpResponse:
    response = HttpResponse(text)
    response["X-Frame-Options"] = "DENY"
    response.set_cookie("sessionid", "secret")  # never kept, whatever the caller passes
    return response


def test_a_page_is_served_until_the_next_change_and_not_after():
    key = pagecache.key_for("http://testserver/catalog/|care=0")
    generation, entry = pagecache.lookup(key)
    assert entry is None
    assert pagecache.store(key, generation, _page(), visit="seen")
    generation, entry = pagecache.lookup(key)
    assert entry.content == "第一版".encode() and entry.visit == "seen"
    assert ("X-Frame-Options", "DENY") in entry.headers
    assert all(name.lower() != "set-cookie" for name, _ in entry.headers)
    pagecache.bump()
    assert pagecache.lookup(key)[1] is None


def test_a_page_rendered_while_a_change_commits_is_never_served_after_it():
    key = pagecache.key_for("http://testserver/|care=0")
    before, _ = pagecache.lookup(key)  # read when the request starts
    pagecache.bump()  # the change commits while the page renders
    pagecache.store(key, before, _page("旧内容"))
    assert pagecache.lookup(key)[1] is None


@pytest.mark.django_db
def test_a_change_invalidates_once_after_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    key = pagecache.key_for("http://testserver/guides/|care=0")
    generation, _ = pagecache.lookup(key)
    pagecache.store(key, generation, _page())
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        pagecache.changed()
        pagecache.changed()
        assert pagecache.lookup(key)[1] is not None  # not committed: still served
    assert callbacks == [pagecache.bump]
    assert pagecache.lookup(key)[1] is None


def test_nothing_is_kept_when_the_cache_is_off(enabled):
    enabled.GONGKAI_PAGE_CACHE_SECONDS = 0
    pagecache.changed()  # no transaction, no file
    assert not (enabled.VAR_DIR / pagecache.GENERATION_FILE).exists()


def test_with_replicas_a_page_is_not_kept_while_they_may_still_lag(enabled):
    enabled.GONGKAI_READ_REPLICAS = ["replica1"]
    enabled.GONGKAI_READ_YOUR_WRITES_SECONDS = 10
    key = pagecache.key_for("http://testserver/catalog/items/1/|care=0")
    with time_machine.travel("2026-03-16 10:00:00 +08:00", tick=False) as clock:
        pagecache.bump()
        clock.shift(5)
        generation, _ = pagecache.lookup(key)
        assert not pagecache.store(key, generation, _page())  # may show the replica's past
        clock.shift(6)
        assert pagecache.store(key, generation, _page())


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_several_app_servers_share_pages_and_generation_through_redis(settings):
    if not _redis_up():
        pytest.skip("没有可用的 Redis（127.0.0.1:6379）：跳过共享缓存的测试")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_test_url(1),
            "KEY_PREFIX": "test-pages",
        },
    }
    caches["pages"].clear()
    key = pagecache.key_for("http://testserver/search/?q=%E9%89%B4%E5%AE%9A|care=0")
    generation, _ = pagecache.lookup(key)
    pagecache.store(key, generation, _page())
    assert pagecache.lookup(key)[1].content == "第一版".encode()
    assert not (settings.VAR_DIR / pagecache.GENERATION_FILE).exists()  # kept in Redis
    pagecache.bump()
    assert pagecache.lookup(key)[1] is None
    # The generation evicted: a new one starts and nothing stored before it is served.
    generation, _ = pagecache.lookup(key)
    pagecache.store(key, generation, _page())
    caches["pages"].delete(pagecache.GENERATION_KEY)
    assert pagecache.lookup(key)[1] is None
    caches["pages"].clear()


def test_a_value_derived_from_public_content_is_computed_once_per_change(enabled):
    calls = []

    def compute():
        calls.append(1)
        return ["2026", "2025"]

    assert pagecache.remember("years", compute) == ["2026", "2025"]
    assert pagecache.remember("years", compute) == ["2026", "2025"]
    assert len(calls) == 1
    pagecache.bump()
    pagecache.remember("years", compute)
    assert len(calls) == 2
    enabled.GONGKAI_PAGE_CACHE_SECONDS = 0  # off: computed every time
    pagecache.remember("years", compute)
    pagecache.remember("years", compute)
    assert len(calls) == 4
