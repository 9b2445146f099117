"""The letters on the staff case page, their service, and the administrators' editor."""

from datetime import date

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.applications import services as app_services
from gongkai.applications.models import Status
from gongkai.applications.outcomes import Outcome
from gongkai.letters import selectors
from gongkai.letters.models import Letter, LetterKind, LetterTemplate, Service

from .conftest import docx_text, pdf_text


@pytest.fixture
def replied(accepted, handler):
    app_services.application_reply(
        application=accepted,
        actor=handler,
        on=date(2026, 10, 9),
        outcome=Outcome.PARTIALLY_DISCLOSED,
        summary="名单中涉及个人信息的部分不予公开",
    )
    return accepted


def test_the_case_page_lists_the_letters_with_their_files(client, replied, clerk):
    client.force_login(clerk)
    page = client.get(replied.get_absolute_url()).content.decode()
    reply = replied.letters.get(kind=LetterKind.REPLY)
    assert "政府信息部分公开告知书" in page and reply.number in page
    assert reverse("letters:download", args=[reply.pk, "pdf"]) in page
    assert reverse("letters:serve", args=[reply.pk]) in page
    # a clerk cannot sign, so cannot reissue a signed reply
    assert reverse("letters:correct", args=[reply.pk]) not in page
    docx = client.get(reverse("letters:download", args=[reply.pk, "docx"]))
    assert docx.status_code == 200
    assert "名单中涉及个人信息的部分不予公开" in docx_text(b"".join(docx.streaming_content))
    pdf = client.get(reverse("letters:download", args=[reply.pk, "pdf"]))
    assert reply.number in pdf_text(b"".join(pdf.streaming_content))


def test_staff_of_another_agency_cannot_download_a_letter(client, replied, outsider):
    client.force_login(outsider)
    reply = replied.letters.get(kind=LetterKind.REPLY)
    assert client.get(reverse("letters:download", args=[reply.pk, "pdf"])).status_code == 403


def test_serving_the_reply_by_email_sends_the_pdf_and_records_the_cases_service(
    client, replied, clerk
):
    client.force_login(clerk)
    reply = replied.letters.get(kind=LetterKind.REPLY)
    response = client.post(
        reverse("letters:serve", args=[reply.pk]),
        {"method": "email", "served_on": "2026-10-10"},
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["chen.zhiming@example.com"] and reply.number in message.subject
    (name, data, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and "名单中涉及个人信息" in pdf_text(data)
    replied.refresh_from_db()
    assert replied.status == Status.DELIVERED and replied.delivered_on == date(2026, 10, 10)
    assert Service.objects.get().email_to == "chen.zhiming@example.com"


def test_postal_service_needs_a_tracking_number_and_a_real_proof(client, replied, clerk):
    client.force_login(clerk)
    reply = replied.letters.get(kind=LetterKind.REPLY)
    url = reverse("letters:serve", args=[reply.pk])
    response = client.post(url, {"method": "post", "served_on": "2026-10-12"})
    assert response.status_code == 400 and "请填写邮件号" in response.content.decode()
    fake = SimpleUploadedFile("回证.pdf", b"this is not a pdf", content_type="application/pdf")
    response = client.post(
        url,
        {
            "method": "post",
            "served_on": "2026-10-12",
            "postal_tracking": "1151234567890",
            "proof": fake,
        },
    )
    assert response.status_code == 400 and "内容与其扩展名不符" in response.content.decode()
    assert not Service.objects.exists()
    proof = SimpleUploadedFile("回证.pdf", b"%PDF-1.4\n%scan\n", content_type="application/pdf")
    response = client.post(
        url,
        {
            "method": "post",
            "served_on": "2026-10-12",
            "postal_tracking": "1151234567890",
            "proof": proof,
        },
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.postal_tracking == "1151234567890" and len(service.proof_sha256) == 64
    page = client.get(replied.get_absolute_url()).content.decode()
    assert "邮件号 1151234567890" in page and reverse("letters:proof", args=[service.pk]) in page
    replied.refresh_from_db()
    assert replied.status == Status.DELIVERED


def test_a_signer_reissues_a_letter_from_the_case_page(client, replied, leader):
    client.force_login(leader)
    reply = replied.letters.get(kind=LetterKind.REPLY)
    assert (
        client.post(reverse("letters:correct", args=[reply.pk]), {"reason": ""}).status_code == 400
    )
    response = client.post(
        reverse("letters:correct", args=[reply.pk]), {"reason": "申请人姓名有误"}
    )
    assert response.status_code == 302
    assert Letter.objects.filter(kind=LetterKind.REPLY).count() == 2
    page = client.get(replied.get_absolute_url()).content.decode()
    assert "（第2版）" in page and "更正理由：申请人姓名有误" in page


def test_the_applicant_downloads_only_their_own_letters(client, replied, make_application):
    sent = selectors.public_letters(replied)
    assert [s["title"] for s in sent] == ["政府信息公开申请登记回执", "政府信息部分公开告知书"]
    response = client.get(sent[1]["url"])
    assert response.status_code == 200
    assert "名单中涉及个人信息" in pdf_text(b"".join(response.streaming_content))
    # a link cannot be bent to another case's letter, nor tampered with
    other = make_application(received_on=date(2026, 9, 28), applicant_name="李四")
    bent = signing.dumps([other.letters.get().pk, replied.pk], salt=selectors.PUBLIC_SALT)
    assert client.get(reverse("letters:public_pdf", args=[bent])).status_code == 404
    token = sent[1]["url"].rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    assert client.get(reverse("letters:public_pdf", args=[tampered])).status_code == 404
    html = render_to_string("letters/_status_letters.html", {"application": replied})
    assert "政府信息部分公开告知书" in html and sent[1]["url"] in html


def test_a_consultation_letter_is_never_offered_to_the_applicant(client, in_progress, handler):
    app_services.application_consult(
        application=in_progress,
        actor=handler,
        on=date(2026, 9, 30),
        party="third_party",
        party_name="上海某司法鉴定所",
    )
    letter = in_progress.letters.get(kind=LetterKind.CONSULTATION)
    assert letter.title not in [s["title"] for s in selectors.public_letters(in_progress)]
    token = selectors.public_token(letter)
    assert client.get(reverse("letters:public_pdf", args=[token])).status_code == 404


def test_an_administrator_edits_a_template_and_an_unknown_field_is_named(
    client, admin_user, agency
):
    client.force_login(admin_user)
    nav = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("letters:templates") in nav
    listing = client.get(reverse("letters:templates")).content.decode()
    assert "不予公开：属于国家秘密" in listing
    url = reverse("letters:template_edit", args=[agency.pk, "receipt", "-"])
    response = client.post(url, {"title": "回执", "body": "{申请人}：{申请日}已收到。"})
    assert response.status_code == 400
    assert "不存在的字段“申请日”" in response.content.decode()
    assert not LetterTemplate.objects.exists()
    response = client.post(url, {"title": "回执", "body": "{申请人}：已收到您的申请{申请编号}。"})
    assert response.status_code == 302
    assert LetterTemplate.objects.get().body == "{申请人}：已收到您的申请{申请编号}。"
    response = client.post(
        reverse("letters:settings") + f"?org={agency.pk}",
        {"review_body": "上海市人民政府", "abbreviation": "沪司", "pattern_reply": "沪司〔{年}〕"},
    )
    assert response.status_code == 400 and "须包含 {年} 和 {号}" in response.content.decode()


def test_a_clerk_has_no_template_editor(client, clerk):
    client.force_login(clerk)
    assert (
        reverse("letters:templates")
        not in client.get(reverse("accounts:dashboard")).content.decode()
    )
    assert client.get(reverse("letters:templates")).status_code == 403


def test_a_mail_that_cannot_be_sent_leaves_the_letter_unserved(client, replied, clerk, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    client.force_login(clerk)
    reply = replied.letters.get(kind=LetterKind.REPLY)
    response = client.post(
        reverse("letters:serve", args=[reply.pk]), {"method": "email", "served_on": "2026-10-10"}
    )
    assert response.status_code == 400 and "邮件未能发出" in response.content.decode()
    assert not Service.objects.exists()
    replied.refresh_from_db()
    assert replied.status == Status.REPLIED


def test_the_clerks_dashboard_counts_signed_replies_waiting_to_be_served(client, replied, clerk):
    client.force_login(clerk)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "已答复待送达" in page
    assert reverse("applications:inbox") + "?who=all&amp;status=replied" in page
    listing = client.get(reverse("applications:inbox") + "?who=all&status=replied")
    assert replied.tracking_number in listing.content.decode()


def test_an_administrator_is_reminded_to_name_the_review_body(client, admin_user, agency):
    client.force_login(admin_user)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "答复告知书尚未设置行政复议机关" in page
    client.post(
        reverse("letters:settings") + f"?org={agency.pk}",
        {"review_body": "上海市人民政府", "abbreviation": "沪司"},
    )
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "答复告知书尚未设置行政复议机关" not in page
