"""Figures for table 四, the dashboard and the list, aggregated in SQL.

Counting rule (regulations.md §3.5 leaves it to practice): a year counts the cases filed in it,
each under the result it had on 31 December; one still open then is 尚未审结 ("pending").
"""

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from .models import Appeal, AppealKind, AppealResult

RESULT_KEYS = ("upheld", "corrected", "other", "pending", "total")


def _year_rows(org_ids, year: int) -> dict[str, dict[str, int]]:
    end = date(year, 12, 31)
    decided_by_end = Q(decided_on__lte=end)
    rows = (
        Appeal.objects.counted()
        .filter(organization_id__in=list(org_ids), filed_on__year=year)
        .values("kind")
        .annotate(
            upheld=Count("pk", filter=decided_by_end & Q(result=AppealResult.UPHELD)),
            corrected=Count("pk", filter=decided_by_end & Q(result=AppealResult.CORRECTED)),
            other=Count("pk", filter=decided_by_end & Q(result=AppealResult.OTHER)),
            pending=Count("pk", filter=Q(decided_on__isnull=True) | Q(decided_on__gt=end)),
            total=Count("pk"),
        )
    )
    return {row["kind"]: {key: row[key] for key in RESULT_KEYS} for row in rows}


def year_figures(org_ids, year: int) -> dict[str, dict[str, int]]:
    """Table 四 of `year` for the organizations `org_ids`: the three groups (`review`,
    `litigation_direct`, `litigation_after_review`), each {upheld, corrected, other, pending,
    total} as annual-stats.md names them. Every group is present: zero cases is a zero."""
    found = _year_rows(org_ids, year)
    zero = dict.fromkeys(RESULT_KEYS, 0)
    return {kind.value: found.get(kind.value, dict(zero)) for kind in AppealKind}


def legacy_year_figures(org_ids, year: int) -> dict[str, dict[str, int]]:
    """The legacy reports' two rows: `review` and `litigation` (direct and after review
    together), with the same result keys (维持或驳回诉讼请求 is `upheld`)."""
    table = year_figures(org_ids, year)
    litigation = {
        key: table["litigation_direct"][key] + table["litigation_after_review"][key]
        for key in RESULT_KEYS
    }
    return {"review": table["review"], "litigation": litigation}


def monthly_filed(org_ids, year: int) -> list[int]:
    """Cases filed in each month of `year` (twelve numbers), for the dashboard chart."""
    counts = dict(
        Appeal.objects.counted()
        .filter(organization_id__in=list(org_ids), filed_on__year=year)
        .annotate(month=ExtractMonth("filed_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [counts.get(m, 0) for m in range(1, 13)]


def open_with_next_dates(appeals, today: date) -> list[tuple[Appeal, tuple[date, str] | None]]:
    """Open cases with their next date, the soonest first (cases without a date last)."""
    rows = [(a, a.next_date(today)) for a in appeals.open().select_related("application")]
    return sorted(rows, key=lambda r: (r[1] is None, r[1][0] if r[1] else date.max, r[0].pk))
