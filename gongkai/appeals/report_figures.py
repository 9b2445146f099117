"""What reviews and lawsuits contribute to the annual report: table 四 (found by name by the
reports engine; the legacy format's two rows are summed there), and the cases behind a cell."""

from datetime import date

from django.db.models import Q

from . import selectors
from .models import Appeal, AppealEvent, AppealKind, AppealResult
from .permissions import can_record

# The legacy reports' 行政诉讼 row is both kinds of lawsuit.
_GROUPS = {kind.value: [kind.value] for kind in AppealKind} | {
    "litigation": [AppealKind.LITIGATION_DIRECT.value, AppealKind.LITIGATION_AFTER_REVIEW.value]
}


def figures(org_ids, year: int) -> dict:
    return {"appeals": selectors.year_figures(org_ids, year)}


def _result_q(key: str, year: int) -> Q | None:
    """The condition of one result column, as `selectors.year_figures` counts it."""
    end = date(year, 12, 31)
    if key == "total":
        return Q()
    if key == "pending":
        return Q(decided_on__isnull=True) | Q(decided_on__gt=end)
    if key in AppealResult.values:
        return Q(decided_on__lte=end, result=key)
    return None


def drilldown(org_ids, year: int, path: str, column: str = ""):
    """The cases counted in a cell of table 四 (or the legacy rows), or None if not ours."""
    full = f"{path}.{column}" if column else path
    section, _, rest = full.partition(".")
    group, _, key = rest.partition(".")
    q = _result_q(key, year) if section == "appeals" and group in _GROUPS else None
    if q is None:
        return None
    return (
        Appeal.objects.counted()
        .filter(organization_id__in=list(org_ids), filed_on__year=year, kind__in=_GROUPS[group])
        .filter(q)
        .select_related("organization")
        .order_by("filed_on", "pk")
    )


def link(appeal: Appeal, user) -> str | None:
    """The case page, for those who may record appeals: it refuses everyone else (a division
    head or leader reading the report's drill-down)."""
    return appeal.get_absolute_url() if can_record(user, appeal) else None


def changed_since(org_ids, year: int, since) -> bool:
    """Whether a case filed in the year had a step recorded after `since` (each step is an
    event: filing, new dates, papers, the result)."""
    return AppealEvent.objects.filter(
        appeal__organization_id__in=list(org_ids), appeal__filed_on__year=year, at__gt=since
    ).exists()
