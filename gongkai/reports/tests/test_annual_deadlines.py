"""The report's own deadlines: reminders on the dashboard from January until it is published."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.reports.engine.deadlines import deadline, reminder
from gongkai.reports.models import AnnualReport, AnnualReportStatus

pytestmark = pytest.mark.django_db


def test_departments_publish_by_31_january_governments_by_31_march(agency):
    government = Organization.objects.create(
        name="上海市徐汇区人民政府", code="xhqzf", kind=OrganizationKind.AGENCY
    )
    assert deadline(agency, 2025) == date(2026, 1, 31)
    assert deadline(government, 2025) == date(2026, 3, 31)


def test_the_clerk_is_reminded_in_january_and_warned_once_overdue(client, agency, clerk):
    client.force_login(clerk)
    with time_machine.travel("2026-01-06 09:00 +0800", tick=False):
        page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "2025年度报告距发布期限（1月31日）天数" in page
    with time_machine.travel("2026-02-03 09:00 +0800", tick=False):
        due = reminder(agency, timezone.localdate())
    assert due["label"] == "2025年度报告已超过发布期限（1月31日）天数"
    assert (due["value"], due["tone"]) == (3, "danger")


def test_no_reminder_once_published_or_outside_the_season(agency, clerk):
    with time_machine.travel("2026-09-01 09:00 +0800", tick=False):
        assert reminder(agency, timezone.localdate()) is None
    AnnualReport.objects.create(
        organization=agency,
        year=2025,
        format="2021",
        status=AnnualReportStatus.PUBLISHED,
        created_by=clerk,
        created_at=timezone.now(),
    )
    with time_machine.travel("2026-01-20 09:00 +0800", tick=False):
        assert reminder(agency, timezone.localdate()) is None


def test_the_leader_sees_reports_awaiting_publication_on_the_dashboard(
    client, agency, clerk, leader
):
    AnnualReport.objects.create(
        organization=agency, year=2025, format="2021", created_by=clerk, created_at=timezone.now()
    )
    client.force_login(leader)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "年度报告待审定发布" in page
    assert f'href="{reverse("reports:staff_list")}"' in page
    assert client.get(reverse("reports:staff_list")).status_code == 200
