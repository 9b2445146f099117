"""The tantivy index: its schema, where it lives, how items become documents, one writer.

Text fields receive rjieba terms joined by spaces (see gongkai.lib.text) and are split again by
tantivy's whitespace tokenizer, so index and query use the same segmentation. Nothing is stored
in the index: hits carry the item id in a fast field and everything shown comes from the
database.
"""

import fcntl
import os
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import tantivy
from django.conf import settings
from django.utils import timezone

from gongkai.lib import text

# Bump when the schema or the segmentation changes: an index of an older version is emptied
# and rebuilt (see _open).
SCHEMA_VERSION = 4
TITLE_BOOST = 3.0

# Validity and status as small integers in the index (fast fields); the codes never change
# meaning. The index holds every item, drafts included, for the staff's search; the public
# search asks for PUBLISHED_CODE only.
VALIDITY_CODES = {"valid": 1, "expired": 2, "repealed": 3}
STATUS_CODES = {"draft": 1, "in_review": 2, "published": 3, "withdrawn": 4}
PUBLISHED_CODE = STATUS_CODES["published"]


ANALYZER = "gongkai_terms"


def build_analyzer() -> tantivy.TextAnalyzer:
    """Whitespace-separated rjieba tokens, minus punctuation and stop words (in Rust, much
    cheaper than in Python)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.custom_stopword(sorted(text.STOPWORDS | text.PUNCTUATION)))
        .build()
    )


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", indexed=True, fast=True)
    # Title, 文号 and 主题词 weigh more than the body and summary.
    builder.add_text_field("title", tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field("body", tokenizer_name=ANALYZER, index_option="freq")
    for name in ("org", "topic", "category", "year", "validity", "status"):
        builder.add_unsigned_field(name, indexed=True, fast=True)
    return builder.build()


SCHEMA = build_schema()

_lock = threading.Lock()
_indexes: dict[str, tantivy.Index] = {}


def index_dir() -> Path:
    return Path(settings.GONGKAI_SEARCH_INDEX_DIR)


VERSION_FILE = "gongkai-schema-version"
# Left by an index emptied for a new layout until a rebuild refills it.
REBUILD_MARKER = "gongkai-needs-rebuild"
_LOCK_FILES = (".gongkai-writer.lock", ".gongkai-open.lock")


def _version_on_disk(path: Path) -> int | None:
    try:
        return int((path / VERSION_FILE).read_text().strip())
    except FileNotFoundError:
        return None
    except ValueError:
        return 0  # unreadable: as old as can be


def _outdated(path: Path) -> bool:
    # Only an older layout: while an upgrade rolls out, a process still running the previous
    # code must not empty the index the new code has just rebuilt.
    version = _version_on_disk(path)
    return version is not None and version < SCHEMA_VERSION


def needs_rebuild() -> bool:
    """True while the index is of an older layout or was emptied for the current one: search
    finds nothing until `gongkai search rebuild` (or the `apply` worker) refills it."""
    path = index_dir()
    return (path / REBUILD_MARKER).exists() or _outdated(path)


def rebuild_marker() -> str | None:
    """Which marker is there now (each one carries a token of its own), if any."""
    try:
        return (index_dir() / REBUILD_MARKER).read_text()
    except FileNotFoundError:
        return None


def rebuilt(seen: str | None) -> None:
    """Remove the marker a rebuild found when it started; one left meanwhile (the index
    emptied again during the rebuild) stays."""
    if seen is not None and rebuild_marker() == seen:
        (index_dir() / REBUILD_MARKER).unlink(missing_ok=True)


def _open(path: Path) -> tantivy.Index:
    path.mkdir(parents=True, exist_ok=True)
    # Processes opening the index at once (web workers starting together, the worker) check
    # and empty it one at a time, and the version file is replaced whole, never seen empty.
    with _flock(path / ".gongkai-open.lock", blocking=True):
        if _outdated(path):
            # An index from an older layout: start empty and say so; the `apply` worker (or
            # `gongkai search rebuild`) refills it, and the system check and dashboard warn.
            (path / REBUILD_MARKER).write_text(uuid.uuid4().hex)
            for child in path.iterdir():
                if child.is_file() and child.name not in (*_LOCK_FILES, REBUILD_MARKER):
                    child.unlink()
        index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
        index.register_tokenizer(ANALYZER, build_analyzer())
        if _version_on_disk(path) is None or _outdated(path):
            staged = path / f".{VERSION_FILE}.{os.getpid()}"
            staged.write_text(str(SCHEMA_VERSION))
            os.replace(staged, path / VERSION_FILE)
    return index


def get_index() -> tantivy.Index:
    """The index for the configured directory, opened once per process."""
    key = str(index_dir())
    index = _indexes.get(key)
    if index is None:
        with _lock:
            index = _indexes.get(key)
            if index is None:
                index = _indexes[key] = _open(Path(key))
    return index


def forget_index() -> None:
    """Drop cached handles (tests point the directory elsewhere; rebuilds start afresh)."""
    with _lock:
        _indexes.clear()


@contextmanager
def _flock(lock_path: Path, *, blocking: bool):
    """An exclusive lock on a file, across processes. Yields False when not blocking and busy."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def writer_lock(blocking: bool = True):
    """One index writer at a time, across processes. Yields False when not blocking and busy."""
    path = index_dir()
    path.mkdir(parents=True, exist_ok=True)
    with _flock(path / ".gongkai-writer.lock", blocking=blocking) as acquired:
        yield acquired


def open_writer(index: tantivy.Index, *, heap_mb: int = 64, threads: int = 1):
    return index.writer(heap_size=heap_mb * 1024 * 1024, num_threads=threads)


# Documents handed to the writer at once. The writer's channel holds 10,000; below that an
# add never blocks, and the indexing thread finds a queue to work through instead of waking up
# for each document (per-document hand-over cost as much CPU as the indexing itself).
ADD_CHUNK = 500


def add_documents(writer, documents) -> None:
    """Add prepared documents (at most ADD_CHUNK of them for the burst to pay off)."""
    add = writer.add_document
    for document in documents:
        add(document)


# The columns a document is built from: values() rows, no model instances.
DOC_COLUMNS = (
    "pk",
    "title",
    "doc_number",
    "keywords",
    "summary",
    "body",
    "organization_id",
    "topic_id",
    "category_id",
    "published_at",
    "validity",
    "status",
)


def document_texts(row: dict) -> tuple[str, str]:
    """The text indexed in the title field (名称, 文号, 主题词) and in the body field (内容概述
    and 正文) of an item given as a dict; the bulk import's rows may leave the optional ones out."""
    get = row.get
    return (
        f"{row['title']} {get('doc_number', '')} {get('keywords', '')}",
        f"{get('summary', '')}\n{row['body']}",
    )


def make_document(row: dict):
    """A tantivy document for one item, of any status (a dict with DOC_COLUMNS)."""
    title, body = document_texts(row)
    published = row["published_at"]
    return item_document(
        row["pk"],
        row["organization_id"],
        row["topic_id"],
        row["category_id"],
        timezone.localtime(published).year if published else 0,
        VALIDITY_CODES[row["validity"]],
        text.index_text(title),
        text.index_text(body),
        STATUS_CODES[row["status"]],
    )


def item_document(
    pk: int,
    org: int,
    topic: int,
    category: int,
    year: int,
    validity_code: int,
    title_terms: str,
    body_terms: str,
    status_code: int = PUBLISHED_CODE,
) -> tantivy.Document:
    """The document itself, from its values (field by field: cheaper than from_dict's
    dictionary and schema lookups, which the bulk import pays a million times)."""
    doc = tantivy.Document()
    doc.add_unsigned("id", pk)
    doc.add_text("title", title_terms)
    doc.add_text("body", body_terms)
    doc.add_unsigned("org", org)
    doc.add_unsigned("topic", topic)
    doc.add_unsigned("category", category)
    doc.add_unsigned("year", year)
    doc.add_unsigned("validity", validity_code)
    doc.add_unsigned("status", status_code)
    return doc
