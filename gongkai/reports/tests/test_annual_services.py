"""Creating, editing and publishing a computed report; the leader's override of violations."""

import pytest
import time_machine
from django.utils import timezone

from gongkai.accounts.models import AuditEntry
from gongkai.reports import composer
from gongkai.reports.engine import services
from gongkai.reports.models import AnnualReport, AnnualReportStatus

from .engine_data import caseload, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


@pytest.fixture
def report(agency, clerk):
    caseload(agency)
    return services.annual_report_create(organization=agency, year=2025, fmt="2021", actor=clerk)


@pytest.fixture
def inconsistent(report, agency, clerk):
    """Last year's published report carried out a figure this year's records contradict."""
    AnnualReport.objects.create(
        organization=agency,
        year=2024,
        format="2021",
        status=AnnualReportStatus.PUBLISHED,
        document={"applications": {"carried_out": row(natural_person=1)}},
        created_by=clerk,
        created_at=timezone.now(),
    )
    return services.annual_report_recompute(report=report, actor=clerk)


def test_a_clerk_starts_a_report_with_figures_and_drafted_sections(report):
    assert report.document["applications"]["new"]["total"] == 6
    drafted = composer.drafts(report.document)["applications"]
    assert drafted.startswith("2025年，我局共收到政府信息公开申请6件。")
    assert report.sections == {}  # nothing written by staff yet: the text follows the figures
    assert report.violations == []


def test_the_same_organization_year_cannot_be_started_twice(report, agency, clerk):
    with pytest.raises(services.AnnualReportError, match="已经存在"):
        services.annual_report_create(organization=agency, year=2025, fmt="2019", actor=clerk)


def test_a_future_year_is_refused(agency, clerk):
    with pytest.raises(services.AnnualReportError, match="年度须在2008年至2026年之间"):
        services.annual_report_create(organization=agency, year=2027, fmt="2021", actor=clerk)


def test_an_outsider_cannot_start_this_offices_report(agency, outsider):
    with pytest.raises(services.AnnualReportError, match="没有权限"):
        services.annual_report_create(organization=agency, year=2025, fmt="2021", actor=outsider)


def test_an_edited_text_with_a_wrong_percentage_is_a_violation(report, clerk):
    edited = services.annual_report_edit(
        report=report,
        sections={"overview": "本年度办结5件。其中，予以公开2件，占办结总数的50.00%。"},
        entered={"proactive.administrative_licensing.decisions": 12},
        actor=clerk,
    )
    assert [v["rule"] for v in edited.violations] == ["percentage"]
    assert edited.document["proactive"]["administrative_licensing"] == {"decisions": 12}


def test_a_clean_report_is_published_by_a_leader_and_then_frozen(report, leader, clerk):
    published = services.annual_report_publish(report=report, actor=leader)
    assert published.status == AnnualReportStatus.PUBLISHED
    assert published.override_reason == ""
    with pytest.raises(services.AnnualReportError, match="已发布"):
        services.annual_report_edit(report=published, sections={}, entered={}, actor=clerk)


def test_a_clerk_cannot_publish(report, clerk):
    with pytest.raises(services.AnnualReportError, match="审定年度报告"):
        services.annual_report_publish(report=report, actor=clerk)


def test_a_report_with_violations_is_refused_without_a_written_reason(inconsistent, leader):
    assert [v["rule"] for v in inconsistent.violations] == ["carry", "carry"]
    with pytest.raises(services.AnnualReportError, match="2 处勾稽问题"):
        services.annual_report_publish(report=inconsistent, actor=leader, override_reason="  ")
    inconsistent.refresh_from_db()
    assert inconsistent.status == AnnualReportStatus.DRAFT


def test_a_leader_overrides_with_a_reason_kept_in_the_audit_log(inconsistent, leader):
    reason = "2024年报告发布后补录了1件申请，上年结转以本系统记录为准。"
    published = services.annual_report_publish(
        report=inconsistent, actor=leader, override_reason=reason
    )
    assert published.is_published and published.override_reason == reason
    entry = AuditEntry.objects.get(action="reports.annual_publish")
    assert entry.actor == leader
    assert entry.changes["override_reason"] == reason
    assert len(entry.changes["violations"]) == 2
