"""The performance dashboard: how fast and how openly an organization answered in a year.

Per organization (or its sub-tree) and year, over the applications closed in the year: the time
to reply in working days as a distribution (median, 90th percentile), the share answered within
the statutory period, on time after an extension, or overdue; the share disclosed / partly /
withheld with the grounds used; and, when appeals are recorded, the appeal rate and the share of
appeals that corrected the agency. Counted in SQL by distinct (received, replied, due, extended)
groups; only the distinct date pairs go through the working-day calendar.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef

from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.applications.outcomes import Outcome
from gongkai.lib.workdays import workdays_between

from . import statistics
from .engine.figures import compute, scope_ids

BUCKETS = [(0, 5), (6, 10), (11, 15), (16, 20), (21, 30), (31, 40), (41, None)]


def _bucket_label(low: int, high: int | None) -> str:
    return f"{low}个工作日以上" if high is None else f"{low}-{high}个工作日"


def _percent(part: int | float, whole: int | float) -> float | None:
    return round(part * 100 / whole, 2) if whole else None


@dataclass
class Performance:
    replied: int = 0
    median_days: float | None = None
    p90_days: int | None = None
    within_period: int = 0
    on_time_extended: int = 0
    overdue: int = 0
    histogram: list[tuple[str, int]] = field(default_factory=list)
    closed: int = 0
    disclosed: int = 0
    partially: int = 0
    withheld: int = 0
    grounds: list[tuple[str, int]] = field(default_factory=list)
    appeals: int | None = None  # None: no appeals source installed
    appeals_corrected: int | None = None

    def shares(self) -> list[tuple[str, int, float | None]]:
        """(label, count, percent) rows of the dashboard and the CSV."""
        rows = [
            (
                "按期答复（法定期限内）",
                self.within_period,
                _percent(self.within_period, self.replied),
            ),
            (
                "延期后按期答复",
                self.on_time_extended,
                _percent(self.on_time_extended, self.replied),
            ),
            ("逾期答复", self.overdue, _percent(self.overdue, self.replied)),
            ("予以公开", self.disclosed, _percent(self.disclosed, self.closed)),
            ("部分公开", self.partially, _percent(self.partially, self.closed)),
            ("不予公开", self.withheld, _percent(self.withheld, self.closed)),
        ]
        rows += [
            (f"不予公开理由：{label}", n, _percent(n, self.withheld)) for label, n in self.grounds
        ]
        if self.appeals is not None:
            rows.append(("被申请复议或起诉", self.appeals, _percent(self.appeals, self.closed)))
            rows.append(
                (
                    "复议诉讼结果纠正",
                    self.appeals_corrected or 0,
                    _percent(self.appeals_corrected or 0, self.appeals),
                )
            )
        return rows


def _at_rank(days: Counter, rank: int) -> int:
    """The `rank`-th smallest value (1-based) of a weighted distribution."""
    seen = 0
    for value, n in sorted(days.items()):
        seen += n
        if seen >= rank:
            return value
    raise ValueError(rank)


def median(days: Counter) -> float | None:
    total = sum(days.values())
    if not total:
        return None
    if total % 2:
        return _at_rank(days, (total + 1) // 2)
    return (_at_rank(days, total // 2) + _at_rank(days, total // 2 + 1)) / 2


def percentile_90(days: Counter) -> int | None:
    """Nearest-rank 90th percentile: nine in ten cases were answered within this many days."""
    total = sum(days.values())
    return _at_rank(days, math.ceil(total * 0.9)) if total else None


def performance(organization, year: int, *, subtree: bool = False) -> Performance:
    """The dashboard's figures for `organization` in `year`."""
    ids = scope_ids(organization, subtree=subtree)
    start, end = date(year, 1, 1), date(year, 12, 31)
    closed = Application.objects.filter(
        organization_id__in=ids, closed_on__gte=start, closed_on__lte=end
    )
    extended = ApplicationEvent.objects.filter(application=OuterRef("pk"), kind=EventKind.EXTEND)
    groups = (
        closed.filter(replied_on__isnull=False)
        .annotate(extended=Exists(extended))
        .values_list("received_on", "replied_on", "due_on", "extended")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = Performance()
    days: Counter = Counter()
    for received, replied, due, was_extended, n in groups:
        result.replied += n
        days[max(workdays_between(received, replied), 0)] += n
        if due is not None and replied > due:
            result.overdue += n
        elif was_extended:
            result.on_time_extended += n
        else:
            result.within_period += n
    result.median_days = median(days)
    result.p90_days = percentile_90(days)
    result.histogram = [
        (
            _bucket_label(low, high),
            sum(n for d, n in days.items() if d >= low and (high is None or d <= high)),
        )
        for low, high in BUCKETS
    ]
    outcomes = dict(closed.values_list("outcome").annotate(n=Count("pk")).order_by())
    result.closed = sum(outcomes.values())
    result.disclosed = outcomes.get(Outcome.DISCLOSED, 0)
    result.partially = outcomes.get(Outcome.PARTIALLY_DISCLOSED, 0)
    withheld = [o for o in Outcome if o.group == "withheld"]
    result.withheld = sum(outcomes.get(o, 0) for o in withheld)
    result.grounds = [
        (o.label.removeprefix("不予公开："), outcomes[o]) for o in withheld if outcomes.get(o)
    ]
    appeals = compute(organization, year, "2021", subtree=subtree).get("appeals")
    if appeals:
        groups_ = [g for g, _ in statistics.APPEAL_GROUPS]
        result.appeals = sum(appeals.get(g, {}).get("total", 0) for g in groups_)
        result.appeals_corrected = sum(appeals.get(g, {}).get("corrected", 0) for g in groups_)
    return result
