"""The reports this platform computed and published, for the portal's 年度报告 column (found by
name by the catalog's column page, which lists them with the uploaded report texts)."""

from django.urls import reverse

from .models import AnnualReport, AnnualReportStatus


def published(limit: int = 50) -> list[dict]:
    reports = (
        AnnualReport.objects.filter(status=AnnualReportStatus.PUBLISHED)
        .select_related("organization")
        .order_by("-year", "organization__sort_order", "pk")[:limit]
    )
    return [
        {
            "title": str(r),
            "url": reverse("reports:public_report", args=[r.pk]),
            # The report's own date (as the agency dated it), not when the platform published it.
            "date": r.date_shown,
        }
        for r in reports
    ]
