"""Bulk import of already-published items (an office's back catalog, the demo, the bench).

The items were reviewed and published elsewhere, so they go straight in as published: index
numbers are allocated a block at a time, rows are inserted in batches, and the search index is
written in the same pass (no pending rows), under the single-writer lock. Segmentation, the
costliest step, can run in worker processes while this process writes the database.
"""

import gc
import multiprocessing
import queue as queue_module
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from itertools import islice

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.lib import counters, pagecache, planner, text

from .models import (
    Category,
    IndexNumberCounter,
    Item,
    ItemKind,
    ItemStatus,
    SearchOp,
    SearchPending,
    Topic,
    Validity,
)
from .search import engine
from .search import sync as search_sync
from .services import INDEX_NUMBER_FORMAT_DEFAULT

FIELDS = (
    "organization_id",
    "title",
    "summary",
    "body",
    "doc_number",
    "written_on",
    "published_at",
    "topic_id",
    "category_id",
    "kind",
    "validity",
    "validity_changed_on",
    "keywords",
)


class ImportRowError(ValueError):
    """A row the import refuses; the message names the row (1-based) and the problem."""


_VALID, _GENERAL = Validity.VALID.value, ItemKind.GENERAL.value
_PUBLISHED = ItemStatus.PUBLISHED.value


class _Checker:
    """Checks rows before anything of them is written."""

    def __init__(self):
        self.orgs = set(Organization.objects.values_list("pk", flat=True))
        self.topics = set(Topic.objects.values_list("pk", flat=True))
        self.categories = set(Category.objects.values_list("pk", flat=True))
        # The choices' values once: `Choices.values` builds a new list on every access.
        self.kinds = frozenset(ItemKind.values)
        self.validities = frozenset(Validity.values)

    def check(self, number: int, row: dict) -> None:
        """Raises ImportRowError for the first problem of the row; a good row costs little
        (one pass of cheap tests, the messages built only on failure)."""
        get = row.get
        title, body, written = get("title"), get("body"), get("written_on")
        published, validity = get("published_at"), get("validity", _VALID)
        summary, doc_number, keywords = (
            get("summary", ""),
            get("doc_number", ""),
            get("keywords", ""),
        )
        if (
            get("organization_id") in self.orgs
            and type(title) is str
            and len(title) <= 200
            and type(body) is str
            and type(summary) is str
            and len(summary) <= 300
            and type(doc_number) is str
            and len(doc_number) <= 100
            and type(keywords) is str
            and len(keywords) <= 200
            and type(written) is date
            and type(published) is datetime
            and published.tzinfo is not None
            and get("topic_id") in self.topics
            and get("category_id") in self.categories
            and get("kind", _GENERAL) in self.kinds
            and validity == _VALID
            and get("validity_changed_on") is None
            and title.strip()
            and body.strip()
        ):
            return
        self._explain(number, row)

    def _explain(self, number: int, row: dict) -> None:
        def fail(message: str):
            raise ImportRowError(f"第 {number} 行：{message}")

        if row.get("organization_id") not in self.orgs:
            fail(f"发布机构 {row.get('organization_id')!r} 不存在。")
        title = row.get("title")
        if not isinstance(title, str) or not title.strip() or len(title) > 200:
            fail("名称不能为空，且不超过 200 个字。")
        if not isinstance(row.get("body"), str) or not row["body"].strip():
            fail("正文不能为空。")
        # Checked here, not left to the database: a row refused by the INSERT halfway through
        # a large import leaves the batches before it written and their numbers spent.
        for key, label, limit in (
            ("summary", "内容概述", 300),
            ("doc_number", "文号", 100),
            ("keywords", "主题词", 200),
        ):
            value = row.get(key, "")
            if not isinstance(value, str):
                fail(f"{label}应为文字（可以为空字符串），不能是 {value!r}。")
            if len(value) > limit:
                fail(f"{label}不超过 {limit} 个字。")
        written = row.get("written_on")
        if not isinstance(written, date) or isinstance(written, datetime):
            fail("成文日期缺失或不是日期。")
        published = row.get("published_at")
        if not isinstance(published, datetime) or published.tzinfo is None:
            fail("发布日期缺失，或不是带时区的日期时间。")
        if row.get("topic_id") not in self.topics:
            fail(f"主题分类 {row.get('topic_id')!r} 不存在。")
        if row.get("category_id") not in self.categories:
            fail(f"信息类别 {row.get('category_id')!r} 不存在。")
        if row.get("kind", ItemKind.GENERAL) not in self.kinds:
            fail(f"体裁 {row.get('kind')!r} 无效。")
        validity = row.get("validity", Validity.VALID)
        if validity not in self.validities:
            fail(f"有效性 {validity!r} 无效，应为 {'、'.join(Validity.values)}。")
        changed = row.get("validity_changed_on")
        if changed is not None and (not isinstance(changed, date) or isinstance(changed, datetime)):
            fail("有效性变更日期不是日期。")
        if validity != Validity.VALID:
            if not isinstance(changed, date):
                fail(f"有效性为“{Validity(validity).label}”时必须填写有效性变更日期。")
            if changed < written:
                fail("有效性变更日期不能早于成文日期。")


def allocate_index_block(organization_id: int, year: int, count: int) -> int:
    """Reserve `count` consecutive serials; returns the first. Same counter as one-by-one."""
    return counters.reserve(
        IndexNumberCounter, "last_serial", organization_id=organization_id, year=year, count=count
    )


def _reserve_ids(count: int) -> list[int]:
    """Primary keys for `count` new items, taken the way the database would hand them out."""
    table = Item._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so MAX(id) is ours.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def _batches(rows: Iterable[dict], size: int) -> Iterator[tuple[int, list[dict]]]:
    """(offset of the batch's first row, the batch)."""
    iterator = iter(rows)
    start = 0
    while batch := list(islice(iterator, size)):
        yield start, batch
        start += len(batch)


def _add_rows(writer, rows: Sequence[dict], ids: list[int], years: list[int]) -> None:
    """Segment and index rows that were written under `ids` (the hot loop of indexing)."""
    document, index_text, texts = engine.item_document, text.index_text, engine.document_texts
    codes = engine.VALIDITY_CODES
    chunk = engine.ADD_CHUNK
    for start in range(0, len(ids), chunk):
        documents = []
        for pk, row, year in zip(
            ids[start : start + chunk],
            rows[start : start + chunk],
            years[start : start + chunk],
            strict=True,
        ):
            title, body = texts(row)
            documents.append(
                document(
                    pk,
                    row["organization_id"],
                    row["topic_id"],
                    row["category_id"],
                    year,
                    codes[row.get("validity", _VALID)],
                    index_text(title),
                    index_text(body),
                )
            )
        engine.add_documents(writer, documents)


PUT_TIMEOUT = 5.0  # seconds between liveness checks of the indexing child
# An import this large changes the catalog's size enough for the planner to need new statistics.
STATISTICS_AFTER = 1000


class _InProcessIndexer:
    def __init__(self):
        self.index = engine.get_index()
        self.writer = engine.open_writer(self.index, heap_mb=256, threads=1)

    def add(self, start: int, ids: list[int], years: list[int], batch: list[dict]) -> None:
        _add_rows(self.writer, batch, ids, years)

    def finish(self) -> None:
        self.writer.commit()
        self.writer.wait_merging_threads()

    def abort(self) -> None:
        self.writer.rollback()


class _PostgresIndexer:
    """The PostgreSQL search backend's entries, written batch by batch as the items are (the
    database is the index: a stopped import leaves pending rows as with tantivy)."""

    def add(self, start: int, ids: list[int], years: list[int], batch: list[dict]) -> None:
        from .search import pg

        index_text, texts, literal = text.index_text, engine.document_texts, pg.tsvector_literal
        values = []
        for pk, row, year in zip(ids, batch, years, strict=True):
            title, body = texts(row)
            org, topic, category = row["organization_id"], row["topic_id"], row["category_id"]
            facets = {"org": org, "topic": topic, "category": category, "year": year}
            values.append(
                (
                    pk,
                    org,
                    topic,
                    category,
                    year,
                    row.get("validity", _VALID),
                    _PUBLISHED,
                    literal(index_text(title), index_text(body), facets),
                )
            )
        pg.write_entries(values)

    def finish(self) -> None:
        pass

    def abort(self) -> None:
        pass


def _index_worker(queue, source: Sequence[dict] | None) -> None:
    # No cyclic garbage is made here, and collections would walk every batch received.
    gc.disable()
    # A fresh index handle in the child: the parent's (and its threads) do not survive fork.
    engine.forget_index()
    writer = engine.open_writer(engine.get_index(), heap_mb=256, threads=1)
    while (message := queue.get()) is not None:
        start, ids, years, batch = message
        if batch is None:
            # The rows are the caller's list, inherited through fork: only ids travel.
            batch = source[start : start + len(ids)]
        _add_rows(writer, batch, ids, years)
    writer.commit()
    writer.wait_merging_threads()


class _ProcessIndexer:
    """Segments and indexes in a child process while the parent writes the database.

    Given the caller's list of rows (`source`), the child reads them from the memory it
    inherits and each batch costs the pipe a list of ids; otherwise the batch's rows travel.
    Reading the rows touches their reference counts, so the pages holding them are copied
    into the child as it goes: a list import needs up to twice the list's memory.
    """

    def __init__(self, source: Sequence[dict] | None):
        self.source = source
        context = multiprocessing.get_context("fork")
        # Messages of ids alone may pile up: the parent then finishes writing early and builds
        # the database's indexes while the child still indexes, each on its own core. Rows
        # sent whole are held to a few batches in flight.
        self.queue = context.Queue(maxsize=0 if source is not None else 4)
        self.process = context.Process(target=_index_worker, args=(self.queue, source), daemon=True)
        # Freeze the parent's objects first: otherwise the child's garbage collector walks
        # them all (the caller may hold a million rows) and copy-on-write copies every page.
        gc.freeze()
        try:
            self.process.start()
        finally:
            gc.unfreeze()

    def add(self, start: int, ids: list[int], years: list[int], batch: list[dict]) -> None:
        if self.source is not None:
            # The queue of ids is unbounded, so a put never waits and never finds the child
            # gone: look, or a dead child would be noticed only after the last row.
            self._check_alive()
            self._put((start, ids, years, None))
        else:
            self._put((start, ids, years, batch))

    def _check_alive(self) -> None:
        if not self.process.is_alive():
            raise RuntimeError(
                f"索引进程已退出（{self.process.exitcode}），请运行 gongkai search rebuild"
            )

    def _put(self, message) -> None:
        # With a timeout and a liveness check: a dead child never empties the queue.
        while True:
            try:
                self.queue.put(message, timeout=PUT_TIMEOUT)
                return
            except queue_module.Full:
                self._check_alive()

    def abort(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        # Messages still unsent stay unsent: otherwise the queue's feeder thread, blocked on a
        # pipe nobody reads, would keep this process from ever exiting.
        self.queue.cancel_join_thread()

    def finish(self) -> None:
        self._put(None)
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(
                f"索引进程异常退出（{self.process.exitcode}），请运行 gongkai search rebuild"
            )


def import_published(
    rows: Iterable[dict],
    *,
    batch_size: int = 2000,
    workers: int = 0,
    defer_indexes: bool = False,
    stdout=None,
) -> int:
    """Insert published items given as dicts of FIELDS and index them. Returns the count.

    Rows are checked before they are written (ImportRowError names the row): all of them up
    front when given as a list, else each batch before its transaction. If the import stops
    midway, the batches already committed get pending search rows, so `gongkai search apply`
    (or the next change) indexes them; nothing is left in the database but not findable.

    With `workers` > 0 a child process segments and indexes while this one writes the
    database (the index lags the database by a batch or two until the end).
    `defer_indexes` drops the catalog's secondary indexes for the load and rebuilds them at
    the end, several times faster for a large back catalog; only for an offline load, since
    lists are slow without them.
    """
    codes = dict(Organization.objects.values_list("pk", "code"))
    template = getattr(settings, "GONGKAI_INDEX_NUMBER_FORMAT", INDEX_NUMBER_FORMAT_DEFAULT)
    tz = timezone.get_current_timezone()
    checker = _Checker()
    # A list is checked, dated and numbered up front: its index numbers are reserved in one
    # go (a counter update per organization and year, not per batch), and an indexing child
    # reads it from the memory it inherits.
    source = rows if isinstance(rows, Sequence) else None
    years: list[int] = []
    numbering = None
    if source is not None:
        for number, row in enumerate(source, start=1):
            checker.check(number, row)
        years = _years(source, tz)
        numbering, reserved_ends = _reserve_numbers(source, years)
    total = 0
    written: list[int] = []
    if defer_indexes:
        _drop_secondary_indexes()
    dropped = defer_indexes
    # The loop makes no cyclic garbage, yet its tuples would set off collections that walk
    # every object the caller holds (a million rows): the collector rests until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _bulk_pragmas(offline=defer_indexes), engine.writer_lock(blocking=True):
            if search_sync.backend() == "postgres":
                indexer = _PostgresIndexer()
            else:
                indexer = _ProcessIndexer(source) if workers else _InProcessIndexer()
            try:
                for start, batch in _batches(rows, batch_size):
                    if source is None:
                        for number, row in enumerate(batch, start=start + 1):
                            checker.check(number, row)
                        batch_years = _years(batch, tz)
                    else:
                        batch_years = years[start : start + len(batch)]
                    ids = _write(batch, batch_years, numbering, codes, template)
                    written.extend(ids)
                    indexer.add(start, ids, batch_years, batch)
                    total += len(batch)
                    if stdout is not None and total % (batch_size * 50) == 0:
                        stdout.write(f"已导入 {total} 条……")
                if dropped:
                    # While the indexing process works through the last batches.
                    dropped = False
                    _create_secondary_indexes()
                indexer.finish()
            except BaseException:
                indexer.abort()
                _leave_pending(written)
                if numbering is not None:
                    _release_numbers(numbering, reserved_ends)
                raise
            engine.get_index().reload()
    finally:
        if collecting:
            gc.enable()
        if dropped:
            _create_secondary_indexes()
        # Written by SQL of its own, past the model signals: the lists show the committed
        # batches now, even when the import stopped midway.
        pagecache.changed()
    if total >= STATISTICS_AFTER:
        planner.refresh_statistics()
    return total


def _years(rows: Sequence[dict], tz) -> list[int]:
    """Publication years in the site's time zone (they number and file the items)."""
    return [row["published_at"].astimezone(tz).year for row in rows]


def _reserve_numbers(
    rows: Sequence[dict], years: list[int]
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """Reserve the serials `rows` need. Returns the next serial and the last one reserved, per
    (organization, year).

    Committed at once; if the import then fails, `_release_numbers` gives back what no row
    used, unless someone has taken numbers after them meanwhile (then they stay a gap: a
    number is never given twice).
    """
    need = Counter(zip((row["organization_id"] for row in rows), years, strict=True))
    first = {key: allocate_index_block(*key, n) for key, n in need.items()}
    return first, {key: first[key] + need[key] - 1 for key in need}


def _release_numbers(
    numbering: dict[tuple[int, int], int], reserved_ends: dict[tuple[int, int], int]
) -> None:
    try:
        with transaction.atomic():
            for (organization_id, year), end in reserved_ends.items():
                counters.release(
                    IndexNumberCounter,
                    "last_serial",
                    organization_id=organization_id,
                    year=year,
                    reserved_to=end,
                    used_to=numbering[organization_id, year] - 1,
                )
    except DatabaseError:
        pass  # the database itself failed: the numbers stay unused, a gap


@contextmanager
def _bulk_pragmas(*, offline: bool):
    """SQLite settings for this connection while it loads, restored afterwards.

    A larger page cache keeps the B-trees in memory. With WAL, synchronous=NORMAL syncs at
    checkpoints rather than every commit (SQLite's own recommendation for WAL; a crash loses
    at most the last batches, which a re-run of the import restores). An offline load
    (`defer_indexes`) goes further, synchronous=OFF: no syncs at all until the end, when the
    previous setting comes back; only a crash of the machine itself during the load could
    damage the file, and an offline load is restarted from a copy anyway.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # PostgreSQL has nothing of the kind; SQLite refuses `synchronous` in a transaction.
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (cache_size,) = cursor.fetchone()
        cursor.execute("PRAGMA synchronous")
        (synchronous,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")
        cursor.execute(f"PRAGMA synchronous = {'OFF' if offline else 'NORMAL'}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")


def _leave_pending(ids: list[int]) -> None:
    """Pending search rows for items committed by an import that then failed."""
    with transaction.atomic():
        SearchPending.objects.bulk_create(
            [SearchPending(item_id=pk, op=SearchOp.UPSERT) for pk in ids], batch_size=1000
        )


def _drop_secondary_indexes() -> None:
    with connection.schema_editor() as editor:
        for index in Item._meta.indexes:
            editor.remove_index(Item, index)


def _create_secondary_indexes() -> None:
    with connection.schema_editor() as editor:
        for index in Item._meta.indexes:
            editor.add_index(Item, index)


# Columns written by the bulk path; the others take the constant defaults in _constants().
# validity_changed_on, empty for most rows, goes last and only into the rows that have one.
_ROW_COLUMNS = ("id", "index_no", *(f for f in FIELDS if f != "validity_changed_on"))


def _constants() -> dict:
    """Database values of the columns every imported row shares."""
    now = timezone.now()
    values = {
        "status": ItemStatus.PUBLISHED.value,
        "review_plan": [],
        "review_position": None,
        "review_round": 0,
        "current_action": "",
        "drafting_division": None,
        "revised_at": None,
        "created_by": None,
        "created_at": now,
        "updated_at": now,
        "submitted_at": None,
        "withdrawn_at": None,
        "withdrawn_reason": "",
        "withdrawn_by": None,
        "interprets": None,
    }
    prepared = {}
    for name, value in values.items():
        field = Item._meta.get_field(name)
        # NULL columns are left out of the INSERT: the sqlite3 module binds a None through a
        # failed adapter lookup, which costs more than storing the rest of the row.
        if (value := field.get_db_prep_save(value, connection)) is not None:
            prepared[field.column] = value
    return prepared


def _insert_sql(columns: Sequence[str]) -> str:
    return (
        f"INSERT INTO {Item._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )


def _write(
    batch: list[dict],
    years: list[int],
    numbering: dict[tuple[int, int], int] | None,
    codes: dict[int, str],
    template: str,
) -> list[int]:
    """Insert one batch in one transaction; returns the ids given to its rows.

    `numbering` holds the next serial per (organization, year) when the whole import was
    reserved up front; without it the batch reserves its own numbers in its transaction.
    """
    adapt = _adapters()
    date_value, datetime_value = adapt["written_on"], adapt["published_at"]
    constants = _constants()
    columns = [*_ROW_COLUMNS, *constants]
    tail = tuple(constants.values())
    number = template.format
    # The caller's numbering moves on only once the batch is committed (see _release_numbers).
    serials = dict(numbering) if numbering is not None else None
    with transaction.atomic():
        if serials is None:
            serials, _ = _reserve_numbers(batch, years)
        ids = _reserve_ids(len(batch))
        plain, dated = [], []
        for pk, row, year in zip(ids, batch, years, strict=True):
            org = row["organization_id"]
            serial = serials[org, year]
            serials[org, year] = serial + 1
            get = row.get
            values = (
                pk,
                number(org_code=codes[org], year=year, serial=serial),
                org,
                row["title"],
                get("summary", ""),
                row["body"],
                get("doc_number", ""),
                date_value(row["written_on"]),
                datetime_value(row["published_at"]),
                row["topic_id"],
                row["category_id"],
                get("kind", _GENERAL),
                get("validity", _VALID),
                get("keywords", ""),
                *tail,
            )
            if changed := get("validity_changed_on"):
                dated.append((*values, date_value(changed)))
            else:
                plain.append(values)
        with connection.cursor() as cursor:
            cursor.executemany(_insert_sql(columns), plain)
            if dated:
                cursor.executemany(_insert_sql([*columns, "validity_changed_on"]), dated)
    if numbering is not None:
        numbering.update(serials)
    return ids


def _adapters() -> dict:
    ops = connection.ops
    datetime_value = ops.adapt_datetimefield_value
    date_value = ops.adapt_datefield_value
    if connection.vendor == "sqlite":
        # What Django's SQLite backend stores (ISO dates, naive UTC text for datetimes),
        # without its per-call checks and setting lookups: a million calls add up.
        date_value = str

        def datetime_value(value):
            return str(value.astimezone(UTC).replace(tzinfo=None))

    return {
        "written_on": date_value,
        "validity_changed_on": date_value,
        "published_at": datetime_value,
    }
