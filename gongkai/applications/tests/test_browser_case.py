"""One case in a real browser, from the online form through a correction and the sign-off chain
to the applicant downloading the signed reply (screenshots at desktop and phone width)."""

import re
from datetime import date
from pathlib import Path

import pytest
import time_machine

from gongkai.accounts.models import Role
from gongkai.conftest import PASSWORD, make_staff
from gongkai.portal.tests.test_browser import browser, pytestmark  # noqa: F401 (fixture, marks)
from gongkai.tests.test_journeys import shoot

from .conftest import APPLICANT, at


@pytest.fixture(autouse=True)
def today():
    """The applications tests' fixed day, with a clock that runs: the browser waits on it."""
    with time_machine.travel(at(date(2026, 12, 15)), tick=True):
        yield date(2026, 12, 15)


def login(chromium, live_server, username):
    page = chromium.new_page()
    page.goto(f"{live_server.url}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/staff/")
    return page


def open_form(page, label):
    page.locator("summary").filter(has_text=re.compile(f"^{label}")).first.click()


def test_a_case_from_online_submission_to_the_applicant_reading_the_signed_reply(
    browser,  # noqa: F811 (the portal's fixture, imported)
    live_server,
    agency,
    clerk,
    division_head,
    leader,
):
    make_staff("legal2", agency, Role.LEGAL_REVIEWER)
    applicant = browser.new_page(viewport={"width": 375, "height": 740})
    applicant.goto(f"{live_server.url}/apply/")
    applicant.select_option("#id_applicant_kind", "natural_person")
    applicant.fill("#id_applicant_name", APPLICANT["applicant_name"])
    applicant.select_option("#id_id_type", "resident_id")
    applicant.fill("#id_id_number", APPLICANT["id_number"])
    applicant.fill("#id_phone", APPLICANT["phone"])
    applicant.fill("#id_email", APPLICANT["email"])
    applicant.fill("#id_description", APPLICANT["description"])
    applicant.check("input[name=delivery][value=electronic]")
    applicant.check("#id_consent")
    applicant.get_by_role("button", name="提交申请").click()
    applicant.wait_for_url(f"{live_server.url}/apply/done/")
    facts = applicant.locator(".receipt dd").all_inner_texts()
    tracking, code = facts[0].strip(), facts[1].strip()
    assert tracking == "shsfj-2026-000001"

    staff = login(browser, live_server, "clerk")
    staff.get_by_role("link", name="依申请公开").first.click()
    staff.get_by_text("筛选条件").click()  # the filters are folded away until asked for
    staff.get_by_label("范围").select_option("all")  # the clerk's own cases first: none yet
    staff.get_by_role("button", name="筛选").click()
    staff.get_by_role("link", name=tracking).click()
    open_form(staff, "受理")
    staff.locator("details[open] button[type=submit]").click()
    staff.wait_for_load_state()
    # The request is unclear: a one-time correction notice (第30条) ...
    open_form(staff, "发出补正告知")
    staff.fill("#id_request_correction-items", "请写明所需检查结果的年度和机构范围")
    staff.fill("#id_request_correction-correct_by", "2026-12-29")
    staff.locator("details[open] button[type=submit]").click()
    staff.wait_for_load_state()
    assert "待补正" in staff.locator("main").inner_text()
    # ... which the applicant answers online from the status page ...
    applicant.goto(f"{live_server.url}/apply/status/")
    applicant.fill("#id_tracking_number", tracking)
    applicant.fill("#id_query_code", code)
    applicant.get_by_role("button", name="查询", exact=True).click()
    applicant.wait_for_load_state()
    assert "请写明所需检查结果的年度和机构范围" in applicant.locator("main").inner_text()
    shoot(applicant, "case-1-correction-asked")
    applicant.get_by_label("补正内容").fill("2025年度，全市司法鉴定机构")
    applicant.get_by_role("button", name="提交补正材料").click()
    applicant.wait_for_load_state()
    # ... and the clerk registers, then starts work.
    staff.reload()
    assert "2025年度，全市司法鉴定机构" in staff.locator("main").inner_text()
    for step in ("登记补正材料", "开始办理"):
        open_form(staff, step)
        staff.locator("details[open] button[type=submit]").click()
        staff.wait_for_load_state()
    shoot(staff, "case-2-in-progress")
    open_form(staff, "起草答复并提交审核")
    staff.select_option("#id_draft-reply-outcome", "disclosed")
    staff.fill(
        "#id_draft-reply-legal_basis", "《中华人民共和国政府信息公开条例》第三十六条第（一）项"
    )
    staff.fill("#id_draft-reply-provided", "2025年度司法鉴定机构年度检查结果（电子文本1份）")
    staff.fill("#id_draft-reply-access", "随本告知书以电子邮件发送")
    staff.locator("details[open] button", has_text="提交审核").click()
    staff.wait_for_load_state()
    # The clerk cannot sign, and the page says who can.
    assert "答复草稿待“处室负责人审核”" in staff.locator(".next-step").inner_text()
    assert "chief" in staff.locator(".next-step").inner_text()
    staff.close()

    for username, button in (("chief", "同意"), ("leader", "同意并签发")):
        signer = login(browser, live_server, username)
        queue = signer.get_by_role("link", name=re.compile("^待我签发"))
        assert "1" in queue.inner_text()
        queue.click()
        signer.get_by_role("link", name=tracking).click()
        signer.get_by_role("button", name=button, exact=True).click()
        signer.wait_for_load_state()
        assert signer.locator(".messages").count() == 1
        signer.close()

    applicant.goto(f"{live_server.url}/apply/status/")
    applicant.fill("#id_tracking_number", tracking)
    applicant.fill("#id_query_code", code)
    applicant.get_by_role("button", name="查询", exact=True).click()
    applicant.wait_for_load_state()
    facts = applicant.locator("dl.facts").inner_text()
    assert "已答复" in facts and "予以公开" in facts
    shoot(applicant, "case-3-replied")
    # The signed reply is listed with its 文号 and downloads as a PDF that names the outcome.
    letters = applicant.locator("ul.letters").inner_text()
    assert "《政府信息公开告知书》" in letters and "登记回执" in letters
    with applicant.expect_download() as got:
        applicant.get_by_role("link", name=re.compile("下载《政府信息公开告知书")).click()
    pdf = Path(got.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert tracking in text.replace("\r", "").replace("\n", "")
    applicant.close()
