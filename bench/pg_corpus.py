"""The PostgreSQL search bench's items, loaded fast enough for a million of them.

The bulk import (catalog.importing) checks every row, allocates 索引号 and inserts row by row;
at 10⁶ items that, the RUM index kept up row by row and a tantivy rebuild that segments the
text again take far longer than the searches measured. Here bench_search's seeded generator
runs in one worker process per core, each segmenting its chunk once and writing it as
PostgreSQL COPY text (the items and their search entries, tsvector literals included) plus the
same terms for tantivy. The parent streams the files in with COPY, builds the RUM index and the
catalog's secondary indexes once at the end, and fills tantivy from the terms: both backends
hold exactly the same items, segmented once.

One item in 50 is a draft and one in 50 is in review (no 索引号, no publication date): the
index holds them for the staff's search, and the public search must pass them over.
"""

import multiprocessing
import pickle
import time
from pathlib import Path

CHUNK = 20_000
LOADER_VERSION = "2"

ITEM_COLUMNS = (
    "id",
    "index_no",
    "title",
    "summary",
    "body",
    "doc_number",
    "written_on",
    "published_at",
    "kind",
    "validity",
    "validity_changed_on",
    "keywords",
    "status",
    "review_plan",
    "current_action",
    "created_at",
    "updated_at",
    "withdrawn_reason",
    "category_id",
    "organization_id",
    "topic_id",
    "review_round",
)

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    return str(value).translate(_ESCAPES)


def _copy_line(values) -> str:
    return "\t".join(_copy_value(v) for v in values) + "\n"


def _status(pk: int) -> str:
    return {0: "draft", 1: "in_review"}.get(pk % 50, "published")


def _write_chunk(task) -> tuple[int, int]:
    """Generate, segment and write chunk `k` (worker process). Returns (k, rows)."""
    import bench_search as corpus
    from django.utils import timezone

    from gongkai.catalog.search import engine, pg
    from gongkai.lib import text

    k, count, orgs, topics, categories, folder = task
    first = k * CHUNK + 1
    items, entries, documents = [], [], []
    index_text, literal = text.index_text, pg.tsvector_literal
    for offset, row in enumerate(corpus.generate(count, orgs, topics, categories, seed=1000 + k)):
        pk = first + offset
        status = _status(pk)
        published = row["published_at"] if status == "published" else None
        year = timezone.localtime(published).year if published else 0
        title, body = engine.document_texts(row)
        title_terms, body_terms = index_text(title), index_text(body)
        items.append(
            _copy_line(
                (
                    pk,
                    f"BENCH-{pk:07d}/{year}" if published else None,
                    row["title"],
                    row["summary"],
                    row["body"],
                    row["doc_number"],
                    row["written_on"].isoformat(),
                    published.isoformat() if published else None,
                    row["kind"],
                    row["validity"],
                    row["validity_changed_on"].isoformat() if row["validity_changed_on"] else None,
                    row["keywords"],
                    status,
                    "[]",
                    "",
                    row["published_at"].isoformat(),
                    row["published_at"].isoformat(),
                    "",
                    row["category_id"],
                    row["organization_id"],
                    row["topic_id"],
                    0,
                )
            )
        )
        entries.append(
            _copy_line(
                (
                    pk,
                    row["organization_id"],
                    row["topic_id"],
                    row["category_id"],
                    year,
                    row["validity"],
                    status,
                    literal(
                        title_terms,
                        body_terms,
                        {
                            "org": row["organization_id"],
                            "topic": row["topic_id"],
                            "category": row["category_id"],
                            "year": year,
                        },
                    ),
                )
            )
        )
        documents.append(
            (
                pk,
                row["organization_id"],
                row["topic_id"],
                row["category_id"],
                year,
                engine.VALIDITY_CODES[row["validity"]],
                title_terms,
                body_terms,
                engine.STATUS_CODES[status],
            )
        )
    base = Path(folder) / f"{k:04d}"
    base.with_suffix(".items").write_text("".join(items))
    base.with_suffix(".entries").write_text("".join(entries))
    base.with_suffix(".terms").write_bytes(pickle.dumps(documents, protocol=5))
    return k, count


def load(n_items: int, orgs, topics, categories, folder: Path, log) -> None:
    """Replace the bench database's items and search entries with `n_items` generated ones and
    rebuild the tantivy index (under GONGKAI_SEARCH_INDEX_DIR) from the same terms."""
    from django.db import connection

    from gongkai.catalog import importing
    from gongkai.catalog.models import Item, SearchEntry
    from gongkai.catalog.search import engine, pg

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.items"):
        for suffix in (".items", ".entries", ".terms"):
            old.with_suffix(suffix).unlink(missing_ok=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE catalog_item, catalog_indexnumbercounter, catalog_searchpending,"
            " catalog_searchentry CASCADE"
        )
        cursor.execute(f"DROP INDEX IF EXISTS {pg.INDEX_NAME}")
        cursor.execute(f"DROP INDEX IF EXISTS {pg.GIN_INDEX_NAME}")
    importing._drop_secondary_indexes()
    tasks = [
        (k, min(CHUNK, n_items - k * CHUNK), orgs, topics, categories, str(folder))
        for k in range(-(-n_items // CHUNK))
    ]
    start = time.perf_counter()
    connection.close()  # not shared with the forked workers
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for done, _ in enumerate(pool.imap_unordered(_write_chunk, tasks), start=1):
            if done % 10 == 0:
                log(f"  生成并分词 {done}/{len(tasks)} 块……")
    log(f"  生成并分词（2 个进程）耗时 {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    item_sql = f"COPY {Item._meta.db_table} ({', '.join(ITEM_COLUMNS)}) FROM STDIN"
    entry_sql = f"COPY {SearchEntry._meta.db_table} ({', '.join(pg.COLUMNS)}) FROM STDIN"
    raw = connection.cursor().connection  # psycopg's own connection, for COPY
    with raw.cursor() as cursor:
        for k, _count in ((t[0], t[1]) for t in tasks):
            base = folder / f"{k:04d}"
            for sql, suffix in ((item_sql, ".items"), (entry_sql, ".entries")):
                with cursor.copy(sql) as copy:
                    copy.write(base.with_suffix(suffix).read_bytes())
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [Item._meta.db_table, n_items]
        )
    raw.commit()
    log(f"  COPY 写入耗时 {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
    pg.ensure_index()
    log(f"  建 RUM 与 GIN 索引耗时 {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    importing._create_secondary_indexes()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log(f"  建其他索引并 VACUUM ANALYZE 耗时 {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    engine.forget_index()
    index = engine.get_index()
    with engine.writer_lock(blocking=True):
        writer = engine.open_writer(index, heap_mb=256, threads=2)
        writer.delete_all_documents()
        for k, _count in ((t[0], t[1]) for t in tasks):
            documents = pickle.loads((folder / f"{k:04d}").with_suffix(".terms").read_bytes())
            for at in range(0, len(documents), engine.ADD_CHUNK):
                part = documents[at : at + engine.ADD_CHUNK]
                engine.add_documents(writer, [engine.item_document(*d) for d in part])
        writer.commit()
        writer.wait_merging_threads()
    index.reload()
    log(f"  tantivy 由同样的分词结果建索引耗时 {time.perf_counter() - start:.1f} s")
    (folder / "loaded").write_text(f"{n_items} {LOADER_VERSION}")
    for old in folder.glob("*.items"):
        for suffix in (".items", ".entries", ".terms"):
            old.with_suffix(suffix).unlink(missing_ok=True)


def loaded(n_items: int, folder: Path) -> bool:
    """True when the database and index already hold this loader's `n_items` items."""
    from gongkai.catalog.models import Item

    marker = folder / "loaded"
    return (
        marker.exists()
        and marker.read_text() == f"{n_items} {LOADER_VERSION}"
        and Item.objects.count() == n_items
    )
