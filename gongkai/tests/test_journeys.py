"""Whole journeys in a real browser, each person starting from their own menu, with
screenshots at desktop and phone width in var/screenshots/ (for people to look at; not
compared by the tests).

- An applicant applies online and later looks up the case with the tracking number and code.
- An item is drafted, passes the review chain stage by stage and is found by the public search.
"""

import os
from pathlib import Path

import pytest

from gongkai.conftest import PASSWORD
from gongkai.portal.tests import test_browser as portal_browser

from . import world as world_module

# The portal's chromium fixture (and its rule: skipped without the browser, unless
# GONGKAI_REQUIRE_BROWSER says a missing browser is a failure).
browser = portal_browser.browser
pytestmark = portal_browser.pytestmark

SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS", Path.cwd() / "var" / "screenshots"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def shoot(page, name: str) -> None:
    """The page as it is, at desktop width and at a phone's 390 px; the phone view must not
    scroll sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling on a phone"
    page.set_viewport_size(size)


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    from gongkai.catalog.search import engine

    engine.forget_index()
    world_module.seed_vocabularies()
    yield live_server.url
    engine.forget_index()


def signed_in(browser, url: str, username: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{url}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{url}/staff/")
    return page


def test_an_applicant_applies_online_and_later_looks_up_the_case(browser, site, agency):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{site}/")
    page.get_by_role("navigation").get_by_role("link", name="依申请公开", exact=True).click()
    shoot(page, "apply-1-form")
    applicant = world_module.APPLICANT
    page.get_by_label("申请人姓名或名称").fill(applicant["applicant_name"])
    page.get_by_label("证件号码").fill(applicant["id_number"])
    page.get_by_label("联系电话").fill(applicant["phone"])
    page.get_by_label("电子邮箱").fill(applicant["email"])
    page.get_by_label("通信地址").fill(applicant["address"])
    page.get_by_label("所需政府信息的内容描述").fill(applicant["description"])
    page.get_by_label("电子文件").check()
    page.get_by_label("我已阅读并同意").check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(f"{site}/apply/done/")
    shoot(page, "apply-2-receipt")
    text = page.locator("main").inner_text()
    from gongkai.applications.models import Application

    app = Application.objects.get()
    assert app.tracking_number in text
    code = page.locator("dt:text-is('查询码') + dd").inner_text().strip()

    # Later, from another browser: the lookup with the number and the code.
    later = browser.new_context(viewport=DESKTOP).new_page()
    later.goto(f"{site}/apply/")
    later.get_by_role("link", name="查询办理进度").click()
    later.get_by_label("申请编号").fill(app.tracking_number)
    later.get_by_label("查询码").fill(code)
    later.get_by_role("button", name="查询").click()
    status = later.locator("main").inner_text()
    assert "已收到" in status and str(app.due_on) in status
    shoot(later, "apply-3-status")


def test_an_item_passes_the_review_chain_and_is_found_by_search(
    browser, site, agency, clerk, division_head, legal_reviewer, leader
):
    title = "上海市司法局关于开展2026年度公证质量检查的通知"
    page = signed_in(browser, site, "clerk")
    page.get_by_role("navigation").get_by_role("link", name="主动公开", exact=True).click()
    page.get_by_role("link", name="起草新信息").click()
    page.get_by_label("名称").first.fill(title)
    page.get_by_label("成文日期").fill("2026-11-20")
    page.get_by_label("主题分类").select_option(label="司法鉴定")
    page.get_by_label("信息类别").select_option(index=1)
    page.get_by_label("正文").fill(f"{title}。各公证机构应于年底前完成自查，报送自查报告。")
    shoot(page, "item-1-draft")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="提交审核").click()
    assert "已提交审核" in page.locator("main").inner_text()
    shoot(page, "item-2-submitted")

    for step, (username, stage) in enumerate(
        [("chief", "处室负责人审核"), ("legal", "法制审核"), ("leader", "分管领导签发")], start=3
    ):
        reviewer = signed_in(browser, site, username)
        reviewer.get_by_role("navigation").get_by_role("link", name="待我审核", exact=True).click()
        reviewer.get_by_role("link", name=title).click()
        assert f"审核：{stage}" in reviewer.locator("main").inner_text()
        reviewer.get_by_label("同意").check()
        reviewer.get_by_label("保密审查").select_option(index=1)
        reviewer.get_by_label("审核意见").fill("同意")
        shoot(reviewer, f"item-{step}-review-{username}")
        reviewer.get_by_role("button", name="提交审核意见").click()
        assert f"“{stage}”已同意" in reviewer.locator("main").inner_text()
        reviewer.context.close()

    visitor = browser.new_context(viewport=DESKTOP).new_page()
    visitor.goto(f"{site}/")
    visitor.get_by_role("search").get_by_role("searchbox").fill("公证质量检查")
    visitor.keyboard.press("Enter")
    visitor.get_by_role("link", name=title).click()
    assert title in visitor.locator("h1").inner_text()
    shoot(visitor, "item-6-public")


def test_a_leader_publishes_the_annual_report_built_from_the_records_and_downloads_it(
    browser, site, agency, clerk, leader
):
    """The clerk starts the report from the menu; the leader opens it from the menu, publishes it
    and downloads the Word file; the public reads it in the 年度报告 column."""
    import io

    from docx import Document as WordDocument

    page = signed_in(browser, site, "clerk")
    page.get_by_role("navigation").get_by_role("link", name="年度报告", exact=True).click()
    page.get_by_role("spinbutton", name="年度").fill("2025")
    page.get_by_role("combobox", name="格式").select_option(index=0)
    shoot(page, "report-1-start")
    page.get_by_role("button", name="由业务记录生成").click()
    assert "一、本年新收政府信息公开申请数量" in page.locator("main").inner_text()
    page.context.close()

    boss = signed_in(browser, site, "leader")
    boss.get_by_role("navigation").get_by_role("link", name="年度报告", exact=True).click()
    boss.get_by_role("link", name="2025").first.click()
    shoot(boss, "report-2-review")
    boss.get_by_role("button", name="发布年度报告").click()
    assert "已发布" in boss.locator("main").inner_text()
    with boss.expect_download() as got:
        boss.get_by_role("link", name="DOCX").click()
    word = WordDocument(io.BytesIO(Path(got.value.path()).read_bytes()))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "2025年政府信息公开工作年度报告" in text and word.tables
    boss.context.close()

    visitor = browser.new_context(viewport=DESKTOP).new_page()
    visitor.goto(f"{site}/")
    visitor.get_by_role("navigation").get_by_role("link", name="年度报告", exact=True).click()
    visitor.get_by_role("link", name="2025").first.click()
    assert "2025年政府信息公开工作年度报告" in visitor.locator("h1").first.inner_text()
    shoot(visitor, "report-3-public")
