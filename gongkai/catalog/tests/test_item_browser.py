"""A published item's page in a real browser on a phone-sized screen."""

from gongkai.portal.tests.test_browser import browser, pytestmark  # noqa: F401 (fixture, marks)


def test_an_item_page_fits_a_phone_in_care_mode(browser, live_server, make_item, publish):  # noqa: F811
    # 关怀模式 sets larger type: the metadata table's label columns, each kept on one line,
    # pushed its index number past a 390-pixel screen.
    item = publish(make_item("2026年法律职业资格考试考务安排"))
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="关怀模式").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/catalog/items/{item.pk}/")
    assert page.evaluate("document.documentElement.classList.contains('care')")
    assert item.index_no in page.locator(".meta-table").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.close()


def test_a_long_unbroken_query_wraps_on_a_phone(browser, live_server, db):  # noqa: F811
    # The results line repeats the query: 100 letters in one run pushed the page 559 pixels
    # past a 390-pixel screen.
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{live_server.url}/")
    box = page.locator("input[name=q]").first
    box.fill("a" * 100)
    box.press("Enter")
    page.wait_for_load_state()
    assert "a" * 100 in page.get_by_role("status").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.close()
