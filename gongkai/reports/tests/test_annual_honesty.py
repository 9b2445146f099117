"""What the leader is shown is what gets published: when the figures were computed, whether the
records moved since, a recomputation open to the publisher, a publication that stops when the
figures it would freeze are not those on the page, a drill-down that counts its cell, a warning
for a year not yet over, and the report's own date in the public column."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.appeals.services import appeal_file
from gongkai.reports.engine import services
from gongkai.reports.models import AnnualReport, AnnualReportStatus

from .engine_data import case, caseload
from .test_annual_pages import shown_publish_form

pytestmark = pytest.mark.django_db

LATER = "2026-02-10 09:30 +0800"  # after the report was computed (at 09:00)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


@pytest.fixture
def report(agency, clerk):
    caseload(agency)
    return services.annual_report_create(organization=agency, year=2025, fmt="2021", actor=clerk)


def _page(client, report) -> str:
    return client.get(reverse("reports:annual_detail", args=[report.pk])).content.decode()


def _cell(client, report, path, column="") -> str:
    url = reverse("reports:annual_cell", args=[report.pk])
    return client.get(url, {"path": path, "column": column}).content.decode()


def test_the_page_says_when_the_figures_were_computed_and_whether_records_moved_since(
    client, report, leader, agency
):
    client.force_login(leader)
    page = _page(client, report)
    assert "数字计算于 2026-02-10 09:00" in page and "数字为最新" in page
    with time_machine.travel(LATER, tick=False):
        case(agency, "natural_person", date(2025, 6, 2))
        page = _page(client, report)
    assert "数字可能已过时" in page and "请先重新计算，核对后再发布" in page


def test_a_case_of_another_year_does_not_make_the_figures_stale(client, report, leader, agency):
    client.force_login(leader)
    with time_machine.travel(LATER, tick=False):
        case(agency, "natural_person", date(2026, 2, 10))
        assert "数字为最新" in _page(client, report)


def test_the_leader_who_publishes_may_recompute(client, report, leader, agency):
    client.force_login(leader)
    with time_machine.travel(LATER, tick=False):
        case(agency, "natural_person", date(2025, 6, 2))
        assert "按最新业务记录重新计算" in _page(client, report)
        response = client.post(reverse("reports:annual_recompute", args=[report.pk]))
        assert response.status_code == 302
        page = _page(client, report)
    report.refresh_from_db()
    assert report.document["applications"]["new"]["total"] == 7
    assert "数字计算于 2026-02-10 09:30" in page and "数字为最新" in page


def test_publishing_never_freezes_figures_the_leader_has_not_seen(client, report, leader, agency):
    client.force_login(leader)
    url = reverse("reports:annual_publish", args=[report.pk])
    shown = shown_publish_form(client, report)  # the page says 6 new applications
    with time_machine.travel(LATER, tick=False):
        case(agency, "natural_person", date(2025, 6, 2))
        response = client.post(url, shown, follow=True)
        page = response.content.decode()
        report.refresh_from_db()
        assert report.status == AnnualReportStatus.DRAFT
        assert "报告未发布：按最新业务记录重新计算后，报告与您看到的不同" in page
        assert "一、本年新收申请 · 自然人：3 → 4；一、本年新收申请 · 总计：6 → 7" in page
        assert report.document["applications"]["new"]["total"] == 7
        # Looking again, the leader publishes the figures now on the page.
        assert client.post(url, shown_publish_form(client, report)).status_code == 302
    report.refresh_from_db()
    assert report.status == AnnualReportStatus.PUBLISHED
    assert report.document["applications"]["new"]["total"] == 7


def test_a_stale_page_cannot_publish_without_its_digest(client, report, leader):
    client.force_login(leader)
    response = client.post(reverse("reports:annual_publish", args=[report.pk]), {})
    assert response.status_code == 400
    assert "页面已过期，请刷新页面、核对数字后再发布" in response.content.decode()
    report.refresh_from_db()
    assert report.status == AnnualReportStatus.DRAFT


def test_the_drill_down_counts_its_cell_and_says_when_they_part(client, report, clerk, agency):
    client.force_login(clerk)
    page = _cell(client, report, "applications.new", "natural_person")
    assert "报告中的数字计算于 2026-02-10 09:00；下列明细按当前业务记录列出，共 3 条" in page
    assert "不一致" not in page
    with time_machine.travel(LATER, tick=False):
        case(agency, "natural_person", date(2025, 6, 2))
        page = _cell(client, report, "applications.new", "natural_person")
        assert "共 4 条" in page and "明细与报告数字不一致" in page
        cell = reverse("reports:annual_cell", args=[report.pk])
        here = f"{cell}?path=applications.new&column=natural_person"
        assert f'name="next" value="{here.replace("&", "&amp;")}"' in page
        response = client.post(
            reverse("reports:annual_recompute", args=[report.pk]), {"next": here}, follow=True
        )
        page = response.content.decode()
        assert response.redirect_chain[-1][0] == here
    assert "<h1>一、本年新收申请 · 自然人：4</h1>" in page
    assert "共 4 条" in page and "不一致" not in page


def test_a_published_report_keeps_its_figure_and_the_drill_down_says_why_it_differs(
    client, report, leader, agency
):
    services.annual_report_publish(report=report, actor=leader)
    client.force_login(leader)
    with time_machine.travel(LATER, tick=False):
        case(agency, "natural_person", date(2025, 6, 2))
        page = _cell(client, report, "applications.new", "total")
    assert "发布时确定" in page and "共 7 条" in page
    assert "报告发布后，相关业务记录有变动" in page


@pytest.fixture
def appeal(report, clerk, agency):
    """An administrative review pending at the end of 2025, in the report's recomputed figures."""
    filed = appeal_file(
        organization=agency,
        actor=clerk,
        kind="review",
        appellant="陈志明",
        body="上海市人民政府",
        subject="不服答复",
        filed_on=date(2025, 11, 2),
        case_number="沪府复字〔2025〕第7号",
    )
    services.annual_report_recompute(report=report, actor=clerk)
    return filed


def test_a_cell_of_table_four_lists_its_appeals(client, report, clerk, appeal):
    client.force_login(clerk)
    response = client.get(
        reverse("reports:annual_cell", args=[report.pk]),
        {"path": "appeals.review", "column": "pending"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "沪府复字〔2025〕第7号" in page and "共 1 条" in page and "不一致" not in page
    assert f'href="{reverse("appeals:detail", args=[appeal.pk])}"' in page


def test_a_division_head_sees_the_appeals_of_a_cell_without_a_link_they_cannot_open(
    client, report, division_head, appeal
):
    # Recording appeals is the clerks' (the case page answers others 403): the head composing
    # the report reads the case in the list and is not sent to a refusal.
    client.force_login(division_head)
    page = _cell(client, report, "appeals.review", "pending")
    assert "沪府复字〔2025〕第7号" in page and "共 1 条" in page
    assert reverse("appeals:detail", args=[appeal.pk]) not in page


def test_publishing_a_year_not_yet_over_needs_a_confirmation(client, agency, clerk, leader):
    current = services.annual_report_create(organization=agency, year=2026, fmt="2021", actor=clerk)
    client.force_login(leader)
    assert "2026年尚未结束，报告数据可能不完整" in _page(client, current)
    url = reverse("reports:annual_publish", args=[current.pk])
    response = client.post(url, shown_publish_form(client, current))
    assert response.status_code == 400
    assert "2026年尚未结束，报告数据可能不完整。确需现在发布的，请勾选确认" in (
        response.content.decode()
    )
    confirmed = shown_publish_form(client, current, incomplete_year="on")
    assert client.post(url, confirmed).status_code == 302
    current.refresh_from_db()
    assert current.status == AnnualReportStatus.PUBLISHED


def test_the_column_shows_the_date_the_report_bears_not_the_day_it_was_entered(
    client, agency, clerk, leader
):
    old = services.annual_report_create(organization=agency, year=2018, fmt="legacy", actor=clerk)
    client.force_login(leader)
    url = reverse("reports:annual_publish", args=[old.pk])
    assert (
        client.post(url, shown_publish_form(client, old, dated_on="2019-02-28")).status_code == 302
    )
    client.logout()
    column = client.get(reverse("catalog:annual_reports")).content.decode()
    assert (
        f'{AnnualReport.objects.get(pk=old.pk)}</a> <span class="muted">2019-02-28</span>' in column
    )
    assert "2026-02-10" not in column
    public = client.get(reverse("reports:public_report", args=[old.pk])).content.decode()
    assert "2019年2月28日" in public


def test_a_report_date_outside_its_year_and_today_is_refused(client, report, leader):
    client.force_login(leader)
    url = reverse("reports:annual_publish", args=[report.pk])
    response = client.post(url, shown_publish_form(client, report, dated_on="2024-12-31"))
    assert response.status_code == 400
    assert "报告日期须在2025年1月1日至今天之间" in response.content.decode()


def test_the_unfinished_year_refusal_is_shown_beside_its_checkbox(client, agency, clerk, leader):
    # At the top of the form it stood three fields above the box it asks to tick (on a phone,
    # a screen away from it).
    current = services.annual_report_create(organization=agency, year=2026, fmt="2021", actor=clerk)
    client.force_login(leader)
    url = reverse("reports:annual_publish", args=[current.pk])
    response = client.post(url, shown_publish_form(client, current))
    assert response.status_code == 400
    field = response.context["publish_form"]["incomplete_year"]
    assert field.errors == [
        "2026年尚未结束，报告数据可能不完整。确需现在发布的，请勾选确认后再发布。"
    ]
    assert not response.context["publish_form"].non_field_errors()
