"""The one way the site sends e-mail.

`send` / `send_on_commit` are for notices (the applicant's confirmation, a new query code,
staff notifications and reminders); `send_on_commit` waits for the caller's transaction, so no
mail goes for work that was rolled back. With CELERY_BROKER_URL set a worker sends it (task
`mail.send`, retried with back-off while the mail server is unreachable); without one it is
sent in this process, as before.

`deliver` sends at once and raises on failure, for a mail whose sending is itself the record
(a letter served by e-mail: the service must not be recorded if the mail did not go).
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

log = logging.getLogger(__name__)

# What a worker retries: the mail server refused or could not be reached.
RETRIED = (OSError, smtplib.SMTPException)


def deliver(to: str, subject: str, body: str, attachments: tuple = ()) -> None:
    """Send now; raises OSError / SMTPException when the mail server does not take it.

    `attachments` are (file name, bytes, MIME type) triples.
    """
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    for name, data, mimetype in attachments:
        message.attach(name, data, mimetype)
    message.send(fail_silently=False)


def send(to: str, subject: str, body: str) -> bool:
    """Send a plain-text notice now (a caller whose change is already committed): queued for a
    worker when a broker is set, else sent here. Returns False only when sending here failed;
    a failure is logged, never raised, as the change that caused the mail stands."""
    from gongkai import celery

    if celery.enabled():
        try:
            send_task.delay(to, subject, body)
            return True
        except Exception:  # the broker is down: send it from here rather than lose it
            log.exception("无法把邮件交给 Celery，改在本进程发送")
    return _send_here(to, subject, body)


def send_on_commit(to: str, subject: str, body: str) -> None:
    """`send` once the current transaction commits: never for work that was rolled back."""
    transaction.on_commit(lambda: send(to, subject, body))


def _send_here(to: str, subject: str, body: str) -> bool:
    try:
        deliver(to, subject, body)
    except Exception:
        log.exception("邮件发送失败：%s（%s）", subject, to)
        return False
    return True


@shared_task(
    name="mail.send",
    ignore_result=True,
    autoretry_for=RETRIED,
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=10,  # pauses up to 30 s, 60 s … 1 h (jittered): about two hours of trying
)
def send_task(to: str, subject: str, body: str) -> None:
    """A worker sends one notice; an unreachable mail server is retried with back-off."""
    deliver(to, subject, body)
