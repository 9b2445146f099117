"""Every step of the procedure that is a written notice gets its letter when it is recorded."""

from datetime import date

from gongkai.applications import services as app_services
from gongkai.applications.services import application_intake
from gongkai.letters.models import LetterKind

from .conftest import APPLICANT, flat, pdf_text


def _paragraphs(app, kind):
    letter = app.letters.get(kind=kind)
    return letter, "\n".join(letter.content["paragraphs"])


def test_intake_issues_the_receipt_with_the_due_date_and_a_caveat_for_an_unscheduled_year(
    make_application,
):
    # Received 2026-12-10: 20 working days run into 2027, whose holidays are not entered.
    app = make_application(received_on=date(2026, 12, 10))
    letter, text = _paragraphs(app, LetterKind.RECEIPT)
    assert letter.title == "政府信息公开申请登记回执"
    assert letter.number == "上海市司法局信公回〔2026〕第1号"
    assert letter.content["addressee"] == "陈志明："
    assert app.tracking_number in text and "第三十三条" in text
    assert "2027年1月7日前答复" in text
    assert "2027年节假日安排尚未公布，上述期限暂按周一至周五计算" in text


def test_a_receipt_within_a_scheduled_year_carries_no_caveat(make_application):
    app = make_application(received_on=date(2026, 9, 25))
    _, text = _paragraphs(app, LetterKind.RECEIPT)
    assert "尚未公布" not in text


def test_correction_extension_and_consultation_letters_cite_their_articles(
    accepted, handler, agency
):
    app = accepted
    app_services.application_request_correction(
        application=app,
        actor=handler,
        on=date(2026, 9, 29),
        items="请写明所需鉴定机构的名称",
        correct_by=date(2026, 10, 20),
    )
    _, text = _paragraphs(app, LetterKind.CORRECTION)
    assert "第三十条" in text and "请写明所需鉴定机构的名称" in text
    assert "2026年10月20日前" in text
    app_services.application_receive_correction(
        application=app, actor=handler, on=date(2026, 10, 9)
    )
    app_services.application_start(application=app, actor=handler, on=date(2026, 10, 10))
    app_services.application_consult(
        application=app,
        actor=handler,
        on=date(2026, 10, 12),
        party="third_party",
        party_name="上海某司法鉴定所",
    )
    letter, text = _paragraphs(app, LetterKind.CONSULTATION)
    assert letter.title == "政府信息公开征求第三方意见函"
    assert letter.content["addressee"] == "上海某司法鉴定所："
    assert "第三十二条" in text and "2026年11月2日前书面提出意见" in text
    app_services.application_end_consultation(
        application=app, actor=handler, on=date(2026, 10, 20), result="不同意公开，涉及商业秘密"
    )
    _, text = _paragraphs(app, LetterKind.CONSULTATION_RECORD)
    assert "征求对象：上海某司法鉴定所" in text and "不同意公开，涉及商业秘密" in text
    app_services.application_extend(
        application=app, actor=handler, on=date(2026, 10, 21), days=10, reason="需调取历年档案"
    )
    letter, text = _paragraphs(app, LetterKind.EXTENSION)
    assert "第三十三条第二款" in text and "延长10个工作日" in text
    assert "因需调取历年档案" in text
    assert str(app_services.clock_for(app).due_on.day) + "日前予以答复" in text


def test_a_transfer_tells_the_applicant_which_agency_now_handles_it(
    make_application, handler, district
):
    app = make_application(received_on=date(2026, 9, 25))
    app_services.application_transfer(
        application=app, actor=handler, to_organization=district, reason="属于区司法局职责"
    )
    letter, text = _paragraphs(app, LetterKind.TRANSFER)
    assert letter.organization.name == "上海市司法局"  # sent by the agency that had it
    assert "上海市徐汇区司法局" in text and "收到申请之日仍为2026年9月25日" in text


def test_an_online_application_gets_its_receipt_too(agency):
    app, _ = application_intake(
        organization=agency,
        data=APPLICANT,
        channel="online",
        submitted_on=date(2026, 12, 15),
        received_on=date(2026, 12, 15),
        receipt_basis="online_receipt",
    )
    letter = app.letters.get()
    assert letter.kind == LetterKind.RECEIPT and letter.created_by_name == "申请人（网上提交）"


def test_a_fee_notice_states_the_amount_its_calculation_and_the_last_day_to_pay(
    in_progress, handler, agency
):
    from gongkai.applications import fees
    from gongkai.applications.case_models import FeeMethod, FeeSetting
    from gongkai.letters.services import letter_files

    FeeSetting.objects.create(organization=agency, enabled=True)
    notice = fees.application_fee_notice(
        application=in_progress,
        actor=handler,
        method=FeeMethod.PER_PAGE,
        pages=120,
        on=date(2026, 10, 12),
    )
    letter, text = _paragraphs(in_progress, LetterKind.FEE_NOTICE)
    assert letter.title == "政府信息公开信息处理费收费通知书"
    assert f"收取信息处理费{notice.amount}元（按量计收）" in text
    assert "国办函〔2020〕109号" in text and "不计算在答复期限内" in text
    pay_by = notice.pay_by
    assert f"请于{pay_by.year}年{pay_by.month}月{pay_by.day}日前缴纳" in text
    assert "费" in letter.number
    letter = letter_files(letter)
    with letter.pdf.open("rb") as handle:
        assert f"{notice.amount}元" in flat(pdf_text(handle.read()))
