"""The site's one mail helper, with and without a broker."""

import os
import smtplib
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core import mail as outbox
from django.db import transaction

from gongkai.lib import mail
from gongkai.lib.tests.celery_fixtures import redis_test_url, require_redis, use_broker


@pytest.fixture
def refusing_server(monkeypatch):
    """The mail server refuses the first `n` messages, then takes them."""
    state = {"refuse": 0, "tries": 0}
    real = mail.EmailMessage.send

    def send(self, fail_silently=False):
        state["tries"] += 1
        if state["refuse"]:
            state["refuse"] -= 1
            raise smtplib.SMTPServerDisconnected("connection closed")
        return real(self, fail_silently=fail_silently)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    return state


def test_without_a_broker_a_notice_is_sent_at_once(settings):
    settings.CELERY_BROKER_URL = ""
    assert mail.send("chen@example.com", "申请已收到", "正文") is True
    (message,) = outbox.outbox
    assert message.to == ["chen@example.com"] and message.subject == "申请已收到"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_without_a_broker_a_refused_notice_is_reported_not_raised(settings, refusing_server):
    settings.CELERY_BROKER_URL = ""
    refusing_server["refuse"] = 1
    assert mail.send("chen@example.com", "申请已收到", "正文") is False
    assert outbox.outbox == []


@pytest.mark.django_db
def test_a_notice_on_commit_waits_for_the_commit_and_is_dropped_on_rollback(
    settings, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_on_commit("chen@example.com", "新的查询码", "正文")
        assert outbox.outbox == []
    assert len(outbox.outbox) == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_on_commit("chen@example.com", "不应发出", "正文")
        raise RuntimeError("the change failed")
    assert [m.subject for m in outbox.outbox] == ["新的查询码"]


def test_with_a_broker_a_task_sends_the_notice(celery_eager, monkeypatch):
    def not_here(*args):
        pytest.fail("sent by the web process instead of the task")

    monkeypatch.setattr(mail, "_send_here", not_here)
    assert mail.send("chen@example.com", "申请已收到", "正文") is True
    (message,) = outbox.outbox
    assert message.to == ["chen@example.com"]


def test_with_a_broker_a_refused_notice_is_retried_until_it_goes(celery_eager, refusing_server):
    refusing_server["refuse"] = 2
    assert mail.send("chen@example.com", "申请已收到", "正文") is True
    assert refusing_server["tries"] == 3
    assert [m.subject for m in outbox.outbox] == ["申请已收到"]


def test_with_the_broker_down_the_notice_is_sent_here(celery_eager, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis://127.0.0.1:6379")

    class Unreachable:
        delay = staticmethod(broker_down)

    monkeypatch.setattr(mail, "send_task", Unreachable)
    assert mail.send("chen@example.com", "申请已收到", "正文") is True
    assert len(outbox.outbox) == 1


def test_a_real_worker_sends_the_notice(celery_worker):
    main = threading.get_ident()
    senders = []
    real = mail.deliver

    def deliver(*args, **kwargs):
        senders.append(threading.get_ident())
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mail, "deliver", deliver)
        assert mail.send("chen@example.com", "[政府信息公开] 申请已收到", "正文") is True
        deadline = time.monotonic() + 60
        while not outbox.outbox and time.monotonic() < deadline:
            time.sleep(0.1)
    (message,) = outbox.outbox
    assert message.to == ["chen@example.com"] and message.subject == "[政府信息公开] 申请已收到"
    assert senders and main not in senders  # sent by the worker, not by this process


def test_a_worker_process_started_as_the_readme_says_sends_the_notice(settings, tmp_path):
    require_redis()
    from gongkai.celery import app

    broker = redis_test_url(1)
    root = Path(__file__).resolve().parents[3]
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DATABASE_URL": f"sqlite:///{tmp_path}/unused.sqlite3",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    saved = app.conf.broker_url, app.conf.result_backend
    use_broker(app, broker, None)
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "gongkai",
            "worker",
            "-Q",
            "celery",
            "-P",
            "solo",
            "-l",
            "info",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout), daemon=True)
    reader.start()
    try:
        settings.CELERY_BROKER_URL = broker
        assert mail.send(
            "chen@example.com", "[政府信息公开] 申请已收到", "申请编号 shsfj-2026-000001"
        )
        deadline = time.monotonic() + 90
        while not any("succeeded" in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        reader.join(timeout=5)
        use_broker(app, *saved)
    output = "".join(lines)
    # The worker process printed the message (the console mail backend) and reported the task.
    assert "To: chen@example.com" in output and "申请编号 shsfj-2026-000001" in output
    assert "Task mail.send[" in output and "succeeded" in output
    assert outbox.outbox == []  # nothing was sent by this process
