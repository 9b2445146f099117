"""Logging a phone call with the keyboard alone, in a real browser."""

from gongkai.consultations.models import Consultation
from gongkai.portal.tests.test_browser import browser, pytestmark  # noqa: F401


def test_a_consultation_is_logged_with_the_keyboard_alone(browser, live_server, client, clerk):  # noqa: F811
    client.force_login(clerk)
    context = browser.new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/consultations/")
    # The topic has the focus on arrival; Tab, an arrow key picks 当面, Tab, the answer, Tab, Enter.
    assert page.evaluate("document.activeElement.id") == "id_topic"
    page.keyboard.type("申请表在哪里下载")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_answer"
    page.keyboard.type("在门户网站依申请公开栏目下载。")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "登记"
    page.keyboard.press("Enter")
    page.wait_for_selector(".messages")
    assert "已登记当面咨询：申请表在哪里下载" in page.locator(".messages").inner_text()
    # Back on the form, ready for the next call.
    assert page.evaluate("document.activeElement.id") == "id_topic"
    context.close()
    c = Consultation.objects.get()
    assert (c.channel, c.status, c.answer) == (
        "in_person",
        "answered",
        "在门户网站依申请公开栏目下载。",
    )
