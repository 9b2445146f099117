"""Read-only visit figures, aggregated in SQL: totals, monthly figures, rankings, top pages.

Periods are inclusive date ranges in the site's time zone. `scope` limits the figures to some
organizations (see scope.py); the default covers the whole site.
"""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Sum
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from gongkai.accounts.models import Organization

from .models import DailyVisit, DailyVisitors, VisitorSeen
from .scope import EVERYTHING, Scope, scope_of_organization
from .sections import NAVIGATION_SECTIONS


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _visits(start: date, end: date, scope: Scope):
    return DailyVisit.objects.filter(day__gte=start, day__lte=end).filter(scope.q())


def _as_date(value) -> date:
    # A truncated DateField is a date on both databases; guard against a datetime anyway.
    return value.date() if hasattr(value, "hour") else value


def visits_total(*, start: date, end: date, scope: Scope = EVERYTHING) -> int:
    return _visits(start, end, scope).aggregate(total=Sum("count"))["total"] or 0


_TRUNC = {"day": F, "month": TruncMonth, "year": TruncYear}


def visits_by_period(
    *, start: date, end: date, period: str = "month", scope: Scope = EVERYTHING
) -> list[dict]:
    """[{"period": first day of the day/month/year, "visits": n}] for periods that had visits."""
    if period not in _TRUNC:
        raise ValueError(f"未知的统计周期：{period}")
    grouped = (
        _visits(start, end, scope)
        .annotate(period=_TRUNC[period]("day"))
        .values("period")
        .annotate(visits=Sum("count"))
        .order_by("period")
    )
    return [{"period": _as_date(r["period"]), "visits": r["visits"]} for r in grouped]


def daily_visits(*, start: date, end: date, scope: Scope = EVERYTHING) -> list[dict]:
    """Every day of the range, zeros included: [{"period": day, "visits"}]."""
    found = {
        r["period"]: r["visits"]
        for r in visits_by_period(start=start, end=end, period="day", scope=scope)
    }
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [{"period": d, "visits": found.get(d, 0)} for d in days]


def monthly_visits(*, start: date, end: date, scope: Scope = EVERYTHING) -> list[dict]:
    """Every month the range touches, zeros included: [{"period": date(y, m, 1), "visits"}]."""
    found = {
        r["period"]: r["visits"]
        for r in visits_by_period(start=start, end=end, period="month", scope=scope)
    }
    months, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append({"period": date(y, m, 1), "visits": found.get(date(y, m, 1), 0)})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def monthly_visits_of_year(year: int, *, scope: Scope = EVERYTHING) -> list[dict]:
    """The twelve months of `year`: [{"month": 1..12, "visits"}]."""
    start, end = year_bounds(year)
    return [
        {"month": row["period"].month, "visits": row["visits"]}
        for row in monthly_visits(start=start, end=end, scope=scope)
    ]


def section_ranking(
    *,
    start: date,
    end: date,
    scope: Scope = EVERYTHING,
    limit: int | None = None,
    columns_only: bool = False,
) -> list[dict]:
    """Sections by visits, most first: [{"rank", "section", "visits", "share"}].

    `share` is the section's percentage of all ranked visits in the period. Ties are broken by
    name so the order is stable. `columns_only` leaves out the navigation pages (home, catalog,
    search), as the annual report's "按点击率排序" does.
    """
    rows = _visits(start, end, scope)
    if columns_only:
        rows = rows.exclude(section__in=NAVIGATION_SECTIONS)
    grouped = list(
        rows.values("section").annotate(visits=Sum("count")).order_by("-visits", "section")
    )
    total = sum(r["visits"] for r in grouped)
    return [
        {
            "rank": rank,
            "section": r["section"],
            "visits": r["visits"],
            "share": round(100 * r["visits"] / total, 1) if total else 0.0,
        }
        for rank, r in enumerate(grouped[:limit] if limit else grouped, start=1)
    ]


def top_objects(
    *,
    start: date,
    end: date,
    scope: Scope = EVERYTHING,
    section: str | None = None,
    limit: int = 10,
) -> list[dict]:
    """The most visited page objects (items, reports…): [{"section", "object", "label", "url",
    "visits"}]. Objects are loaded in one query per type; a deleted one keeps its count."""
    rows = _visits(start, end, scope).filter(content_type__isnull=False)
    if section:
        rows = rows.filter(section=section)
    grouped = list(
        rows.values("content_type_id", "object_id", "section")
        .annotate(visits=Sum("count"))
        .order_by("-visits", "section", "object_id")[:limit]
    )
    wanted: dict[int, set[int]] = {}
    for r in grouped:
        wanted.setdefault(r["content_type_id"], set()).add(r["object_id"])
    loaded: dict[tuple[int, int], object] = {}
    for ct_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is not None:
            for obj in model._base_manager.filter(pk__in=ids):
                loaded[(ct_id, obj.pk)] = obj
    result = []
    for r in grouped:
        obj = loaded.get((r["content_type_id"], r["object_id"]))
        url = getattr(obj, "get_absolute_url", None)
        result.append(
            {
                "section": r["section"],
                "object": obj,
                "label": str(obj) if obj is not None else f"（已删除的页面 #{r['object_id']}）",
                "url": url() if callable(url) else "",
                "visits": r["visits"],
            }
        )
    return result


def unique_visitors(*, start: date, end: date) -> int:
    """Distinct visitors summed day by day (finished days and today's digests so far)."""
    finished = (
        DailyVisitors.objects.filter(day__gte=start, day__lte=end).aggregate(n=Sum("count"))["n"]
        or 0
    )
    return finished + VisitorSeen.objects.filter(day__gte=start, day__lte=end).count()


def visits_this_month(*, scope: Scope = EVERYTHING) -> int:
    start, end = month_bounds(timezone.localdate())
    return visits_total(start=start, end=end, scope=scope)


# --- what the annual report prints (section 五: 政府信息公开专栏访问量 and its ranking) ---------


def _report_scope(organization: Organization | None) -> Scope:
    return EVERYTHING if organization is None else scope_of_organization(organization)


def column_visits(year: int, organization: Organization | None = None) -> int:
    """The column's visits in `year`: the whole site, or one organization's own column."""
    start, end = year_bounds(year)
    return visits_total(start=start, end=end, scope=_report_scope(organization))


def column_ranking(
    year: int, organization: Organization | None = None, *, limit: int = 5
) -> list[str]:
    """The column's sections by clicks in `year`, most first (navigation pages left out)."""
    start, end = year_bounds(year)
    return [
        r["section"]
        for r in section_ranking(
            start=start,
            end=end,
            scope=_report_scope(organization),
            limit=limit,
            columns_only=True,
        )
    ]


def column_monthly_visits(year: int, organization: Organization | None = None) -> list[dict]:
    return monthly_visits_of_year(year, scope=_report_scope(organization))
