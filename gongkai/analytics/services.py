"""Counting visits: atomic increments of daily counter rows, and the daily visitor digests.

Every write here is one statement in the common case (the day's row already exists). The first
hit of a slot on a day inserts the row inside a savepoint; when two requests race to insert it,
the unique constraint stops the second one, which then adds its hit with the UPDATE. No count is
lost and no duplicate row is made, on SQLite and on PostgreSQL alike.
"""

import hmac
import secrets
from datetime import date
from functools import partial

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from .models import DailyVisit, DailyVisitors, VisitorSalt, VisitorSeen

_ATTEMPTS = 5


def _add(model, *, by: int, **slot) -> None:
    """count += by on the row identified by `slot`, creating it if needed (race-safe)."""
    rows = model.objects.filter(**slot)
    for _ in range(_ATTEMPTS):
        if rows.update(count=F("count") + by):
            return
        try:
            with transaction.atomic():
                model.objects.create(count=by, **slot)
            return
        except IntegrityError:
            continue  # another request created the row between our UPDATE and INSERT
    raise IntegrityError(f"无法累加访问计数：{model.__name__} {slot}")


# The hot path of every counted page view, written out once: it names the slot exactly as the
# unique index does (COALESCE of the optional columns), so the database finds the row through
# that index, and it skips building an ORM query on each request.
_INCREMENT_SQL = (
    f'UPDATE "{DailyVisit._meta.db_table}" SET "count" = "count" + %s'
    ' WHERE "day" = %s AND "section" = %s AND COALESCE("content_type_id", 0) = %s'
    ' AND COALESCE("object_id", 0) = %s AND COALESCE("organization_id", 0) = %s'
)


def visit_count(
    *,
    day: date,
    section: str,
    content_type_id: int | None = None,
    object_id: int | None = None,
    organization_id: int | None = None,
    by: int = 1,
) -> None:
    """Add `by` page views of `section` (and of one page object in it) on `day`."""
    if (content_type_id is None) != (object_id is None):
        raise ValueError("对象类型和对象编号必须同时提供")
    params = [by, day, section, content_type_id or 0, object_id or 0, organization_id or 0]
    with connection.cursor() as cursor:
        cursor.execute(_INCREMENT_SQL, params)
        if cursor.rowcount:
            return
    _add(
        DailyVisit,
        by=by,
        day=day,
        section=section,
        content_type_id=content_type_id,
        object_id=object_id,
        organization_id=organization_id,
    )


# Each process keeps today's salt in memory; the database row lets all processes share it.
_salt_cache: dict[date, str] = {}
# Digests this process already wrote today: a visitor's next pages cost no second INSERT.
_seen_today: set[str] = set()
_SEEN_LIMIT = 100_000


def _salt_for(day: date) -> str:
    salt = _salt_cache.get(day)
    if salt is None:
        # First visitor of a new day in this process: fold the finished days first, so their
        # digests and salts are gone before anything else is written.
        visitors_roll_up(before=day)
        row, _ = VisitorSalt.objects.get_or_create(
            day=day, defaults={"salt": secrets.token_hex(32)}
        )
        _salt_cache.clear()
        _seen_today.clear()
        _salt_cache[day] = salt = row.salt
    return salt


def visitor_digest(*, day: date, ip: str, user_agent: str) -> str:
    """HMAC of (IP, User-Agent) keyed by SECRET_KEY and the day's random salt.

    Neither the database alone (no SECRET_KEY) nor SECRET_KEY alone (no salt) can test a guessed
    IP against a digest, and once the day is rolled up the salt is deleted, so nobody can.
    """
    return visitor_digester(day)(ip, user_agent)


def _digest_of(key: bytes, ip: str, user_agent: str) -> str:
    return hmac.digest(key, f"{ip}\n{user_agent}".encode(), "sha256").hex()[:32]


def visitor_digester(day: date):
    """visitor_digest for one day as a function of (ip, user_agent): the salt and key looked
    up once for a fold's many visitors."""
    return partial(_digest_of, f"{settings.SECRET_KEY}:{_salt_for(day)}".encode())


def visitor_note(*, day: date, ip: str, user_agent: str) -> None:
    """Remember that this visitor came today (once per day, whatever the number of pages)."""
    digest = visitor_digest(day=day, ip=ip, user_agent=user_agent)
    if digest in _seen_today:
        return
    VisitorSeen.objects.bulk_create([VisitorSeen(day=day, digest=digest)], ignore_conflicts=True)
    if len(_seen_today) >= _SEEN_LIMIT:
        _seen_today.clear()
    _seen_today.add(digest)


def visitors_note(visitors) -> None:
    """Remember many (day, digest) visitors at once (the buffered counter's fold)."""
    if not visitors:
        return
    # One statement for all of them, without a model instance and its compiled placeholders
    # each (bulk_create spent ~10 µs a row, most of what a new visitor costs).
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {VisitorSeen._meta.db_table} (day, digest) VALUES (%s, %s) "
            "ON CONFLICT DO NOTHING",
            [(day.isoformat(), digest) for day, digest in sorted(visitors)],
        )
    if len(_seen_today) >= _SEEN_LIMIT:
        _seen_today.clear()
    today = max(_salt_cache, default=None)
    _seen_today.update(digest for day, digest in visitors if day == today)


def forget_process_state() -> None:
    """Drop the in-memory salt and digests (tests, or after the database was replaced)."""
    _salt_cache.clear()
    _seen_today.clear()


def visitors_roll_up(*, before: date) -> int:
    """Turn the digests of days before `before` into counts; delete the digests and salts.

    Safe to run from several processes at once: the rows a process deletes are the visitors it
    adds, so a row is counted by exactly one of them.
    """
    folded = 0
    days = list(VisitorSeen.objects.filter(day__lt=before).values_list("day", flat=True).distinct())
    for day in days:
        with transaction.atomic():
            deleted, _ = VisitorSeen.objects.filter(day=day).delete()
            if deleted:
                _add(DailyVisitors, by=deleted, day=day)
                folded += deleted
    VisitorSalt.objects.filter(day__lt=before).delete()
    return folded
