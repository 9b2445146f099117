"""The calendar the whole site uses: chinese-calendar overlaid with the office's own table.

Deadline lists compute many dates per page, so the merged calendar is cached in the process
for `TTL` seconds; edits through `services` invalidate it at once in the editing process, and
other processes (web workers, cron) pick the edit up within the TTL.
"""

import time

from django.db import DatabaseError

from gongkai.lib import workdays

TTL = 300.0
_cache: tuple[float, workdays.Calendar] | None = None


def load() -> workdays.Calendar:
    from .models import DayKind, OfficialDay, OfficialYear

    years = list(OfficialYear.objects.values_list("year", flat=True))
    base = workdays.package_calendar()
    if not years:
        return base
    holidays, makeup = {}, {}
    for d, kind, name in OfficialDay.objects.values_list("date", "kind", "name"):
        (makeup if kind == DayKind.WORKDAY else holidays)[d] = name
    return base.overlay(holidays, makeup, years)


def get() -> workdays.Calendar:
    global _cache
    now = time.monotonic()
    if _cache is not None and _cache[0] > now:
        return _cache[1]
    try:
        calendar = load()
    except DatabaseError:
        # Tables not migrated yet (or no database): the package alone, not cached.
        return workdays.package_calendar()
    _cache = (now + TTL, calendar)
    return calendar


def invalidate() -> None:
    global _cache
    _cache = None
