"""Logging, answering and publishing consultations.

Each change writes a `ConsultationEvent` and an audit entry in one transaction and raises
`ConsultationError` (shown as is) when the step is not allowed; publishing and taking down
rebuild the Q&A search index after commit.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.middleware import ip_digest
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, require
from gongkai.applications.models import Application
from gongkai.lib.workdays import FIRST_DATE

from . import search
from .models import (
    Consultation,
    ConsultationChannel,
    ConsultationEvent,
    ConsultationStatus,
    EventKind,
)


class ConsultationError(Exception):
    """A step the consultation's state does not allow; the message is shown as is."""


# The statuses each step may start from (logging and asking create the record).
TRANSITIONS: dict[EventKind, frozenset[ConsultationStatus]] = {
    EventKind.ANSWER: frozenset({ConsultationStatus.OPEN, ConsultationStatus.ANSWERED}),
    EventKind.PUBLISH: frozenset({ConsultationStatus.ANSWERED}),
    EventKind.UNPUBLISH: frozenset({ConsultationStatus.ANSWERED}),
}


def _event(consultation, kind: EventKind, actor: User | None, **context) -> None:
    ConsultationEvent.objects.create(
        consultation=consultation,
        kind=kind,
        actor=actor,
        actor_name=actor.display_name if actor else "公众（网上提问）",
        context=context,
    )


@transaction.atomic
def consultation_log(
    *,
    organization: Organization,
    actor: User,
    channel: ConsultationChannel,
    topic: str,
    asked_on: date,
    question: str = "",
    answer: str = "",
    application: Application | None = None,
) -> Consultation:
    """Log a consultation staff took by phone, in person or online; answered on the spot
    when `answer` is given (the usual case for a phone call)."""
    require(actor, Action.CONSULTATION_RECORD, organization)
    channel = ConsultationChannel(channel)
    topic, question, answer = topic.strip(), question.strip(), answer.strip()
    if not topic:
        raise ConsultationError("请填写咨询事项。")
    if asked_on > timezone.localdate():
        raise ConsultationError("咨询日期不能晚于今天。")
    if asked_on < FIRST_DATE:
        raise ConsultationError(f"咨询日期不能早于 {FIRST_DATE.isoformat()}。")
    if application is not None and application.organization_id != organization.pk:
        raise ConsultationError(f"申请 {application.tracking_number} 不是本机关的申请。")
    consultation = Consultation.objects.create(
        organization=organization,
        channel=channel,
        asked_on=asked_on,
        topic=topic,
        question=question,
        application=application,
        recorded_by=actor,
        **(
            {
                "status": ConsultationStatus.ANSWERED,
                "answer": answer,
                "answered_on": asked_on,
                "answered_by": actor,
            }
            if answer
            else {}
        ),
    )
    _event(consultation, EventKind.LOG, actor, channel=channel.value, answered=bool(answer))
    audit.record("consultations.log", consultation, actor=actor, changes={"channel": channel.value})
    return consultation


# The portal's form is open to anyone: a client asking more often than this is refused.
MAX_QUESTIONS_PER_HOUR = 5


@transaction.atomic
def consultation_ask(
    *,
    organization: Organization,
    topic: str,
    question: str,
    asker_name: str,
    contact: str,
    ip: str | None = None,
) -> Consultation:
    """A question asked on the portal's online form (an online consultation awaiting an answer)."""
    topic, question = topic.strip(), question.strip()
    if not topic or not question:
        raise ConsultationError("请填写咨询事项和咨询内容。")
    ip_hash = ip_digest(ip)
    recent = Consultation.objects.filter(
        asker_ip_hash=ip_hash, created_at__gte=timezone.now() - timedelta(hours=1)
    )
    if recent.count() >= MAX_QUESTIONS_PER_HOUR:
        raise ConsultationError("提交过于频繁，请一小时后再试，或拨打页面底部的咨询电话。")
    consultation = Consultation.objects.create(
        asker_ip_hash=ip_hash,
        organization=organization,
        channel=ConsultationChannel.ONLINE,
        asked_on=timezone.localdate(),
        topic=topic,
        question=question,
        asker_name=asker_name.strip(),
        contact=contact.strip(),
    )
    _event(consultation, EventKind.ASK, None)
    audit.record("consultations.ask", consultation, actor=None)
    return consultation


def _locked(consultation: Consultation, actor: User, kind: EventKind) -> Consultation:
    row = Consultation.objects.select_for_update(of=("self",)).get(pk=consultation.pk)
    require(actor, Action.CONSULTATION_RECORD, row.organization_id)
    if row.status not in TRANSITIONS[kind]:
        raise ConsultationError(
            f"该咨询当前状态为“{row.get_status_display()}”，不能{EventKind(kind).label}。"
        )
    return row


def consultation_answer(
    *, consultation: Consultation, actor: User, answer: str, on: date | None = None
) -> Consultation:
    """Answer (or correct the answer to) a consultation."""
    answer = answer.strip()
    if not answer:
        raise ConsultationError("请填写答复内容。")
    on = on or timezone.localdate()
    with transaction.atomic():
        row = _locked(consultation, actor, EventKind.ANSWER)
        if on < row.asked_on:
            raise ConsultationError(f"答复日期不能早于咨询日期（{row.asked_on}）。")
        if on > timezone.localdate():
            raise ConsultationError("答复日期不能晚于今天。")
        row.status, row.answer, row.answered_on, row.answered_by = (
            ConsultationStatus.ANSWERED,
            answer,
            on,
            actor,
        )
        row.save(update_fields=["status", "answer", "answered_on", "answered_by"])
        _event(row, EventKind.ANSWER, actor, on=on.isoformat())
        audit.record("consultations.answer", row, actor=actor)
        if row.is_published:
            search.rebuild_after_commit()
    consultation.__dict__.update(row.__dict__)
    return row


def consultation_publish(
    *, consultation: Consultation, actor: User, question: str, answer: str
) -> Consultation:
    """Publish the pair as public Q&A, in the wording given (checked for personal details)."""
    question, answer = question.strip(), answer.strip()
    if not question or not answer:
        raise ConsultationError("公开的问题和答复都不能为空。")
    with transaction.atomic():
        row = _locked(consultation, actor, EventKind.PUBLISH)
        row.public_question, row.public_answer = question, answer
        row.published_at = row.published_at or timezone.now()
        row.save(update_fields=["public_question", "public_answer", "published_at"])
        _event(row, EventKind.PUBLISH, actor)
        audit.record("consultations.publish", row, actor=actor)
        search.rebuild_after_commit()
    consultation.__dict__.update(row.__dict__)
    return row


def consultation_unpublish(*, consultation: Consultation, actor: User) -> Consultation:
    with transaction.atomic():
        row = _locked(consultation, actor, EventKind.UNPUBLISH)
        if not row.is_published:
            raise ConsultationError("该问答尚未公开。")
        row.published_at = None
        row.save(update_fields=["published_at"])
        _event(row, EventKind.UNPUBLISH, actor)
        audit.record("consultations.unpublish", row, actor=actor)
        search.rebuild_after_commit()
    consultation.__dict__.update(row.__dict__)
    return row
