"""A supervising organization's view of a year (a city's 政务公开办 over its bureaus and districts):
which subordinate agencies published, their figures side by side with the checks' results, the
sum over the tree, year-on-year changes, and the office's own computed figures against its
published and imported reports."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.accounts.models import Organization, OrganizationKind

from .engine import checks
from .engine.figures import compute
from .models import AnnualReport, AnnualReportStatus, ImportedReport, ImportStatus
from .selectors import METRICS, Metric


@dataclass
class Row:
    label: str
    published: bool | None  # None for the sum row
    values: list  # per metric: (this year, change from last year)
    violations: int | None


def _change(now, before):
    if now is None or before is None:
        return None
    return round(now - before, 2)


def _row(label, document, previous, published, violations) -> Row:
    values = []
    for metric in METRICS:
        now = metric.compute(document)
        values.append((now, _change(now, metric.compute(previous))))
    return Row(label, published, values, violations)


def agencies(root: Organization) -> list[Organization]:
    """The organs in `root`'s tree (internal divisions report through their organ)."""
    ids = Organization.objects.subtree_ids(root)
    return list(
        Organization.objects.filter(pk__in=ids)
        .exclude(kind=OrganizationKind.DIVISION)
        .order_by("sort_order", "pk")
    )


def overview(root: Organization, year: int) -> dict:
    """Each agency of the tree for `year`, the sum over the tree, and the chart's series."""
    published = set(
        AnnualReport.objects.filter(
            organization__in=agencies(root),
            year=year,
            subtree=False,
            status=AnnualReportStatus.PUBLISHED,
        ).values_list("organization_id", flat=True)
    )
    rows, documents = [], {}
    for org in agencies(root):
        document = compute(org, year, "2021")
        previous = compute(org, year - 1, "2021")
        documents[org.name] = (previous, document)
        violations = len(checks.run(document, organization=org))
        rows.append(_row(org.name, document, previous, org.pk in published, violations))
    total = compute(root, year, "2021", subtree=True)
    total_before = compute(root, year - 1, "2021", subtree=True)
    total_row = _row("合计（含下级机关）", total, total_before, None, len(checks.run(total)))
    return {"rows": rows, "total": total_row, "documents": documents}


def series(documents: dict, metric: Metric) -> list[dict]:
    """The chart's bars: each agency's metric last year and this year."""
    return [
        {"body": name, "values": [metric.compute(before), metric.compute(now)]}
        for name, (before, now) in documents.items()
    ]


def own_against_reports(organization: Organization, year: int) -> dict:
    """The office's figures computed now beside its published and imported reports of the year."""
    columns = [("本平台记录计算", compute(organization, year, "2021"))]
    own = AnnualReport.objects.filter(
        organization=organization, year=year, subtree=False, status=AnnualReportStatus.PUBLISHED
    ).first()
    if own is not None:
        columns.append((f"已发布报告（{own.published_at:%Y-%m-%d}）", own.document))
    imported = ImportedReport.objects.filter(
        reporting_body=organization.name, year=year, status=ImportStatus.CONFIRMED
    ).first()
    if imported is not None:
        columns.append(("导入的已公开报告", imported.document))
    return {
        "columns": [name for name, _ in columns],
        "rows": [
            {"label": f"{m.label}（{m.unit}）", "values": [m.compute(doc) for _, doc in columns]}
            for m in METRICS
        ],
    }
