"""The token page and the open-data page in a real browser, on a phone: no sideways scrolling,
no serious or critical axe-core violation, and a token made and revoked with the keyboard."""

import pytest

from gongkai.api.models import ApiToken
from gongkai.portal.tests.test_browser import browser, pytestmark  # noqa: F401 (fixture, marks)
from gongkai.portal.tests.test_staff_screens import PHONE, _login, _serious_violations


def _fits(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_a_clerk_makes_and_revokes_a_token_on_a_phone(browser, live_server, clerk):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _login(page, live_server.url, "clerk")
    page.get_by_role("link", name="接口令牌").click()
    page.get_by_label("用途说明").fill("门户网站目录同步")
    page.get_by_label("用途说明").press("Enter")
    page.wait_for_load_state()
    secret = page.get_by_label("令牌", exact=True).input_value()
    assert secret.startswith("gk_")
    assert _fits(page) <= 0
    assert _serious_violations(page) == []
    page.get_by_role("button", name="吊销").press("Enter")
    page.wait_for_load_state()
    assert "已吊销" in page.locator("main").inner_text()
    assert ApiToken.objects.get().revoked_at is not None
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_open_data_page_fits_a_phone_and_passes_the_rules(
    browser,  # noqa: F811
    live_server,
    published,
):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/opendata/")
    assert page.get_by_role("heading", name="开放数据与订阅").is_visible()
    assert _fits(page) <= 0
    assert _serious_violations(page) == []
    page.close()


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_run_under_the_csp_and_lead_back_to_the_site(browser, live_server):  # noqa: F811
    page = browser.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    # swagger-ui ran (its script is a static file) and listed the operations.
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 5
    assert refused == []
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    # swagger-ui's own words are Chinese: its authorize button, and an operation's buttons.
    assert page.get_by_role("button", name="授权").first.is_visible()
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="试用").first.wait_for()
    assert page.get_by_role("heading", name="参数").first.is_visible()
    assert "Try it out" not in page.locator("#swagger-ui").inner_text()
    # The translated buttons still work: the first operation (the public item list) runs.
    page.get_by_role("button", name="试用").first.click()
    page.get_by_role("button", name="执行").first.click()
    page.get_by_text("服务器响应").first.wait_for()
    assert (
        page.locator(".live-responses-table tbody .response-col_status").first.inner_text() == "200"
    )
    assert page.title().startswith("开放接口文档")
    page.get_by_role("link", name="返回").first.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/") == live_server.url
    page.close()
