"""Celery in tests: `celery_eager` (a broker is set, tasks run at .delay() in this process) and
`celery_worker` (a real worker on the machine's Redis); gongkai/conftest.py offers both to
every test."""

import os
import socket

import pytest

REDIS = ("127.0.0.1", 6379)


def redis_test_url(slot: int) -> str:
    """A Redis database of the tests' own (slot 0: the worker's broker, 1: other uses), one pair
    per pytest-xdist worker, so two workers never empty or read each other's messages."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return f"redis://127.0.0.1:6379/{14 - slot - 2 * int(worker.removeprefix('gw') or 0)}"


# A database of its own on the machine's Redis, emptied first: no stray messages.
TEST_BROKER = redis_test_url(0)


def _redis_reachable() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
        return True
    except OSError:
        return False


def use_broker(app, broker: str | None, backend: str | None) -> None:
    """Point the app at another broker, dropping the connections it keeps (an earlier test's
    producer pool would send this test's tasks to the old broker)."""
    app.conf.broker_url, app.conf.result_backend = broker, backend
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    vars(app._local).pop("backend", None)


@pytest.fixture
def celery_eager(settings):
    """CELERY_BROKER_URL is set, and each task runs in this process when it is sent (Celery's
    eager mode): what the code does with a broker, without one. Retries run at once."""
    from gongkai.celery import app

    settings.CELERY_BROKER_URL = "memory://"
    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, False
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


def require_redis() -> None:
    """Skip the test when Redis is unreachable, unless GONGKAI_REQUIRE_REDIS is set (CI): then
    that is a failure."""
    if not _redis_reachable():
        message = "没有可用的 Redis（127.0.0.1:6379）：跳过真实 Celery worker 的测试"
        if os.environ.get("GONGKAI_REQUIRE_REDIS"):
            pytest.fail(f"GONGKAI_REQUIRE_REDIS is set but Redis is unreachable: {message}")
        pytest.skip(message)


@pytest.fixture
def celery_worker(settings):
    """A real worker (in a thread of this process) on the machine's Redis; see require_redis."""
    require_redis()
    from celery.contrib.testing.worker import start_worker

    from gongkai.celery import app

    settings.CELERY_BROKER_URL = TEST_BROKER
    saved = app.conf.broker_url, app.conf.result_backend
    use_broker(app, TEST_BROKER, TEST_BROKER)
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()
    # Both queues, as the README's one-worker setup runs it.
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=10,
        queues=["celery", "reports"],
    ):
        yield app
    use_broker(app, *saved)
