"""A lawful letter for every outcome leaf, read back from its DOCX and its PDF."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services as app_services
from gongkai.applications import signoff
from gongkai.applications.models import EventKind, SignoffKind
from gongkai.applications.outcomes import Outcome
from gongkai.letters import services
from gongkai.letters.models import Letter, LetterKind, LetterSettings

from .conftest import docx_text, flat, pdf_text

# The article each leaf's reply must cite (regulations.md §1.5.6 and the outcome table).
ARTICLES = {
    Outcome.DISCLOSED: "第三十六条第（一）项、第（二）项",
    Outcome.PARTIALLY_DISCLOSED: "第三十七条",
    Outcome.WITHHELD_STATE_SECRET: "第十四条",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: "第十四条",
    Outcome.WITHHELD_SECURITY_STABILITY: "第十四条",
    Outcome.WITHHELD_THIRD_PARTY_RIGHTS: "第十五条",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "第十六条第一款",
    Outcome.WITHHELD_PROCESS_INFORMATION: "第十六条第二款",
    Outcome.WITHHELD_ENFORCEMENT_FILES: "第十六条第二款",
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: "第三十六条第（七）项",
    Outcome.UNABLE_NOT_HELD: "第三十六条第（四）项",
    Outcome.UNABLE_NEEDS_CREATION: "第三十八条",
    Outcome.UNABLE_UNCLEAR_AFTER_CORRECTION: "第三十条",
    Outcome.NOT_PROCESSED_PETITION: "第三十九条第一款",
    Outcome.NOT_PROCESSED_DUPLICATE: "第三十六条第（六）项",
    Outcome.NOT_PROCESSED_PUBLICATION: "第三十九条第二款",
    Outcome.NOT_PROCESSED_EXCESSIVE: "第三十五条",
    Outcome.NOT_PROCESSED_CONFIRM_OR_REISSUE: "第二条",
    Outcome.OTHER_NO_CORRECTION: "第三十条",
    Outcome.OTHER_FEE_UNPAID: "第四十二条",
    Outcome.OTHER_OTHER: "《中华人民共和国政府信息公开条例》",
}
REASON = "该信息涉及第三方个人隐私，第三方书面表示不同意公开"


def test_every_outcome_leaf_has_a_cited_article():
    assert set(ARTICLES) == set(Outcome)


def _reply(app, actor, outcome):
    if outcome == Outcome.OTHER_NO_CORRECTION:
        app_services.application_accept(application=app, actor=actor, on=date(2026, 9, 28))
        app_services.application_request_correction(
            application=app,
            actor=actor,
            on=date(2026, 9, 28),
            items="请写明所需信息的年份",
            correct_by=date(2026, 10, 12),
        )
        app_services.application_abandon(application=app, actor=actor, on=date(2026, 10, 13))
    else:
        app_services.application_accept(application=app, actor=actor, on=date(2026, 9, 28))
        app_services.application_reply(
            application=app, actor=actor, on=date(2026, 10, 9), outcome=outcome, summary=REASON
        )
    return app.letters.get(kind=LetterKind.REPLY)


@pytest.mark.parametrize("outcome", list(Outcome), ids=[o.value for o in Outcome])
def test_each_outcome_leaf_gets_a_reply_with_its_required_elements(
    outcome, make_application, handler, agency
):
    LetterSettings.objects.create(
        organization=agency, review_body="上海市人民政府", abbreviation="沪司"
    )
    app = make_application(received_on=date(2026, 9, 25))
    letter = services.letter_files(_reply(app, handler, outcome))
    assert letter.variant == outcome.value
    assert letter.number == "沪司信公复〔2026〕第1号"
    expected = [
        letter.title,
        "沪司信公复〔2026〕第1号",
        "陈志明：",
        app.tracking_number,
        "2026年9月25日",  # received
        "2025年度本市司法鉴定机构年度检查结果",  # what was asked
        ARTICLES[outcome],
        "60日内向上海市人民政府申请行政复议",
        "6个月内依法向人民法院提起行政诉讼",
        "上海市司法局政府信息公开受理点",  # where to ask
        "上海市司法局",
    ]
    if outcome != Outcome.OTHER_NO_CORRECTION:
        expected += [REASON, "2026年10月9日"]  # the reasons given, the date replied
    else:
        expected += ["2026年10月12日", "2026年10月13日"]  # the correction period, the date
    word = flat(docx_text(letter.docx.open("rb").read()))
    pdf = pdf_text(letter.pdf.open("rb").read())
    for element in expected:
        assert flat(element) in word, element
        assert flat(element) in pdf, element
    assert "{" not in word and "}" not in word


def test_a_disclosure_says_what_is_provided_and_how_and_a_not_held_reply_names_the_agency(
    make_application, handler
):
    app = make_application(received_on=date(2026, 9, 25))
    letter = _reply(app, handler, Outcome.DISCLOSED)
    # Without what the signer wrote, the reply says how the applicant asked to receive it.
    assert (
        "获取方式：按照您申请时选择的方式（电子文件（电子邮件））提供。"
        in letter.content["paragraphs"]
    )
    event = app.events.get(kind=EventKind.REPLY)
    event.context |= {
        "legal_basis": "《上海市政府信息公开规定》第二十条",
        "provided": "2025年度司法鉴定机构年度检查结果通报（PDF，3页）",
        "access": "已通过电子邮件发送至您预留的邮箱",
        "other_agency": "上海市市场监督管理局",
        "other_agency_contact": "021-64220000",
        "signed_by": "王局长",
    }
    event.save()
    reissued = services.letter_issue(
        application=app, event=event, kind=LetterKind.REPLY, variant=Outcome.DISCLOSED
    )
    text = "\n".join(reissued.content["paragraphs"])
    assert "法律依据：《上海市政府信息公开规定》第二十条" in text
    assert "本机关向您提供：2025年度司法鉴定机构年度检查结果通报（PDF，3页）" in text
    assert "获取方式：已通过电子邮件发送至您预留的邮箱。" in text
    # a not-held reply with the agency that holds it (第三十六条第（五）项)
    not_held = services.letter_issue(
        application=app, event=event, kind=LetterKind.REPLY, variant=Outcome.UNABLE_NOT_HELD
    )
    text = "\n".join(not_held.content["paragraphs"])
    assert "负责公开该政府信息的行政机关为：上海市市场监督管理局" in text
    assert "该机关联系方式：021-64220000" in text


def test_a_withholding_without_reasons_is_never_signed(make_application, handler):
    app = make_application(received_on=date(2026, 9, 25))
    app_services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))
    event = app.events.get(kind=EventKind.ACCEPT)
    with pytest.raises(services.LetterError, match="必填字段“理由”没有内容"):
        services.letter_issue(
            application=app,
            event=event,
            kind=LetterKind.REPLY,
            variant=Outcome.WITHHELD_STATE_SECRET,
        )
    assert not Letter.objects.filter(kind=LetterKind.REPLY).exists()


def test_a_reply_whose_letter_lacks_a_required_field_is_refused_whole_and_leaves_no_gap(
    client, accepted, clerk, division_head, leader, agency, admin_user
):
    services.template_save(
        organization=agency,
        actor=admin_user,
        kind=LetterKind.REPLY,
        variant=Outcome.DISCLOSED,
        title="政府信息公开告知书",
        body="{申请人}：依据{法律依据}，予以公开。\n向{复议机关}申请行政复议。",
    )
    app_services.application_start(application=accepted, actor=clerk, on=date(2026, 9, 29))
    draft = signoff.signoff_submit(
        application=accepted, actor=clerk, kind=SignoffKind.REPLY, outcome=Outcome.DISCLOSED
    )
    signoff.signoff_approve(request=draft, actor=division_head, comment="同意")
    # The leader's signature would issue the letter: its template needs the legal basis.
    client.force_login(leader)
    url = reverse("applications:signoff_approve", args=[draft.pk])
    response = client.post(url, {f"decide-{draft.pk}-comment": "同意"})
    assert response.status_code == 409
    assert "必填字段“法律依据”没有内容" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == "in_progress" and not accepted.outcome
    assert not accepted.events.filter(kind=EventKind.REPLY).exists()
    assert not Letter.objects.filter(kind=LetterKind.REPLY).exists()
    # Once the template no longer requires it, the reply gets the first number: no gap.
    services.template_reset(
        organization=agency, actor=admin_user, kind=LetterKind.REPLY, variant=Outcome.DISCLOSED
    )
    response = client.post(url, {f"decide-{draft.pk}-comment": "同意"})
    assert response.status_code == 302
    assert accepted.letters.get(kind=LetterKind.REPLY).serial == 1
