"""Keeping the index in step with the database.

Every change to an item's text, status or filters (a draft created, edited, submitted, returned,
published, corrected, withdrawn; a validity edit) writes a SearchPending row in its own
transaction and asks for `apply_pending` after commit. The index holds every item with its
status (the staff search finds drafts; the public search asks for published items only). The
writer re-reads each item from the database and replaces its document (or drops it when the
item is gone), so applying a row twice is harmless and the order of rows does not matter.
Rows are deleted only after the index commit, so a crash leaves them to be applied again.
"""

import logging
import time

import tantivy
from django.conf import settings
from django.db import DatabaseError, connections, transaction

from gongkai.lib import pagecache

from ..models import Item, SearchPending
from . import engine

log = logging.getLogger(__name__)
BATCH = 500


def enqueue(item_id: int, op: str) -> None:
    """Record a pending change (inside the caller's transaction) and apply it after commit."""
    SearchPending.objects.create(item_id=item_id, op=op)
    transaction.on_commit(_apply_after_commit)


def _apply_after_commit() -> None:
    from gongkai import celery

    if celery.enabled():
        # Several app servers: a worker applies it (a shared index: the PostgreSQL backend).
        try:
            from ..tasks import search_apply

            search_apply.delay()
            return
        except Exception:  # the broker is down: apply here, the periodic task catches up
            log.exception("无法把索引更新交给 Celery，改在本进程处理")
    _apply_here()


def _apply_here() -> None:
    # In-process and best effort: if another process holds the writer, it or the
    # `gongkai search apply --loop` worker takes the rows; readers re-check the database anyway.
    try:
        apply_pending(blocking=False)
    except Exception:  # the change itself is committed; the index only lags
        log.exception("搜索索引更新失败，待处理记录保留，稍后由 gongkai search apply 处理")


def backend() -> str:
    """`tantivy` (the embedded default) or `postgres` (shared by every app server)."""
    return settings.GONGKAI_SEARCH_BACKEND


def _postgres():
    from . import pg  # only imported when chosen

    return pg


def indexed_rows(ids=None):
    """The rows documents are built from: every item, whatever its status."""
    items = Item.objects.all()
    if ids is not None:
        items = items.filter(pk__in=ids)
    return items.values(*engine.DOC_COLUMNS)


# How often apply_pending takes the lock again for rows committed while it held it.
RETRIES = 5


def apply_pending(*, blocking: bool = True) -> int:
    """Apply every pending change; returns how many rows were applied (0 if the lock was busy).

    A writer that finds the lock busy leaves its rows to the holder. So the holder, after
    releasing the lock, looks again: a row committed while it held the lock (whose writer gave
    up) is taken on a further pass, or by whoever holds the lock by then, who will look again
    in turn. The passes are bounded; `gongkai search apply --loop` catches anything left.
    """
    applied = _apply_pending(blocking=blocking)
    if applied:
        # Search pages cached since the item changed may lack it: they show the index's state.
        pagecache.changed()
    return applied


def _apply_pending(*, blocking: bool) -> int:
    applied = 0
    if backend() == "postgres":
        return _postgres().drain(blocking=blocking, indexed_rows=indexed_rows, batch=BATCH)
    for _ in range(RETRIES):
        with engine.writer_lock(blocking=blocking) as acquired:
            if not acquired:
                return applied
            applied += _drain()
        if not SearchPending.objects.exists():
            break
    return applied


def _drain() -> int:
    """Apply pending rows until none is left (call with the writer lock held)."""
    applied = 0
    index = engine.get_index()
    while True:
        rows = list(SearchPending.objects.order_by("pk").values_list("pk", "item_id")[:BATCH])
        if not rows:
            break
        ids = sorted({item_id for _, item_id in rows})
        writer = engine.open_writer(index)
        try:
            for item_id in ids:
                # By query: delete_documents_by_term would build a signed-integer term that
                # never matches the unsigned id field.
                writer.delete_documents_by_query(
                    tantivy.Query.term_query(engine.SCHEMA, "id", item_id)
                )
            for row in indexed_rows(ids):
                writer.add_document(engine.make_document(row))
            writer.commit()
        except BaseException:
            # Release tantivy's own lock now: the traceback a worker keeps would keep the
            # writer alive, and every later change in this process would fail with LockBusy.
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        SearchPending.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
        applied += len(rows)
    index.reload()
    return applied


def catch_up(*, stdout=None) -> int:
    """What the worker does each time: rebuild an index emptied for a new layout, otherwise
    apply the pending changes. Returns the items rebuilt or the rows applied."""
    if needs_rebuild():
        count = rebuild(stdout=stdout)
        if stdout is not None:
            stdout.write(f"索引格式已更新，已按数据库重建，共 {count} 条信息。")
        return count
    return apply_pending(blocking=True)


def apply_loop(*, interval: float = 2.0, stdout=None) -> None:
    """Run forever: catch up every `interval` seconds (the worker process)."""
    while True:
        count = catch_up(stdout=stdout)
        if count and stdout is not None:
            stdout.write(f"已更新索引 {count} 条")
        time.sleep(interval)


def needs_rebuild() -> bool:
    """True while search finds nothing until a rebuild: a tantivy index of an older layout, or
    a PostgreSQL table without its RUM index while there are items to find (a new database
    gets its index from `migrate`, see index_new_database; saying "rebuild" before that, as
    the checks `migrate` runs first did, sent a new install to a step it does not need)."""
    if backend() == "postgres":
        return not _postgres().index_exists() and _has_items()
    return engine.needs_rebuild()


def _has_items(using: str = "default") -> bool:
    try:
        return Item.objects.using(using).exists()
    except DatabaseError:  # not migrated yet: the checks run before `migrate` makes the table
        return False


def index_new_database(using="default", **kwargs) -> None:
    """After `migrate`: a new PostgreSQL install searches at once. With no items yet there is
    nothing to rebuild, so the RUM index is made here instead of waiting for
    `gongkai search rebuild` (which a site with items still needs, and is told so)."""
    conn = connections[using]
    if backend() != "postgres" or conn.vendor != "postgresql":
        return
    pg = _postgres()
    if pg.index_exists(conn) or _has_items(using):
        return
    pg.ensure_index(conn, required=False)


def rebuild(*, stdout=None, chunk: int = 2000) -> int:
    """Recreate the index from the items in the database. Returns the count."""
    count = _rebuild(stdout=stdout, chunk=chunk)
    pagecache.changed()
    return count


def _rebuild(*, stdout, chunk: int) -> int:
    if backend() == "postgres":
        return _postgres().rebuild(indexed_rows=indexed_rows, chunk=chunk, stdout=stdout)
    with engine.writer_lock(blocking=True):
        # Rows pending now are covered by the rebuild; later ones stay for the next apply.
        # Exactly these rows: on PostgreSQL a row with a lower id may still be uncommitted now
        # and commit later, after the rebuild has read its item; it must stay to be applied.
        seen = list(SearchPending.objects.values_list("pk", flat=True))
        index = engine.get_index()
        marker = engine.rebuild_marker()
        writer = engine.open_writer(index, heap_mb=128, threads=2)
        writer.delete_all_documents()
        count, last_pk = 0, 0
        while True:
            rows = list(indexed_rows().filter(pk__gt=last_pk).order_by("pk")[:chunk])
            if not rows:
                break
            # Documents built first, then handed over in a burst: see engine.add_documents.
            engine.add_documents(writer, [engine.make_document(row) for row in rows])
            count += len(rows)
            last_pk = rows[-1]["pk"]
            if stdout is not None:
                stdout.write(f"已索引 {count} 条……")
        writer.commit()
        writer.wait_merging_threads()
        for start in range(0, len(seen), BATCH):
            SearchPending.objects.filter(pk__in=seen[start : start + BATCH]).delete()
        engine.rebuilt(marker)
        index.reload()
    return count
