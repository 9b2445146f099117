"""The applicant's side: confirmation, the outcome and files, the online correction, a lost code."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import (
    Application,
    AttachmentKind,
    EventKind,
    Outcome,
    Status,
)

from .test_views import post_apply

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def applied(client, agency, **changes) -> tuple[Application, str]:
    """Submit online and open the case on the status page, as its applicant does."""
    post_apply(client, agency, **changes)
    code = client.get(reverse("applications:apply_done")).context["receipt"]["code"]
    app = Application.objects.order_by("-pk").first()
    opened = client.post(
        reverse("applications:apply_status"),
        {"tracking_number": app.tracking_number, "query_code": code},
    )
    assert opened.status_code == 200
    return app, code


@override_settings(GONGKAI_BASE_URL="https://xxgk.example.gov.cn")
def test_an_applicant_with_an_email_gets_a_confirmation_without_the_code(client, agency):
    post_apply(client, agency)
    done = client.get(reverse("applications:apply_done"))
    code = done.context["receipt"]["code"]
    app = Application.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chen.zhiming@example.com"]
    assert app.tracking_number in message.subject and app.tracking_number in message.body
    assert "https://xxgk.example.gov.cn/apply/status/" in message.body
    assert code not in message.body
    assert "确认邮件已发送" in done.content.decode()


def test_no_email_no_confirmation(client, agency):
    post_apply(client, agency, email="", delivery="post")
    assert mail.outbox == []


def test_the_status_page_shows_the_outcome_and_the_disclosed_files_once_replied(
    client, agency, handler
):
    app, _ = applied(client, agency)
    services.application_accept(application=app, actor=handler)
    services.application_provide_files(
        application=app,
        actor=handler,
        files=[SimpleUploadedFile("检查结果.pdf", PDF, content_type="application/pdf")],
    )
    status_url = reverse("applications:case_status", args=[app.tracking_number])
    page = client.get(status_url).content.decode()
    assert "检查结果.pdf" not in page  # not before the reply is out
    services.application_reply(
        application=app, actor=handler, outcome=Outcome.DISCLOSED, provided="检查结果"
    )
    page = client.get(status_url).content.decode()
    assert "办理结果" in page and "予以公开" in page and Outcome.DISCLOSED.value not in page
    file = app.attachments.get(kind=AttachmentKind.DISCLOSED)
    link = reverse("applications:disclosed_file", args=[app.tracking_number, file.pk])
    assert link in page
    download = client.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    # Someone else (another browser, or another applicant) reaches neither page nor file.
    stranger = Client()
    assert stranger.get(link).status_code == 404
    assert stranger.get(status_url).status_code == 404
    other, _ = applied(stranger, agency, description="申请公开2025年度本市公证机构年度考核结果")
    assert other != app
    assert stranger.get(link).status_code == 404


@pytest.fixture
def asked_to_correct(client, agency, handler):
    app, _ = applied(client, agency)
    services.application_accept(application=app, actor=handler)
    services.application_request_correction(
        application=app,
        actor=handler,
        items="请写明所需检查结果的年度和机构名称",
        correct_by=date(2026, 12, 30),
    )
    return app


def test_the_applicant_corrects_online_and_the_clerk_registers_it(
    client, asked_to_correct, handler
):
    app = asked_to_correct
    status_url = reverse("applications:case_status", args=[app.tracking_number])
    page = client.get(status_url).content.decode()
    assert "请写明所需检查结果的年度和机构名称" in page and "2026-12-30" in page
    url = reverse("applications:correction", args=[app.tracking_number])
    empty = client.post(url, {"text": "  "})
    assert empty.status_code == 400 and "请填写补正内容或上传补正材料" in empty.content.decode()
    fake = client.post(
        url, {"text": "见附件", "files": SimpleUploadedFile("身份证.pdf", b"not a pdf")}
    )
    assert fake.status_code == 400 and "内容与扩展名不符" in fake.content.decode()
    response = client.post(
        url,
        {
            "text": "所需为2025年度上海某司法鉴定所的年度检查结果",
            "files": SimpleUploadedFile("补正说明.pdf", PDF),
        },
    )
    assert response.status_code == 302
    event = app.events.get(kind=EventKind.CORRECTION_ONLINE)
    assert event.context["note"].startswith("所需为2025年度") and event.actor is None
    assert app.attachments.get(kind=AttachmentKind.CORRECTION).name == "补正说明.pdf"
    app.refresh_from_db()
    assert app.status == Status.CORRECTION_REQUESTED  # until the clerk registers it
    staff = Client()
    staff.force_login(handler)
    case_page = staff.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "申请人网上提交补正材料" in case_page and "补正说明.pdf" in case_page
    detail = staff.get(reverse("applications:detail", args=[app.pk]))
    register = next(
        f["form"] for f in detail.context["action_forms"] if f["kind"] == "receive_correction"
    )
    assert register.initial["on"] == event.on
    services.application_receive_correction(application=app, actor=handler, on=event.on)
    app.refresh_from_db()
    assert app.status == Status.CORRECTED
    assert client.post(url, {"text": "再补充一点"}).status_code == 400  # no longer asked


def test_only_the_applicant_of_the_case_may_correct_it(asked_to_correct, agency):
    stranger = Client()
    applied(stranger, agency, description="申请公开2025年度本市公证机构年度考核结果")
    url = reverse("applications:correction", args=[asked_to_correct.tracking_number])
    assert stranger.post(url, {"text": "冒名补正"}).status_code == 404
    assert not asked_to_correct.events.filter(kind=EventKind.CORRECTION_ONLINE).exists()


def test_a_lost_query_code_is_replaced_by_one_sent_to_the_email_on_file(
    client, agency, django_capture_on_commit_callbacks
):
    app, old_code = applied(client, agency)
    mail.outbox.clear()
    url = reverse("applications:forgot_code")
    answers = []
    for number, email in [
        ("shsfj-2026-999999", "chen.zhiming@example.com"),  # no such case
        (app.tracking_number, "someone@example.com"),  # not the address on file
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(
                client.post(url, {"tracking_number": number, "email": email}, follow=True)
            )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        answers.append(
            client.post(
                url,
                {
                    "tracking_number": app.tracking_number.upper(),
                    "email": "Chen.Zhiming@example.com",
                },
                follow=True,
            )
        )
    texts = {
        re.search(r'<ul class="messages".*?</ul>', a.content.decode(), re.S)[0] for a in answers
    }
    assert len(texts) == 1  # the same answer every time
    assert len(mail.outbox) == 1
    new_code = re.search(r"新的查询码：([A-Z0-9]{10})", mail.outbox[0].body).group(1)
    assert new_code not in answers[-1].content.decode()
    lookup = reverse("applications:apply_status")
    fresh = Client()
    assert (
        fresh.post(
            lookup, {"tracking_number": app.tracking_number, "query_code": old_code}
        ).context["application"]
        is None
    )
    assert (
        fresh.post(
            lookup, {"tracking_number": app.tracking_number, "query_code": new_code}
        ).context["application"]
        == app
    )
    # Asked again at once: nothing is sent (and the code just sent keeps working).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"tracking_number": app.tracking_number, "email": app.email})
    assert len(mail.outbox) == 1
