"""With CELERY_BROKER_URL set, the search index is kept in step by a real Celery worker."""

import time

import pytest
from django.db import connection

from gongkai.catalog import search
from gongkai.catalog.models import SearchPending
from gongkai.catalog.search import sync


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database locks whole tables between the test's thread and "
    "the worker's (SQLITE_LOCKED, no busy wait); workers run against PostgreSQL",
)
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
