"""Entering a year's official schedule. Every change is audited and refreshes the cache."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.accounts import audit

from . import calendar
from .models import DayKind, OfficialDay, OfficialYear

KIND_WORDS = {
    "放假": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "holiday": DayKind.HOLIDAY,
    "上班": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
    "workday": DayKind.WORKDAY,
}


def parse_schedule(text: str, year: int) -> list[tuple[date, DayKind, str]]:
    """Lines `2027-01-01 放假 元旦` / `2027-02-07 上班 春节`; `#` starts a comment."""
    days, errors, seen = [], [], set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 3:
            errors.append(f"第{number}行应为“日期 放假|上班 节日名”：{raw.strip()}")
            continue
        try:
            d = date.fromisoformat(parts[0])
        except ValueError:
            errors.append(f"第{number}行的日期无法识别：{parts[0]}")
            continue
        if d.year != year:
            errors.append(f"第{number}行的日期 {d} 不在{year}年")
        elif parts[1] not in KIND_WORDS:
            errors.append(f"第{number}行的类型应为“放假”或“上班”：{parts[1]}")
        elif d in seen:
            errors.append(f"第{number}行的日期 {d} 重复")
        elif KIND_WORDS[parts[1]] == DayKind.WORKDAY and d.weekday() < 5:
            # A make-up workday is always a Saturday or Sunday; on a weekday it is a typo.
            errors.append(
                f"第{number}行：{d} 是星期{'一二三四五'[d.weekday()]}，本来就要上班，调休上班日应在周末"
            )
        else:
            seen.add(d)
            days.append((d, KIND_WORDS[parts[1]], parts[2]))
    if errors:
        raise ValidationError(errors)
    if not days:
        raise ValidationError("没有读到任何日期。")
    if not any(kind == DayKind.HOLIDAY for _, kind, _ in days):
        # Entered, a year counts as official: a schedule without its holidays would silently
        # turn every festival into a working day.
        raise ValidationError(
            f"{year}年的安排里没有一天放假：请录入国务院办公厅通知中的全部放假日期。"
        )
    return days


def entry_summary(year: int, days) -> str:
    """What was entered, for the office: the days of each kind."""
    holidays = sum(1 for _, kind, _ in days if kind == DayKind.HOLIDAY)
    return f"已录入{year}年节假日安排：放假 {holidays} 天，调休上班 {len(days) - holidays} 天。"


@transaction.atomic
def official_year_replace(*, year: int, notice: str, days, actor=None) -> OfficialYear:
    """Set `year`'s schedule to exactly `days` [(date, DayKind, name)], replacing any earlier entry."""
    schedule, _ = OfficialYear.objects.update_or_create(
        year=year, defaults={"notice": notice, "entered_by": actor}
    )
    schedule.days.all().delete()
    OfficialDay.objects.bulk_create(
        OfficialDay(schedule=schedule, date=d, kind=kind, name=name) for d, kind, name in days
    )
    audit.record(
        "workdays.official_year_replace",
        schedule,
        actor=actor,
        changes={"notice": notice, "days": [[d.isoformat(), k.value, n] for d, k, n in days]},
    )
    transaction.on_commit(calendar.invalidate)
    calendar.invalidate()
    return schedule


@transaction.atomic
def official_year_delete(*, year: int, actor=None) -> None:
    """Forget the office's entry for `year` (chinese-calendar's data, if any, applies again)."""
    deleted, _ = OfficialYear.objects.filter(year=year).delete()
    if deleted:
        audit.record("workdays.official_year_delete", None, actor=actor, changes={"year": year})
    transaction.on_commit(calendar.invalidate)
    calendar.invalidate()
