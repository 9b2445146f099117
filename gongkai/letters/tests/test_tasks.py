"""Making a letter's files: right after the commit without a broker, by a worker with one (the
case page says 生成中 until they exist), retried when it fails and shown to staff meanwhile."""

import threading
import time
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.applications import services as app_services
from gongkai.applications.outcomes import Outcome
from gongkai.letters import selectors, services, tasks
from gongkai.letters.models import Letter, LetterKind

from .conftest import pdf_text


@pytest.fixture
def reply_signed(accepted, handler, django_capture_on_commit_callbacks):
    """Sign the reply of the accepted case; the after-commit work runs as on a real site."""

    def sign():
        with django_capture_on_commit_callbacks(execute=True):
            app_services.application_reply(
                application=accepted,
                actor=handler,
                on=date(2026, 10, 9),
                outcome=Outcome.PARTIALLY_DISCLOSED,
                summary="名单中涉及个人信息的部分不予公开",
            )
        return accepted.letters.get(kind=LetterKind.REPLY)

    return sign


@pytest.fixture
def pdf_fails(monkeypatch):
    """The PDF exporter fails the first `times` calls (a missing font, a full disk)."""
    state = {"times": 0, "calls": 0}
    real = services.render

    def render(document, fmt):
        if fmt == "pdf":
            state["calls"] += 1
            if state["times"]:
                state["times"] -= 1
                raise OSError("找不到字体文件")
        return real(document, fmt)

    monkeypatch.setattr(services, "render", render)
    return state


def case_page(client, user, letter) -> str:
    client.force_login(user)
    return client.get(letter.application.get_absolute_url()).content.decode()


def test_without_a_broker_the_files_are_made_right_after_the_commit(
    settings, client, clerk, reply_signed
):
    settings.CELERY_BROKER_URL = ""
    reply = reply_signed()
    assert reply.has_files and len(reply.pdf_sha256) == 64
    page = case_page(client, clerk, reply)
    assert reverse("letters:download", args=[reply.pk, "pdf"]) in page
    assert "生成中" not in page


def test_with_a_broker_the_case_shows_generating_until_the_worker_made_the_files(
    settings, client, clerk, reply_signed, monkeypatch
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    sent = []
    worker_task = tasks.render

    class Queued:  # the broker: holds what was sent
        delay = sent.append

    monkeypatch.setattr(tasks, "render", Queued)
    reply = reply_signed()
    # The web process only queued the rendering; the letter's number and text are already fixed.
    assert reply.pk in sent and not reply.has_files
    assert reply.number and "名单中涉及个人信息" in "".join(reply.content["paragraphs"])
    page = case_page(client, clerk, reply)
    assert "生成中" in page
    assert reverse("letters:download", args=[reply.pk, "pdf"]) not in page
    status = render_to_string("letters/_status_letters.html", {"application": reply.application})
    assert "文件生成中" in status and reverse("letters:public_pdf", args=["x"])[:-2] not in status

    worker_task(reply.pk)  # what the worker runs

    assert reverse("letters:download", args=[reply.pk, "pdf"]) in case_page(client, clerk, reply)
    pdf = client.get(reverse("letters:download", args=[reply.pk, "pdf"]))
    assert reply.number in pdf_text(b"".join(pdf.streaming_content))


def test_a_failed_rendering_is_retried_by_the_task(celery_eager, reply_signed, pdf_fails):
    pdf_fails["times"] = 2
    reply = Letter.objects.get(pk=reply_signed().pk)
    assert pdf_fails["calls"] >= 3  # two failures, then it went through
    assert reply.has_files and reply.files_failed_at is None


def test_a_rendering_that_keeps_failing_is_shown_to_staff_and_caught_up_later(
    celery_eager, client, clerk, reply_signed, pdf_fails, today
):
    pdf_fails["times"] = 1000
    reply = Letter.objects.get(pk=reply_signed().pk)
    assert not reply.has_files and reply.files_failed_at is not None
    page = case_page(client, clerk, reply)
    assert "文件生成失败" in page and "系统将自动重试" in page
    # the staff member may try at once: the download makes the files, or says it cannot yet
    download = reverse("letters:download", args=[reply.pk, "pdf"])
    assert download in page
    response = client.get(download)
    assert response.status_code == 503
    assert (
        "文件暂时无法生成" in response.content.decode()
        and reply.number in response.content.decode()
    )
    public = client.get(reverse("letters:public_pdf", args=[selectors.public_token(reply)]))
    assert public.status_code == 503 and "信息公开工作机构" in public.content.decode()

    # The font is back; beat's periodic task finds the letter once its tasks had their chance.
    pdf_fails["times"] = 0
    assert services.letters_render_missing() == 0  # too recent: its task may still be queued
    later = datetime.now().astimezone() + services.RENDER_GRACE + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        # the reply, and the receipt (issued in the fixture, whose commit never ran)
        assert tasks.render_missing() == 2
    assert not Letter.objects.filter(pdf="").exists()
    reply.refresh_from_db()
    assert reply.has_files and reply.files_failed_at is None
    assert "文件生成失败" not in case_page(client, clerk, reply)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_files_of_a_signed_reply(celery_worker, accepted, handler):
    main = threading.get_ident()
    makers = []
    real = services.letter_files

    def letter_files(letter):
        makers.append(threading.get_ident())
        return real(letter)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "letter_files", letter_files)
        app_services.application_reply(
            application=accepted,
            actor=handler,
            on=date(2026, 10, 9),
            outcome=Outcome.PARTIALLY_DISCLOSED,
            summary="名单中涉及个人信息的部分不予公开",
        )
        reply = accepted.letters.get(kind=LetterKind.REPLY)
        deadline = time.monotonic() + 60
        while not reply.has_files and time.monotonic() < deadline:
            time.sleep(0.1)
            reply.refresh_from_db()
    assert reply.has_files
    assert makers and main not in makers  # made by the worker, not by this process
    assert "名单中涉及个人信息" in pdf_text(reply.pdf.open("rb").read())
