"""With CELERY_BROKER_URL set, the search index is kept in step by a real Celery worker."""

import socket
import time

import pytest

from gongkai.catalog import search
from gongkai.catalog.models import SearchPending
from gongkai.catalog.search import sync

REDIS = ("127.0.0.1", 6379)


def _redis_reachable() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def celery_worker(settings):
    if not _redis_reachable():
        pytest.skip("没有可用的 Redis（127.0.0.1:6379）：跳过真实 Celery worker 的测试")
    from celery.contrib.testing.worker import start_worker

    from gongkai.celery import app

    # A database of its own on the machine's Redis, emptied first: no stray messages.
    broker = "redis://127.0.0.1:6379/14"
    settings.CELERY_BROKER_URL = broker
    app.conf.broker_url = broker
    app.conf.result_backend = None
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield app


@pytest.mark.django_db(transaction=True)
def test_a_published_item_is_indexed_by_the_worker_after_commit(
    celery_worker, make_item, publish, search_backend, monkeypatch
):
    def not_here():
        pytest.fail("the web process applied the change itself instead of sending the task")

    monkeypatch.setattr(sync, "_apply_here", not_here)
    item = publish(make_item("社区矫正工作规定", "社区矫正对象应当按时报到。"))

    # The web process only sent the task; the worker applies the change.
    def found():
        return [hit.item.pk for hit in search.search("社区矫正").hits]

    # The worker removes the pending row, then reopens the index: wait for both.
    deadline = time.monotonic() + 60
    while (SearchPending.objects.exists() or not found()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not SearchPending.objects.exists()
    assert found() == [item.pk]
