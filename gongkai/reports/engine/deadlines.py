"""Deadlines of the annual report itself (条例第四十九条、第五十条): departments publish last year's
report by 31 January, people's governments (the government-wide report) by 31 March. From
January the dashboard reminds those who compose it, until it is published."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.accounts.models import Organization

from ..models import AnnualReport, AnnualReportStatus

REMIND_UNTIL_MONTH = 4  # past the later deadline the reminder turns into an overdue warning


def deadline(organization: Organization, year: int) -> date:
    """The day `organization`'s report for `year` must be published by."""
    government = organization.name.endswith("人民政府")
    return date(year + 1, 3, 31) if government else date(year + 1, 1, 31)


def reminder(organization: Organization, today: date) -> dict | None:
    """The dashboard counter for last year's report, or None when nothing is due."""
    year = today.year - 1
    if today.month >= REMIND_UNTIL_MONTH + 3:  # by July a missing report is an old matter
        return None
    published = AnnualReport.objects.filter(
        organization=organization, year=year, subtree=False, status=AnnualReportStatus.PUBLISHED
    ).exists()
    if published:
        return None
    due = deadline(organization, year)
    left = (due - today).days
    return {
        "label": (
            f"{year}年度报告距发布期限（{due.month}月{due.day}日）天数"
            if left >= 0
            else f"{year}年度报告已超过发布期限（{due.month}月{due.day}日）天数"
        ),
        "value": abs(left),
        "url": reverse("reports:staff_list"),
        "tone": "danger" if left < 7 else "warn",
    }
