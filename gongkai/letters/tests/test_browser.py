"""In a real browser: an online application, its signed reply served on the case page, and the
applicant downloading the reply's PDF."""

from datetime import date
from pathlib import Path

import pytest

from gongkai.applications import services as app_services
from gongkai.applications.models import Application, Status
from gongkai.applications.outcomes import Outcome
from gongkai.conftest import PASSWORD
from gongkai.letters import selectors
from gongkai.letters.models import LetterKind
from gongkai.portal.tests.test_browser import pytestmark as browser_marks

from .conftest import APPLICANT, pdf_text

pytestmark = [*browser_marks, pytest.mark.django_db(transaction=True)]


def _fill(page, name, value):
    field = page.locator(f"[name={name}]")
    if field.count() > 1:  # a group of radio buttons
        page.check(f"[name={name}][value='{value}']")
        return
    tag = field.evaluate("e => e.tagName + ':' + (e.type || '')")
    if tag.startswith("SELECT"):
        field.select_option(str(value))
    elif tag.endswith(":checkbox"):
        field.check()
    else:
        field.fill(str(value))


def test_a_case_from_online_submission_to_the_applicant_downloading_the_signed_reply(
    browser, live_server, agency, handler
):
    page = browser.new_page()
    page.goto(f"{live_server.url}/apply/")
    for name, value in {**APPLICANT, "organization": agency.pk, "consent": "on"}.items():
        if value and page.locator(f"[name={name}]:not([type=hidden])").count():
            _fill(page, name, value)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(f"{live_server.url}/apply/done/")
    tracking = page.locator(".receipt dd").first.inner_text().strip()
    app = Application.objects.get(tracking_number=tracking)
    assert app.letters.get().kind == LetterKind.RECEIPT

    # Signed by the office (the sign-off chain is not what this test is about).
    app_services.application_accept(application=app, actor=handler, on=date(2026, 12, 15))
    app_services.application_reply(
        application=app,
        actor=handler,
        on=date(2026, 12, 15),
        outcome=Outcome.DISCLOSED,
        summary="提供年度检查结果通报的电子文本",
    )
    reply = app.letters.get(kind=LetterKind.REPLY)

    staff = browser.new_page()
    staff.goto(f"{live_server.url}/staff/login/")
    staff.fill("#id_username", "allroles")
    staff.fill("#id_password", PASSWORD)
    staff.keyboard.press("Enter")
    staff.wait_for_url(f"{live_server.url}/staff/")
    staff.goto(f"{live_server.url}{app.get_absolute_url()}")
    row = staff.locator("tr", has_text=reply.number)
    with staff.expect_download() as got:
        row.get_by_role("link", name=f"下载 {reply.number} 的 PDF").click()
    assert reply.number in pdf_text(Path(got.value.path()).read_bytes())
    row.get_by_role("link", name="登记送达").click()
    staff.get_by_label("在线").check()
    staff.get_by_role("button", name="登记送达").click()
    staff.wait_for_url(f"{live_server.url}{app.get_absolute_url()}")
    assert "在线 2026-12-15" in staff.locator("tr", has_text=reply.number).inner_text()
    app.refresh_from_db()
    assert app.status == Status.DELIVERED

    # What the applicant's status page lists for them, downloaded in their browser.
    sent = {s["title"]: s["url"] for s in selectors.public_letters(app)}
    with page.expect_download() as got:
        page.evaluate("url => { location.href = url }", sent[reply.title])
    text = pdf_text(Path(got.value.path()).read_bytes())
    assert reply.number in text and tracking in text and "提供年度检查结果通报的电子文本" in text
    page.close()
    staff.close()
