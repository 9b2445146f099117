"""Page views counted in memory and folded into the database every few seconds.

Writing each view at once cost a write transaction per page (0.3–0.6 ms, and the first lock a
busy SQLite site meets). With GONGKAI_VISIT_BUFFER_SECONDS > 0 (the default) a view adds one to
a counter in this process; a daemon thread folds the counters into the daily rows in one
transaction every that many seconds, and once more when the process exits. A crash loses at
most those seconds of counts, never corrupts them; GONGKAI_VISIT_BUFFER_SECONDS=0 writes every
view at once as before (the test settings do, so a test reads its count right away).
"""

import atexit
import logging
import os
import threading
import time
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import close_old_connections, connection, transaction

from . import services

logger = logging.getLogger(__name__)

# Counters past this size are folded at once, whatever the clock (a flood of distinct pages).
MAX_SLOTS = 20_000
# Counts kept through failed folds before the oldest are dropped (the database is down).
MAX_KEPT = 200_000

_lock = threading.Lock()
_counts: Counter = Counter()
# Visitors digested but not yet written (a fold failed), and the addresses seen since the last
# fold, not yet digested.
_visitors: set[tuple[date, str]] = set()
_addresses: set[tuple[date, str, str]] = set()
_thread: threading.Thread | None = None
_thread_pid: int | None = None
_wake = threading.Event()


def interval() -> float:
    return float(getattr(settings, "GONGKAI_VISIT_BUFFER_SECONDS", 0) or 0)


def enabled() -> bool:
    return interval() > 0


def add(
    *,
    day: date,
    section: str,
    content_type_id,
    object_id,
    organization_id,
    ip: str | None,
    user_agent: str,
) -> None:
    """One page view (and its visitor, when the address is known), in memory."""
    with _lock:
        _counts[(day, section, content_type_id, object_id, organization_id)] += 1
        if ip:
            # Digested by the fold, once per visitor and interval rather than once per page;
            # the address itself is held only until then, and never written anywhere.
            _addresses.add((day, ip, user_agent))
        full = len(_counts) >= MAX_SLOTS or len(_addresses) >= MAX_SLOTS
    _ensure_thread()
    if full:
        _wake.set()


def pending() -> int:
    """Page views held in memory, not yet in the database."""
    with _lock:
        return sum(_counts.values())


def flush() -> int:
    """Fold what this process holds into the database; returns the page views written."""
    global _counts, _visitors, _addresses
    with _lock:
        counts, visitors, addresses = _counts, _visitors, _addresses
        _counts, _visitors, _addresses = Counter(), set(), set()
    if not counts and not visitors and not addresses:
        return 0
    try:
        visitors |= _digests(addresses)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # As for a single view: losing the last moment's counts in a crash is fine.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            for (day, section, content_type_id, object_id, organization_id), n in sorted(
                counts.items(), key=lambda kv: tuple(str(k) for k in kv[0])
            ):
                services.visit_count(
                    day=day,
                    section=section,
                    content_type_id=content_type_id,
                    object_id=object_id,
                    organization_id=organization_id,
                    by=n,
                )
            services.visitors_note(visitors)
    except Exception:
        logger.exception("访问计数写入失败，保留在内存中稍后重试")
        # Kept: the counts and the digests made. Addresses not yet digested are dropped, so no
        # address outlives a fold, at the cost of their visitors in an outage.
        with _lock:
            if sum(_counts.values()) + sum(counts.values()) <= MAX_KEPT:
                _counts.update(counts)
                _visitors.update(visitors)
        return 0
    return sum(counts.values())


def _digests(addresses) -> set[tuple[date, str]]:
    """The (day, digest) of each (day, IP, User-Agent), less the visitors already written today.
    The salt comes from the database once a day per process; each HMAC takes microseconds."""
    found, digesters = set(), {}
    for day, ip, user_agent in addresses:
        if day not in digesters:
            digesters[day] = services.visitor_digester(day)
        digest = digesters[day](ip, user_agent)
        if digest not in services._seen_today:
            found.add((day, digest))
    return found


def flush_discard() -> None:
    """Forget what is held without writing it (tests start from nothing)."""
    with _lock:
        _counts.clear()
        _visitors.clear()
        _addresses.clear()


def _run() -> None:
    last = time.monotonic()
    while True:
        # Short naps, so a changed interval takes effect within a second.
        woken = _wake.wait(min(interval() or 5.0, 1.0))
        _wake.clear()
        if not woken and time.monotonic() - last < (interval() or 5.0):
            continue
        last = time.monotonic()
        if not (_counts or _visitors or _addresses):
            continue  # nothing to write: no database connection either
        try:
            flush()
            # This thread's own connection: never left open past the server's timeout.
            close_old_connections()
        except Exception:  # the thread must outlive any one failure
            logger.exception("访问计数线程出错")


def _ensure_thread() -> None:
    global _thread, _thread_pid
    # Checked on every view: a pid comparison, not is_alive()'s lock. A forked child (a
    # gunicorn worker) has no thread of its parent's and starts its own.
    if _thread_pid == os.getpid():
        return
    with _lock:
        if _thread_pid != os.getpid():
            _thread = threading.Thread(target=_run, name="gongkai-visits", daemon=True)
            _thread.start()
            _thread_pid = os.getpid()


@atexit.register
def _flush_at_exit() -> None:
    # A worker that is stopped (gunicorn's graceful restart) writes what it still holds.
    if _counts or _visitors or _addresses:
        try:
            flush()
        except Exception:  # the interpreter is going away; nothing better to do
            logger.exception("退出时访问计数写入失败")
