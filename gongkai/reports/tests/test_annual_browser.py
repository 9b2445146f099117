"""The annual report in a real browser: a figure followed with the keyboard, and the published
report on a phone-sized screen."""

import pytest

from gongkai.conftest import PASSWORD
from gongkai.portal.tests.test_browser import browser, pytestmark  # noqa: F401 (fixture, marks)
from gongkai.reports.engine import services

from .engine_data import caseload


@pytest.fixture
def report(agency, clerk):
    caseload(agency)
    return services.annual_report_create(organization=agency, year=2025, fmt="2021", actor=clerk)


def test_a_figure_is_followed_to_its_cases_with_the_keyboard(browser, live_server, report):  # noqa: F811
    page = browser.new_page()
    page.goto(f"{live_server.url}/staff/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/")
    page.goto(f"{live_server.url}/staff/reports/{report.pk}/")
    link = page.get_by_label("二、上年结转申请 · 总计：2，查看明细")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/cell/**")
    assert page.locator("h1").inner_text() == "二、上年结转申请 · 总计：2"
    assert page.locator("tbody tr").count() == 2
    page.close()


def test_the_published_report_fits_a_phone_screen(browser, live_server, report, leader):  # noqa: F811
    services.annual_report_publish(report=report, actor=leader)
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    assert "2025年政府信息公开工作年度报告" in page.locator("h1").first.inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # the wide tables scroll inside their box, not the page
    page.close()


def test_the_leader_recomputes_and_publishes_from_a_phone(browser, live_server, report, leader):  # noqa: F811
    from gongkai.portal.tests.test_staff_screens import _login, _serious_violations
    from gongkai.reports.models import AnnualReportStatus

    page = browser.new_page(viewport={"width": 375, "height": 740})
    _login(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/staff/reports/{report.pk}/")
    assert "数字为最新" in page.locator("#freshness").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert _serious_violations(page) == []
    page.get_by_role("button", name="按最新业务记录重新计算").press("Enter")
    page.wait_for_load_state()
    assert "已按最新业务记录重新计算" in page.locator("main").inner_text()
    page.get_by_role("button", name="发布年度报告").press("Enter")
    page.wait_for_load_state()
    assert "年度报告已发布" in page.locator("main").inner_text()
    report.refresh_from_db()
    assert report.status == AnnualReportStatus.PUBLISHED
    page.close()
