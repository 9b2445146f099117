"""Full-text search over the published Q&A: a small tantivy index of its own.

Its own directory (`GONGKAI_QA_INDEX_DIR`, beside the catalog's index) rather than a new
document kind in the catalog index: the catalog's schema, version and rebuild stay untouched,
and a few hundred pairs rebuild in a moment. Text is segmented by rjieba exactly as the catalog
does (`gongkai.lib.text`), with the catalog's analyzer. The database has the last word: hits
are re-read from it, so a pair taken down a moment ago never shows.

The index is rebuilt whole from the database when it is missing or of another layout, and
after every publish or unpublish (on commit): small enough that a rebuild is the simplest
correct update, safe to run twice, and never out of step for longer than one commit.
"""

import fcntl
import logging
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import transaction

from gongkai.catalog.search.engine import ANALYZER, build_analyzer
from gongkai.lib import pagecache, text

from .models import Consultation

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
VERSION_FILE = "gongkai-qa-version"
QUESTION_BOOST = 2.0
MAX_QUERY_CHARS = 100


class SearchError(ValueError):
    """A query that cannot be run; the message tells the user why."""


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("question", tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field("answer", tokenizer_name=ANALYZER, index_option="freq")
    return builder.build()


SCHEMA = _schema()
_lock = threading.Lock()
_indexes: dict[str, tantivy.Index] = {}


def index_dir() -> Path:
    return Path(settings.GONGKAI_QA_INDEX_DIR)


@contextmanager
def _writer_lock(path: Path):
    path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent / f".{path.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _current(path: Path) -> bool:
    try:
        return int((path / VERSION_FILE).read_text().strip()) == SCHEMA_VERSION
    except (FileNotFoundError, ValueError):
        return False


def _open(path: Path) -> tantivy.Index:
    index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
    index.register_tokenizer(ANALYZER, build_analyzer())
    return index


def _published():
    return Consultation.objects.filter(published_at__isnull=False)


def rebuild() -> int:
    """Write the index afresh from the published pairs; returns how many were indexed."""
    path = index_dir()
    key = str(path)
    with _writer_lock(path):
        if not _current(path):
            # Another layout (or none yet): start from an empty directory.
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        index = _open(path)
        writer = index.writer(heap_size=15_000_000, num_threads=1)
        writer.delete_all_documents()
        count = 0
        for pk, question, answer in _published().values_list(
            "pk", "public_question", "public_answer"
        ):
            doc = tantivy.Document()
            doc.add_unsigned("id", pk)
            doc.add_text("question", text.index_text(question))
            doc.add_text("answer", text.index_text(answer))
            writer.add_document(doc)
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        (path / VERSION_FILE).write_text(str(SCHEMA_VERSION))
        with _lock:
            _indexes[key] = index
    index.reload()
    pagecache.changed()  # the public Q&A list searched the index as it was
    return count


def rebuild_after_commit() -> None:
    def run():
        try:
            rebuild()
        except Exception:  # the publication is committed; search only lags until the next one
            log.exception("问答检索索引更新失败")

    transaction.on_commit(run)


def _index() -> tantivy.Index:
    path = index_dir()
    index = _indexes.get(str(path))
    if index is None or not _current(path):
        rebuild()
        index = _indexes[str(path)]
    return index


def forget_index() -> None:
    """Drop cached handles (tests point the directory elsewhere)."""
    with _lock:
        _indexes.clear()


def clean_query(raw: str | None) -> str:
    q = " ".join((raw or "").split())
    if len(q) > MAX_QUERY_CHARS:
        raise SearchError(f"检索词过长（{len(q)} 个字），请不超过 {MAX_QUERY_CHARS} 个字。")
    return q


def _term(term: str) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(
                    tantivy.Query.term_query(SCHEMA, "question", term), QUESTION_BOOST
                ),
            ),
            (tantivy.Occur.Should, tantivy.Query.term_query(SCHEMA, "answer", term)),
        ]
    )


def search(query: str, *, limit: int = 200) -> list[int]:
    """Ids of the published pairs matching every word of `query`, best first.

    A word the index does not hold as such falls back to all of its search-mode parts (as the
    catalog's search does)."""
    words = text.query_terms(query)
    if not words:
        return []
    index = _index()
    searcher = index.searcher()
    musts = []
    for word, parts in words:
        clause = _term(word)
        known = searcher.doc_freq("question", word) or searcher.doc_freq("answer", word)
        if parts and not known:
            clause = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, _term(part)) for part in parts]
            )
        musts.append((tantivy.Occur.Must, clause))
    result = searcher.search(tantivy.Query.boolean_query(musts), limit)
    addresses = [address for _, address in result.hits]
    return [int(i) for i in searcher.fast_field_values("id", addresses)] if addresses else []
