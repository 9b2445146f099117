"""Whole public pages kept for a few seconds, dropped at once when public content changes.

A busy portal renders the same item, list and search pages over and over (10–20 ms of Python
each). An anonymous visitor's copy of such a page is the same for everyone, so it is kept in the
`pages` cache for GONGKAI_PAGE_CACHE_SECONDS (0 turns the cache off). Which pages and which
requests qualify is the portal's decision (gongkai.portal.page_cache); this module only keeps
the entries and the generation that invalidates them.

The generation: a value every entry is stored with and must match to be served. `changed()`
replaces it after the surrounding transaction commits, so the next request renders afresh
whatever was cached before. It must be the same in every process that serves pages: with the
local-memory cache (one machine) it is a small file under GONGKAI_VAR_DIR that each request
reads; with a shared cache (Redis, several app servers) it is a key of that cache, fetched in
the same round trip as the page.
"""

import hashlib
import logging
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .replicas import read_your_writes_seconds, replica_aliases

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "generation"
GENERATION_FILE = "page-cache-generation"
# A page larger than this is not worth the memory (an export, not a page).
MAX_BYTES = 1024 * 1024
# Headers a stored page keeps; cookies are never stored (a page that sets one is not cached).
_KEPT_HEADERS = frozenset(
    {"content-type", "content-length", "content-language", "vary", "x-frame-options",
     "last-modified", "etag", "link", "x-content-type-options", "content-disposition"}
)  # fmt: skip


def seconds() -> int:
    """How long a page is kept; 0 when the cache is off."""
    return max(0, int(getattr(settings, "GONGKAI_PAGE_CACHE_SECONDS", 0) or 0))


def enabled() -> bool:
    return seconds() > 0


def _cache():
    return caches[ALIAS]


def _shared() -> bool:
    return not isinstance(_cache(), LocMemCache)


def key_for(material: str) -> str:
    # Hashed: a path may be long or hold characters some cache backends refuse in a key.
    return "page:" + hashlib.sha256(material.encode()).hexdigest()


def _new_generation() -> str:
    # The time of the change rides along: with replicas, pages are not kept while the
    # replicas may still lag behind it (see store).
    return f"{time.time():.3f}:{secrets.token_hex(6)}"


def _generation_path() -> Path:
    return Path(settings.VAR_DIR) / GENERATION_FILE


def _write_generation_file(value: str) -> None:
    path = _generation_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: a reader sees the old value or the new one, never half of it.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".page-cache-")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(value)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _local_generation() -> str:
    try:
        with open(_generation_path()) as handle:
            value = handle.read()
    except FileNotFoundError:
        value = ""
    if not value:
        value = _new_generation()
        _write_generation_file(value)
    return value


def bump() -> None:
    """A new generation: every page cached so far is rendered again on its next request."""
    try:
        if _shared():
            _cache().set(GENERATION_KEY, _new_generation(), timeout=None)
        else:
            _write_generation_file(_new_generation())
    except Exception:  # the change is committed; pages lag by at most the cache's lifetime
        logger.exception("页面缓存失效标记写入失败")


def changed(using: str | None = None) -> None:
    """Public content changed in the current transaction: invalidate after it commits (once per
    transaction, however many rows it writes)."""
    if not enabled():
        return
    connection = connections[using or DEFAULT_DB_ALIAS]
    if connection.in_atomic_block and any(f is bump for _, f, _ in connection.run_on_commit):
        return
    transaction.on_commit(bump, using=using)


@dataclass(frozen=True)
class Entry:
    generation: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    # What a view of this page counts as (analytics), whoever asked for it first.
    visit: object = None


def _current(key: str) -> tuple[str, object]:
    """The current generation and whatever is stored under `key` (one round trip when shared)."""
    cache = _cache()
    if not _shared():
        return _local_generation(), cache.get(key)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:  # never set, or evicted: start one, older entries are void
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        return cache.get(GENERATION_KEY) or "", None
    return generation, found.get(key)


def lookup(key: str) -> tuple[str, Entry | None]:
    """The current generation and the page stored under `key` if it is of that generation."""
    generation, entry = _current(key)
    if isinstance(entry, Entry) and entry.generation == generation:
        return generation, entry
    return generation, None


def remember(name: str, compute):
    """`compute()`, a value derived from public content only (the filter choices of the lists),
    computed once per generation instead of on every page the page cache misses (another
    search, another page of a list). Computed afresh each time when the cache is off."""
    if not enabled():
        return compute()
    key = "value:" + name
    try:
        generation, found = _current(key)
    except Exception:
        logger.exception("页面缓存读取失败")
        return compute()
    if isinstance(found, tuple) and len(found) == 2 and found[0] == generation:
        return found[1]
    value = compute()
    if generation and not _replicas_may_lag(generation):
        try:
            _cache().set(key, (generation, value), timeout=seconds())
        except Exception:
            logger.exception("页面缓存写入失败")
    return value


def _replicas_may_lag(generation: str) -> bool:
    """True shortly after a change when reads come from replicas: a page rendered now may
    show a replica's state from before the change, and must not be kept under the new
    generation."""
    if not replica_aliases():
        return False
    try:
        changed_at = float(generation.split(":", 1)[0])
    except ValueError:
        return True
    return time.time() - changed_at < read_your_writes_seconds()


def store(key: str, generation: str, response, *, visit=None) -> bool:
    """Keep `response` (a complete, cookie-free 200 page) under `key` for the generation read
    before it was rendered: a change committed while it rendered has replaced that
    generation, so the page is never served after the change. Returns whether it was kept."""
    content = response.content
    if not generation or len(content) > MAX_BYTES or _replicas_may_lag(generation):
        return False
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() in _KEPT_HEADERS
    )
    entry = Entry(generation=generation, content=content, headers=headers, visit=visit)
    try:
        _cache().set(key, entry, timeout=seconds())
    except Exception:  # a page not kept is only a page rendered again
        logger.exception("页面缓存写入失败")
        return False
    return True
