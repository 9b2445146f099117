"""An annual report compared with last year's and with other agencies' imported reports
(issue 17.6): a share of identical sentences above the threshold is flagged on its page."""

from dataclasses import dataclass

from django.conf import settings

from gongkai.inspection.copies import copied_share

from . import composer
from .models import AnnualReport, ImportedReport, ImportStatus

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Copy:
    source: str  # what it was compared with, in words
    share: float
    same: int
    total: int

    @property
    def percent(self) -> str:
        return f"{self.share * 100:.1f}%"


def report_text(report: AnnualReport) -> str:
    sections = {**composer.drafts(report.document), **(report.sections or {})}
    return composer.full_text(report.document, sections)


def threshold() -> float:
    return getattr(settings, "GONGKAI_COPY_THRESHOLD", DEFAULT_THRESHOLD)


def copies(report: AnnualReport, *, limit: int = 200) -> list[Copy]:
    """The reports this one shares more than the threshold of its sentences with, highest
    first: the organization's report of the year before (computed or imported), and the
    confirmed imported reports of other agencies."""
    text = report_text(report)
    found = []
    previous = (
        AnnualReport.objects.filter(organization=report.organization, year=report.year - 1)
        .exclude(pk=report.pk)
        .first()
    )
    candidates = []
    if previous is not None:
        candidates.append((f"本机关{previous.year}年度报告", report_text(previous)))
    imported = ImportedReport.objects.filter(status=ImportStatus.CONFIRMED).exclude(
        year=report.year, reporting_body=report.organization.name
    )
    for other in imported.order_by("-year", "pk")[:limit]:
        candidates.append(
            (f"{other.reporting_body}{other.year or ''}年度报告（导入）", other.source_text)
        )
    for source, other_text in candidates:
        share, same, total = copied_share(text, other_text)
        if total and share >= threshold():
            found.append(Copy(source, share, same, total))
    return sorted(found, key=lambda c: -c.share)
