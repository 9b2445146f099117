"""Recording reviews and lawsuits: filing, dates, papers and the result.

Each change locks the case, checks its status against `TRANSITIONS`, writes an `AppealEvent`
and an audit entry in one transaction, and raises `AppealError` (shown to staff as is) when the
step is not allowed. A 结果纠正 on a case about an answered application reopens the application
(`applications.services.application_reopen`) in the same transaction.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, can, require
from gongkai.applications import services as application_services
from gongkai.applications.models import Application
from gongkai.applications.models import EventKind as ApplicationEventKind
from gongkai.lib import filetypes
from gongkai.lib.workdays import FIRST_DATE

from .models import (
    Appeal,
    AppealDocument,
    AppealEvent,
    AppealKind,
    AppealResult,
    AppealStatus,
    EventKind,
)


class AppealError(Exception):
    """A step the case's state or the facts do not allow; the message is shown to staff."""


# The statuses each step may start from (filing creates the case).
TRANSITIONS: dict[EventKind, frozenset[AppealStatus]] = {
    EventKind.SCHEDULE: frozenset({AppealStatus.OPEN}),
    EventKind.DOCUMENT: frozenset({AppealStatus.OPEN, AppealStatus.DECIDED}),
    EventKind.DECIDE: frozenset({AppealStatus.OPEN}),
}
DOCUMENT_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "doc", "docx", "ofd"}
MAX_DOCUMENT_MB = 20


def _check_day(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise AppealError(f"{what}不能晚于今天。")
    if day < FIRST_DATE:
        raise AppealError(f"{what}不能早于 {FIRST_DATE.isoformat()}。")


def _check_dates(filed_on: date, hearing_on: date | None, deadline_on: date | None) -> None:
    if hearing_on is not None and hearing_on < filed_on:
        raise AppealError(f"听证或开庭日期不能早于立案日期（{filed_on}）。")
    if deadline_on is not None and deadline_on < filed_on:
        raise AppealError(f"答复或举证期限不能早于立案日期（{filed_on}）。")


def _event(appeal: Appeal, kind: EventKind, actor: User, on: date, summary: str, **context):
    AppealEvent.objects.create(
        appeal=appeal,
        kind=kind,
        on=on,
        actor=actor,
        actor_name=actor.display_name,
        summary=summary[:300],
        context=context,
    )


def case_number_problem(organization: Organization, case_number: str) -> str | None:
    """Why `case_number` cannot be registered for `organization` (already taken), or None."""
    case_number = case_number.strip()
    if not case_number:
        return None
    taken = Appeal.objects.filter(organization=organization, case_number=case_number).first()
    if taken is None:
        return None
    return (
        f"案号“{case_number}”已登记（{taken.get_kind_display()}，{taken.appellant}，"
        f"{taken.filed_on}立案），请勿重复登记；如是另一案件，请核对案号。"
    )


@transaction.atomic
def appeal_file(
    *,
    organization: Organization,
    actor: User,
    kind: AppealKind,
    appellant: str,
    body: str,
    subject: str,
    filed_on: date,
    application: Application | None = None,
    case_number: str = "",
    hearing_on: date | None = None,
    deadline_on: date | None = None,
    co_defendant_only: bool = False,
    handler: User | None = None,
) -> Appeal:
    """Register a review or lawsuit against the office, on one of its applications or (for a
    complaint about 主动公开) on none."""
    require(actor, Action.APPEAL_RECORD, organization)
    kind = AppealKind(kind)
    appellant, body, subject = appellant.strip(), body.strip(), subject.strip()
    if not appellant or not body or not subject:
        raise AppealError("请填写申请人或原告、复议机关或法院，以及争议事项。")
    _check_day(filed_on, "立案（收到）日期")
    _check_dates(filed_on, hearing_on, deadline_on)
    if application is not None:
        if application.organization_id != organization.pk:
            raise AppealError(
                f"申请 {application.tracking_number} 不是{organization.name}办理的申请。"
            )
        if filed_on < application.received_on:
            raise AppealError(
                f"立案日期不能早于申请 {application.tracking_number} 的收到日期"
                f"（{application.received_on}）。"
            )
    if handler is not None and not can(handler, Action.APPEAL_RECORD, organization):
        raise AppealError(f"{handler.display_name} 不能承办{organization.name}的复议诉讼案件。")
    problem = case_number_problem(organization, case_number)
    if problem:
        raise AppealError(problem)
    try:
        # A savepoint: two clerks registering the same number at once meet the constraint.
        with transaction.atomic():
            appeal = Appeal.objects.create(
                organization=organization,
                application=application,
                kind=kind,
                case_number=case_number.strip(),
                appellant=appellant,
                body=body,
                subject=subject,
                co_defendant_only=co_defendant_only,
                filed_on=filed_on,
                hearing_on=hearing_on,
                deadline_on=deadline_on,
                handler=handler or actor,
            )
    except IntegrityError:
        raise AppealError(
            case_number_problem(organization, case_number) or "案件登记失败，请重试。"
        ) from None
    _event(appeal, EventKind.FILE, actor, filed_on, f"{kind.label}，{body}受理")
    audit.record(
        "appeals.file",
        appeal,
        actor=actor,
        changes={"kind": kind.value, "application": application.pk if application else None},
    )
    return appeal


def _locked(appeal: Appeal, actor: User, kind: EventKind) -> Appeal:
    """The case's row, locked, after checking the actor's right and the case's status."""
    row = Appeal.objects.select_for_update(of=("self",)).get(pk=appeal.pk)
    require(actor, Action.APPEAL_RECORD, row.organization_id)
    if row.status not in TRANSITIONS[kind]:
        raise AppealError(
            f"本案当前状态为“{row.get_status_display()}”，不能{EventKind(kind).label}。"
        )
    return row


def appeal_schedule(
    *, appeal: Appeal, actor: User, hearing_on: date | None, deadline_on: date | None
) -> Appeal:
    """Set the hearing date and the deadline (答复、举证) the reviewing body or court gave."""
    with transaction.atomic():
        row = _locked(appeal, actor, EventKind.SCHEDULE)
        _check_dates(row.filed_on, hearing_on, deadline_on)
        before = {"hearing_on": row.hearing_on, "deadline_on": row.deadline_on}
        row.hearing_on, row.deadline_on = hearing_on, deadline_on
        # New dates deserve a new reminder, even on a day one was sent.
        row.reminded_on = None
        row.save(update_fields=["hearing_on", "deadline_on", "reminded_on"])
        after = {"hearing_on": hearing_on, "deadline_on": deadline_on}
        summary = f"听证或开庭：{hearing_on or '未定'}；答复或举证期限：{deadline_on or '未定'}"
        _event(row, EventKind.SCHEDULE, actor, timezone.localdate(), summary)
        audit.record("appeals.schedule", row, actor=actor, changes=audit.diff(before, after))
    appeal.__dict__.update(row.__dict__)
    return row


def appeal_add_document(*, appeal: Appeal, actor: User, title: str, upload) -> AppealDocument:
    """Keep a paper of the case (复议申请书, 起诉状, 答复书, 决定书, 判决书 …)."""
    title = title.strip()
    if not title:
        raise AppealError("请填写文书名称。")
    claimed = filetypes.kind_of_name(upload.name)
    if upload.name.rsplit(".", 1)[-1].lower() not in DOCUMENT_EXTENSIONS or claimed is None:
        raise AppealError("文书只能上传 PDF、OFD、Word 文档或图片（JPG、PNG）。")
    if filetypes.sniff(upload) != claimed:
        raise AppealError(f"“{upload.name}”的内容与其扩展名不符，请上传原始文件。")
    if upload.size > MAX_DOCUMENT_MB * 1024 * 1024:
        raise AppealError(f"单个文书不能超过 {MAX_DOCUMENT_MB}MB。")
    with transaction.atomic():
        row = _locked(appeal, actor, EventKind.DOCUMENT)
        document = AppealDocument.objects.create(
            appeal=row, title=title, file=upload, name=upload.name[:200], size=upload.size
        )
        _event(row, EventKind.DOCUMENT, actor, timezone.localdate(), title)
        audit.record("appeals.document", row, actor=actor, changes={"title": title})
    return document


def appeal_decide(
    *, appeal: Appeal, actor: User, result: AppealResult, decided_on: date, note: str = ""
) -> Appeal:
    """Record how the case ended. A 结果纠正 on an answered application reopens it: the
    reply is worked on again, and the application's timeline shows why. The returned case's
    `reopened` says whether it did."""
    result = AppealResult(result)
    _check_day(decided_on, "审结日期")
    with transaction.atomic():
        row = _locked(appeal, actor, EventKind.DECIDE)
        if decided_on < row.filed_on:
            raise AppealError(f"审结日期不能早于立案日期（{row.filed_on}）。")
        row.status, row.result, row.decided_on = AppealStatus.DECIDED, result, decided_on
        row.result_note = note.strip()
        row.save(update_fields=["status", "result", "decided_on", "result_note"])
        reopened = result == AppealResult.CORRECTED and _reopen(row, actor, decided_on)
        summary = row.result_label + ("，申请已重新办理" if reopened else "")
        _event(row, EventKind.DECIDE, actor, decided_on, summary, result=result.value)
        audit.record(
            "appeals.decide",
            row,
            actor=actor,
            changes={"result": result.value, "decided_on": decided_on.isoformat()},
        )
    row.reopened = reopened
    appeal.__dict__.update(row.__dict__)
    return row


def _reopen(appeal: Appeal, actor: User, on: date) -> bool:
    """Reopen the application the case concerns, when it has been answered; True if it was."""
    if appeal.application_id is None:
        return False
    application = appeal.application
    rule = application_services.TRANSITIONS[ApplicationEventKind.REOPEN]
    if application.status not in rule.sources:
        return False  # still being handled: the correction joins the work under way
    label = f"{appeal.body}{appeal.get_kind_display()}" + (
        f"（{appeal.case_number}）" if appeal.case_number else ""
    )
    try:
        application_services.application_reopen(
            application=application,
            actor=actor,
            on=on,
            appeal_label=label,
            reason=appeal.result_note,
        )
    except application_services.TransitionError as exc:
        raise AppealError(f"不能重新办理申请 {application.tracking_number}：{exc}") from exc
    return True
