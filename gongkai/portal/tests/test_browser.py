"""The portal and the workspace in a real browser: keyboard use and a phone-sized screen."""

import os
import shutil

import pytest

from gongkai.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
# Without the browser these tests are skipped on a developer's machine, but CI sets
# GONGKAI_REQUIRE_BROWSER so that a missing browser fails instead of passing silently.
_MISSING = not os.path.exists(CHROMIUM) or shutil.which("fc-list") is None
if _MISSING and os.environ.get("GONGKAI_REQUIRE_BROWSER"):
    raise RuntimeError(
        "GONGKAI_REQUIRE_BROWSER is set but /usr/bin/chromium or fontconfig is missing"
    )
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(_MISSING, reason="Debian's chromium (or fontconfig) is not installed"),
]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop running in this thread for as long as the
    # browser lives; the ORM refuses to run beside one unless told it is safe here.
    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with playwright.sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            yield b
            b.close()
    finally:
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


def test_a_clerk_logs_in_with_the_keyboard_alone(browser, live_server, clerk):
    page = browser.new_page()
    page.goto(f"{live_server.url}/staff/login/")
    # The username field has the focus on arrival; Tab then leads to the password.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("clerk")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/")
    assert page.locator("h1").inner_text() == "工作台"
    page.close()


def test_the_first_tab_on_a_portal_page_reaches_the_skip_link(browser, live_server, agency):
    page = browser.new_page()
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_the_portal_fits_a_phone_screen_without_sideways_scrolling(browser, live_server, agency):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{live_server.url}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page.locator("#site-search").is_visible()
    assert page.get_by_role("search").is_visible()
    page.close()


def test_the_main_pages_break_no_rule_of_the_content_security_policy(
    browser, live_server, agency, clerk
):
    """A refused inline script or style is silent on the page: the console tells."""
    page = browser.new_page()
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    for path in ("/", "/catalog/", "/search/?q=年度报告", "/guide/", "/apply/", "/staff/login/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/staff/")
    staff_pages = ("/staff/", "/staff/catalog/", "/staff/catalog/new/", "/staff/analytics/")
    for path in (*staff_pages, "/staff/applications/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
    # htmx ran (it is a static file) and was not made to add its inline style element.
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert refused == []
    page.close()
