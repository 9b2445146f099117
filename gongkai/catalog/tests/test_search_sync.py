"""The search index follows the database: no committed change is left behind."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError

from gongkai.catalog import search
from gongkai.catalog.models import SearchOp, SearchPending
from gongkai.catalog.search import engine, sync


def test_a_change_committed_while_another_writer_holds_the_lock_is_not_stranded(
    monkeypatch, make_item, publish
):
    first = publish(make_item("律师事务所年度检查考核结果公告"))
    second = publish(make_item("公证机构年度检查考核结果公告"))
    SearchPending.objects.all().delete()
    SearchPending.objects.create(item_id=first.pk, op=SearchOp.UPSERT)
    real_lock = engine.writer_lock
    raced = []

    @contextmanager
    def racing_lock(blocking=True):
        with real_lock(blocking=blocking) as acquired:
            yield acquired
            if acquired and not raced:
                # Writer B commits while A still holds the lock; B's own attempt fails.
                raced.append(True)
                SearchPending.objects.create(item_id=second.pk, op=SearchOp.UPSERT)
                assert sync.apply_pending(blocking=False) == 0

    monkeypatch.setattr(engine, "writer_lock", racing_lock)
    assert sync.apply_pending(blocking=False) == 2
    assert raced and not SearchPending.objects.exists()
    assert search.search("公证机构").total == 1


def test_a_rebuild_removes_only_the_pending_rows_it_saw(monkeypatch, make_item, publish):
    item = publish(make_item("律师事务所年度检查考核结果公告"))
    SearchPending.objects.all().delete()
    seen = SearchPending.objects.create(item_id=item.pk, op=SearchOp.UPSERT)
    real_rows = sync.indexed_rows

    def rows_and_a_late_commit(ids=None):
        # A transaction that took a lower id before the rebuild commits during it.
        if not SearchPending.objects.filter(pk=seen.pk - 1).exists():
            SearchPending.objects.create(pk=seen.pk - 1, item_id=item.pk, op=SearchOp.DELETE)
        return real_rows(ids)

    monkeypatch.setattr(sync, "indexed_rows", rows_and_a_late_commit)
    assert sync.rebuild() == 1
    assert list(SearchPending.objects.values_list("pk", flat=True)) == [seen.pk - 1]


def test_a_failed_apply_leaves_the_index_writable_in_the_same_process(
    monkeypatch, make_item, publish
):
    # A worker keeps a failed task's traceback, and with it the frame's writer: before, every
    # later change in that worker failed with tantivy's LockBusy until the process restarted.
    item = publish(make_item("社区矫正工作规定"))
    SearchPending.objects.all().delete()
    SearchPending.objects.create(item_id=item.pk, op=SearchOp.UPSERT)
    real_rows = sync.indexed_rows

    def busy_database(ids):
        raise OperationalError("database table is locked: catalog_item")

    monkeypatch.setattr(sync, "indexed_rows", busy_database)
    with pytest.raises(OperationalError) as kept:
        sync.apply_pending()
    assert kept.value.__traceback__ is not None  # still held, as a worker holds it
    monkeypatch.setattr(sync, "indexed_rows", real_rows)
    assert sync.apply_pending() == 1
    assert search.search("社区矫正").total == 1
