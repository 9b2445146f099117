"""Working-day arithmetic by the PRC calendar: pure functions over a calendar source.

A day is a working day when it is a make-up working day (调休上班), or else when it is a
weekday that is not a statutory holiday. Statutory periods (第26条, 第30条, 第33条) count
working days starting the day *after* the triggering date (次日起算).

The calendar comes from `chinese-calendar` by default; the workdays app installs a provider
that overlays the office's own table of official schedules (see `set_provider`). A year that
neither source covers is computed by the **weekend-only rule** (Monday–Friday are working days)
and `Calendar.covers(year)` is False for it, so callers and the system check can flag it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

# Chinese names for chinese-calendar's holiday names.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
WEEKDAY_NAMES = "一二三四五六日"

# The span of dates the platform accepts for its records and calculators: the first year
# `chinese-calendar` covers, up to a horizon far beyond any statutory period.
FIRST_DATE = date(2004, 1, 1)
LAST_DATE = date(2100, 12, 31)


class DateOutOfRange(ValueError):
    """A count that would leave the dates Python can represent; the message is shown as is."""

    def __init__(self, start: date, n: int):
        super().__init__(
            f"从 {start.isoformat()} 起计算 {n} 个工作日超出可计算的范围，请核对日期。"
        )


@dataclass(frozen=True)
class Calendar:
    """Holidays and make-up working days, by date, for the years in `years`."""

    holidays: Mapping[date, str] = field(default_factory=dict)
    makeup_workdays: Mapping[date, str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_workday(self, d: date) -> bool:
        if d in self.makeup_workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def overlay(
        self,
        holidays: Mapping[date, str],
        makeup_workdays: Mapping[date, str],
        years: Iterable[int],
    ) -> Calendar:
        """This calendar with the given years replaced by the given days (the office's table)."""
        years = frozenset(years)
        keep_h = {d: n for d, n in self.holidays.items() if d.year not in years}
        keep_w = {d: n for d, n in self.makeup_workdays.items() if d.year not in years}
        keep_h.update({d: n for d, n in holidays.items() if d.year in years})
        keep_w.update({d: n for d, n in makeup_workdays.items() if d.year in years})
        return Calendar(keep_h, keep_w, self.years | years)


def chinese_calendar_source() -> Calendar:
    """The calendar shipped in the `chinese-calendar` package (it covers 2004 up to its release)."""
    from chinese_calendar import constants

    def name(value) -> str:
        value = getattr(value, "value", value)
        return HOLIDAY_NAMES.get(value, value)

    holidays = {d: name(v) for d, v in constants.holidays.items()}
    makeup = {d: name(v) for d, v in constants.workdays.items()}
    first = min(constants.holidays).year
    last = max(max(constants.holidays).year, max(constants.workdays).year)
    return Calendar(holidays, makeup, frozenset(range(first, last + 1)))


_provider: Callable[[], Calendar] | None = None
_package_calendar: Calendar | None = None


def set_provider(provider: Callable[[], Calendar] | None) -> None:
    """Install the function that returns the current calendar (None: the package's alone)."""
    global _provider
    _provider = provider


def package_calendar() -> Calendar:
    global _package_calendar
    if _package_calendar is None:
        _package_calendar = chinese_calendar_source()
    return _package_calendar


def current_calendar() -> Calendar:
    return _provider() if _provider is not None else package_calendar()


def is_workday(d: date, calendar: Calendar | None = None) -> bool:
    return (calendar or current_calendar()).is_workday(d)


def add_workdays(start: date, n: int, calendar: Calendar | None = None) -> date:
    """The date `n` working days after `start`, counting from the next day.

    `add_workdays(d, 0)` is `d` itself. Negative `n` counts backwards. Raises `DateOutOfRange`
    when the count would run past 9999-12-31 (or before 0001-01-01).
    """
    cal = calendar or current_calendar()
    step = 1 if n >= 0 else -1
    remaining, d = abs(n), start
    try:
        while remaining:
            d += timedelta(days=step)
            if cal.is_workday(d):
                remaining -= 1
    except OverflowError:
        raise DateOutOfRange(start, n) from None
    return d


def workdays_between(a: date, b: date, calendar: Calendar | None = None) -> int:
    """Working days in the half-open span (a, b]; negative when b is before a.

    So `workdays_between(d, add_workdays(d, n)) == n` for every n ≥ 0.
    """
    if b < a:
        return -workdays_between(b, a, calendar)
    cal = calendar or current_calendar()
    count, d = 0, a
    while d < b:
        d += timedelta(days=1)
        if cal.is_workday(d):
            count += 1
    return count


class Crossed(NamedTuple):
    """A run of holidays, or one make-up working day, lying within a span."""

    kind: str  # "holiday" or "workday"
    name: str
    first: date
    last: date

    def describe(self) -> str:
        if self.kind == "workday":
            return f"{self.first.isoformat()}（星期{WEEKDAY_NAMES[self.first.weekday()]}）{self.name}调休上班"
        days = (self.last - self.first).days + 1
        if days == 1:
            return f"{self.first.isoformat()} {self.name}放假"
        return f"{self.first.isoformat()} 至 {self.last.isoformat()} {self.name}放假 {days} 天"


def crossed(a: date, b: date, calendar: Calendar | None = None) -> list[Crossed]:
    """The holiday runs and make-up working days within (a, b], in date order."""
    cal = calendar or current_calendar()
    found: list[Crossed] = []
    d = a
    while d < b:
        d += timedelta(days=1)
        if d in cal.makeup_workdays:
            found.append(Crossed("workday", cal.makeup_workdays[d], d, d))
        elif d in cal.holidays:
            name = cal.holidays[d]
            last = found[-1] if found else None
            if (
                last is not None
                and last.kind == "holiday"
                and last.name == name
                and last.last == d - timedelta(days=1)
            ):
                found[-1] = last._replace(last=d)
            else:
                found.append(Crossed("holiday", name, d, d))
    return found


def uncovered_years(a: date, b: date, calendar: Calendar | None = None) -> list[int]:
    """Years touched by [a, b] for which the calendar has no official schedule."""
    cal = calendar or current_calendar()
    lo, hi = sorted((a, b))
    return [y for y in range(lo.year, hi.year + 1) if not cal.covers(y)]
