"""Reads over imported reports: lists and the comparison of agencies across years."""

from collections.abc import Callable
from dataclasses import dataclass

from . import statistics
from .models import ImportedReport, ImportStatus


def _sum(document: dict, *paths: str) -> float | None:
    values = [statistics.get(document, p) for p in paths]
    present = [v for v in values if isinstance(v, int | float)]
    return sum(present) if present else None


def _received(document: dict) -> float | None:
    new = statistics.get(document, "applications.new.total")
    return new if new is not None else statistics.get(document, "applications.received_total")


def _share_disclosed(document: dict) -> float | None:
    granted = _sum(
        document,
        "applications.outcomes.disclosed.total",
        "applications.outcomes.partially_disclosed.total",
    )
    base = statistics.get(document, "applications.outcomes.total.total")
    if granted is None:  # legacy reports
        granted = _sum(
            document,
            "applications.legacy_outcomes.disclosed_or_partial",
            "applications.legacy_outcomes.disclosed",
            "applications.legacy_outcomes.partially_disclosed",
        )
        base = statistics.get(document, "applications.received_total")
    if granted is None or not base:
        return None
    return round(granted * 100 / base, 2)


def _appeals(result: str) -> Callable[[dict], float | None]:
    def compute(document: dict) -> float | None:
        return _sum(
            document,
            *(f"appeals.{group}.{result}" for group, _ in statistics.APPEAL_GROUPS),
        )

    return compute


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    compute: Callable[[dict], float | None]


METRICS = [
    Metric("received", "收到申请数", "件", _received),
    Metric("share_disclosed", "予以公开和部分公开占办结比例", "%", _share_disclosed),
    Metric("appeals_total", "复议诉讼案件总数", "件", _appeals("total")),
    Metric("appeals_corrected", "复议诉讼结果纠正数", "件", _appeals("corrected")),
    Metric(
        "items_new",
        "本年新增主动公开信息",
        "条",
        lambda d: statistics.get(d, "proactive.items_new"),
    ),
    Metric(
        "normative_issued",
        "本年制发规范性文件",
        "件",
        lambda d: statistics.get(d, "proactive.normative_documents.issued"),
    ),
    Metric("fees_yuan", "依申请收费", "元", lambda d: statistics.get(d, "fees_yuan")),
]
METRICS_BY_KEY = {m.key: m for m in METRICS}


# A report's text and its two documents can be megabytes each: pages that list reports leave
# them unread, and the comparison reads only the confirmed document.
_LARGE_FIELDS = ("source_text", "parsed", "document")


def imported_reports_for(organizations):
    return ImportedReport.objects.filter(owner__in=organizations)


def import_list(organizations, status: str | None):
    """The list page's reports (all, or those of one status), without their texts."""
    reports = imported_reports_for(organizations).select_related("uploaded_by")
    if status in ImportStatus.values:
        reports = reports.filter(status=status)
    return reports.defer(*_LARGE_FIELDS)


def compared_bodies_and_years(reports) -> tuple[list[str], list[int]]:
    """The agencies and the years of the confirmed ``reports``, sorted (one query)."""
    pairs = set(
        reports.filter(status=ImportStatus.CONFIRMED)
        .order_by()
        .values_list("reporting_body", "year")
        .distinct()
    )
    return sorted({body for body, _ in pairs}), sorted({y for _, y in pairs if y is not None})


def comparison(reports, metric: Metric, bodies: list[str], years: list[int]) -> dict:
    """{"years": [...], "series": [{"body", "values": [v or None per year]}]} of confirmed reports."""
    confirmed = reports.filter(
        status=ImportStatus.CONFIRMED, reporting_body__in=bodies, year__in=years
    ).only("reporting_body", "year", "document")
    values = {(r.reporting_body, r.year): metric.compute(r.document) for r in confirmed}
    years = sorted(years)
    return {
        "years": years,
        "series": [{"body": b, "values": [values.get((b, y)) for y in years]} for b in bodies],
    }


def known_reporting_bodies() -> list[str]:
    """Names an imported report's organisation is checked against (OCR misreads a character):
    the platform's own organisations and the bodies of reports already confirmed."""
    from gongkai.accounts.models import Organization

    names = set(Organization.objects.values_list("name", flat=True))
    names.update(
        ImportedReport.objects.filter(status=ImportStatus.CONFIRMED)
        .values_list("reporting_body", flat=True)
        .distinct()
    )
    return sorted(n for n in names if n)
