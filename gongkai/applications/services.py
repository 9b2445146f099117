"""State changes of applications: intake and one guarded function per transition.

Every transition locks the case row (`select_for_update`), checks the current status against
`TRANSITIONS`, changes it, writes an `ApplicationEvent` and an audit entry, and recomputes the
stored due date — all in one transaction. Illegal moves raise `TransitionError` with a Chinese
message the UI shows as is.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, can, require
from gongkai.lib import counters, workdays
from gongkai.lib.discovery import app_modules

from . import clock as clock_rules
from . import repeats, storage
from .errors import AlreadySubmitted, TransitionError
from .lookup import _hash_code, new_query_code
from .models import (
    OPEN_STATUSES,
    Application,
    ApplicationEvent,
    Attachment,
    AttachmentKind,
    Channel,
    ConsultationParty,
    EventKind,
    ReceiptBasis,
    SignoffStatus,
    Status,
    TrackingCounter,
)
from .outcomes import LegacyOutcome, Outcome, default_legacy, legacy_allowed


@dataclass(frozen=True)
class Rule:
    label: str
    sources: frozenset[Status]
    target: Status | None  # None: the status stays (extension, assignment)
    action: Action


def _r(label, sources, target, action) -> Rule:
    return Rule(label, frozenset(sources), target, action)


S = Status
TRANSITIONS: dict[EventKind, Rule] = {
    EventKind.ACCEPT: _r("受理", {S.RECEIVED}, S.ACCEPTED, Action.APPLICATION_HANDLE),
    # From 已补正 too: an application still unclear after its correction may get a further
    # one-time notice (regulations.md §1.5.4, practice), within 7 working days of the correction.
    EventKind.REQUEST_CORRECTION: _r(
        "发出补正告知", {S.ACCEPTED, S.CORRECTED}, S.CORRECTION_REQUESTED, Action.APPLICATION_HANDLE
    ),
    EventKind.RECEIVE_CORRECTION: _r(
        "登记补正材料", {S.CORRECTION_REQUESTED}, S.CORRECTED, Action.APPLICATION_HANDLE
    ),
    EventKind.ABANDON: _r(
        "按视为放弃申请处理", {S.CORRECTION_REQUESTED}, S.ABANDONED, Action.APPLICATION_HANDLE
    ),
    EventKind.START: _r(
        "开始办理", {S.ACCEPTED, S.CORRECTED}, S.IN_PROGRESS, Action.APPLICATION_HANDLE
    ),
    EventKind.CONSULT: _r("征求意见", {S.IN_PROGRESS}, S.CONSULTING, Action.APPLICATION_HANDLE),
    EventKind.END_CONSULTATION: _r(
        "结束征求意见", {S.CONSULTING}, S.IN_PROGRESS, Action.APPLICATION_HANDLE
    ),
    EventKind.EXTEND: _r(
        "延期答复", {S.IN_PROGRESS, S.CONSULTING}, None, Action.APPLICATION_APPROVE_EXTENSION
    ),
    EventKind.REPLY: _r(
        "答复", {S.ACCEPTED, S.CORRECTED, S.IN_PROGRESS}, S.REPLIED, Action.APPLICATION_SIGN_REPLY
    ),
    EventKind.DELIVER: _r("登记送达", {S.REPLIED}, S.DELIVERED, Action.APPLICATION_HANDLE),
    EventKind.ARCHIVE: _r(
        "归档", {S.DELIVERED, S.ABANDONED}, S.ARCHIVED, Action.APPLICATION_HANDLE
    ),
    EventKind.ASSIGN: _r("分配承办人", OPEN_STATUSES, None, Action.APPLICATION_ASSIGN),
    EventKind.TRANSFER: _r(
        "转交其他机关",
        {S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS},
        S.RECEIVED,
        Action.APPLICATION_ASSIGN,
    ),
    # Taken by the appeals app when a review or court corrects the reply (`application_reopen`).
    EventKind.REOPEN: _r(
        "复议诉讼纠正后重新办理",
        {S.REPLIED, S.DELIVERED, S.ARCHIVED},
        S.IN_PROGRESS,
        Action.APPEAL_RECORD,
    ),
}

# 信息处理费 (fees.py): steps with preconditions of their own (the office's switch, a pending
# notice, the payment period), taken from the fee panel of the case page, never its buttons.
# The notice and its settlement leave the status where it is.
FEE_TRANSITIONS: dict[EventKind, Rule] = {
    EventKind.FEE_NOTICE: _r(
        "发出收费通知", {S.ACCEPTED, S.CORRECTED, S.IN_PROGRESS}, None, Action.APPLICATION_HANDLE
    ),
    EventKind.FEE_PAID: _r(
        "登记缴费", {S.ACCEPTED, S.CORRECTED, S.IN_PROGRESS}, None, Action.APPLICATION_HANDLE
    ),
    # A waiver is a decision on the fee, taken by whoever assigns the office's cases.
    EventKind.FEE_WAIVED: _r(
        "减免信息处理费",
        {S.ACCEPTED, S.CORRECTED, S.IN_PROGRESS},
        None,
        Action.APPLICATION_ASSIGN,
    ),
    EventKind.FEE_LAPSED: _r(
        "按逾期未缴费处理",
        {S.ACCEPTED, S.CORRECTED, S.IN_PROGRESS},
        S.REPLIED,
        Action.APPLICATION_HANDLE,
    ),
}

# Steps another app's service takes, never a button on the case page.
EXTERNAL_KINDS = frozenset({EventKind.REOPEN})


def allowed_transitions(application: Application, user) -> list[EventKind]:
    """The steps `user` may take on the case now (for the buttons on the case page)."""
    return [
        kind
        for kind, rule in TRANSITIONS.items()
        if kind not in EXTERNAL_KINDS
        and application.status in rule.sources
        and can(user, rule.action, application.organization_id)
    ]


# ---------------------------------------------------------------- clock


def clock_for(application: Application, *, today: date | None = None, events=None):
    """The application's clock, from its events (pass prefetched events to save a query)."""
    if events is None:
        events = application.events.all()
    return clock_rules.compute(
        application.received_on,
        [clock_rules.ClockEvent(e.kind, e.on, e.context) for e in events],
        today=today or timezone.localdate(),
    )


def _refresh_due(application: Application) -> None:
    clk = clock_for(application)
    application.due_on = clk.stored_due
    application.consultation_due = clk.consultation_due


def application_refresh_due(*, application: Application) -> bool:
    """Recompute the stored due dates (after a calendar change); True when they changed."""
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        before = (app.due_on, app.consultation_due)
        _refresh_due(app)
        if (app.due_on, app.consultation_due) != before:
            Application.objects.filter(pk=app.pk).update(
                due_on=app.due_on, consultation_due=app.consultation_due
            )
            return True
    return False


# ---------------------------------------------------------------- intake


def next_tracking_number(organization: Organization, year: int) -> str:
    """`<org code>-<year>-<6 digits>`, per organization and year; call inside a transaction."""
    serial = counters.reserve(TrackingCounter, "last", organization_id=organization.pk, year=year)
    return f"{organization.code}-{year}-{serial:06d}"


APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_number",
    "delivery",
)


def receipt_date(
    *,
    channel: Channel,
    submitted_on: date,
    signed_for_on: date | None = None,
    confirmed_on: date | None = None,
) -> tuple[date, ReceiptBasis]:
    """The date of receipt under 第31条 and the fact it rests on."""
    if channel == Channel.IN_PERSON:
        return submitted_on, ReceiptBasis.SUBMITTED
    if channel == Channel.ONLINE and confirmed_on is None:
        return submitted_on, ReceiptBasis.ONLINE_RECEIPT
    if channel == Channel.LETTER and signed_for_on is not None:
        return signed_for_on, ReceiptBasis.SIGNED_FOR
    if confirmed_on is None:
        raise TransitionError(
            "平常信函、传真及其他方式提交的申请，以与申请人确认之日为收到申请之日，请填写确认日期；"
            "挂号信、EMS 等须签收的邮件请填写签收日期。"
        )
    return confirmed_on, ReceiptBasis.CONFIRMED


# An identical online application within this time is the same one sent again (Back, then
# submit: the reloaded form carries a new token), not a second request.
RESUBMISSION_WINDOW = timedelta(hours=1)


def _just_submitted(organization: Organization, data: dict) -> Application | None:
    return (
        Application.objects.filter(
            organization=organization,
            channel=Channel.ONLINE,
            applicant_name=(data.get("applicant_name") or "").strip(),
            id_number=(data.get("id_number") or "").strip().upper(),
            description=(data.get("description") or "").strip(),
            created_at__gte=timezone.now() - RESUBMISSION_WINDOW,
        )
        .order_by("pk")
        .first()
    )


@transaction.atomic
def application_intake(
    *,
    organization: Organization,
    data: dict,
    channel: Channel,
    submitted_on: date,
    received_on: date,
    receipt_basis: ReceiptBasis,
    receipt_note: str = "",
    filled_on_behalf: bool = False,
    attachments=(),
    actor: User | None = None,
    issue_query_code: bool = True,
    submission_token: uuid.UUID | None = None,
) -> tuple[Application, str]:
    """Register an application; returns it and its query code (shown once, stored hashed).

    `actor` is None for the public online form and the staff member for every other channel.
    A `submission_token` already registered raises `AlreadySubmitted` (its unique constraint
    decides, so two concurrent posts of one form cannot both get through).
    """
    if actor is not None:
        require(actor, Action.APPLICATION_INTAKE, organization)
    channel, receipt_basis = Channel(channel), ReceiptBasis(receipt_basis)
    today = timezone.localdate()
    if received_on > today or submitted_on > today:
        raise TransitionError("收到日期不能晚于今天。")
    if submitted_on < workdays.FIRST_DATE:
        raise TransitionError(f"提交或到达日期不能早于 {workdays.FIRST_DATE.isoformat()}。")
    if received_on < submitted_on:
        raise TransitionError("收到申请之日不能早于申请提交或到达之日。")
    if actor is None and submission_token is not None:
        # From the public form (which always carries a token): Back and submit again.
        repeated = _just_submitted(organization, data)
        if repeated is not None:
            raise AlreadySubmitted(repeated)
    code = new_query_code() if issue_query_code else ""
    app = Application(
        organization=organization,
        # The year of receipt: a letter posted on 12-29 and signed for on 01-04 is next year's.
        tracking_number=next_tracking_number(organization, received_on.year),
        year=received_on.year,
        query_code_hash=_hash_code(code, secrets.token_hex(8)) if code else "",
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        receipt_basis=receipt_basis,
        receipt_note=receipt_note,
        filled_on_behalf=filled_on_behalf,
        submission_token=submission_token,
        topic=data.get("topic"),
        **{k: data.get(k, "") or "" for k in APPLICANT_FIELDS},
    )
    if app.id_type in {"resident_id", "uscc"}:
        app.id_number = app.id_number.strip().upper()
    app.due_on = workdays.add_workdays(received_on, clock_rules.REPLY_DAYS)
    try:
        with transaction.atomic():
            app.save()
    except IntegrityError:
        first = (
            submission_token
            and Application.objects.filter(submission_token=submission_token).first()
        )
        if not first:
            raise
        raise AlreadySubmitted(first) from None
    # Files are written to disk as their rows are saved; a rollback keeps no row but would
    # leave the files behind, so an intake that fails removes what it wrote.
    with storage.removed_on_failure() as written:
        for upload in attachments:
            row = Attachment.objects.create(
                application=app, file=upload, name=upload.name, size=upload.size
            )
            written.append(row.file.name)
        intake_event = ApplicationEvent.objects.create(
            application=app,
            kind=EventKind.INTAKE,
            on=received_on,
            actor=actor,
            actor_name=actor.display_name if actor else "申请人（网上提交）",
            to_status=Status.RECEIVED,
            context={
                "channel": channel.value,
                "receipt_basis": receipt_basis.value,
                "submitted_on": submitted_on.isoformat(),
                "note": receipt_note,
                "attachments": len(attachments),
            },
        )
        # Possible repeats are found now, for the clerk to see on the case page.
        repeats.find_similar(app)
        audit.record(
            "applications.intake",
            app,
            actor=actor,
            changes={"channel": channel.value, "received_on": received_on.isoformat()},
        )
        # Letters (登记回执) are issued as the intake's event is written.
        _event_written(app, intake_event)
    return app, code


# ---------------------------------------------------------------- transitions


def _event_written(application: Application, event: ApplicationEvent) -> None:
    """The one extension point for documents an event needs (the letters app's notices):
    called inside the event's transaction, so a letter that cannot be made undoes the step."""
    for module in app_modules("case_documents"):
        module.event_written(application, event)


# Steps whose date is only the day they were recorded and that change neither the status nor
# the clock: they do not fix the earliest date of the next step.
UNDATED_KINDS = frozenset(
    {
        EventKind.ASSIGN,
        EventKind.SIGNOFF_SUBMIT,
        EventKind.SIGNOFF_APPROVE,
        EventKind.SIGNOFF_RETURN,
        EventKind.CORRECTION_ONLINE,
    }
)


def _transition(
    kind: EventKind,
    *,
    application: Application,
    actor: User,
    on: date | None = None,
    context: dict | Callable[[Application, date], dict] | None = None,
    check: Callable[[Application, date], None] | None = None,
    apply: Callable[[Application, date], None] | None = None,
    after: Callable[[Application], None] | None = None,
) -> Application:
    """Take one step on the locked row.

    `context` may be a function of the locked row and the day: it runs after every date check
    (so nothing is computed from a date that is about to be refused) and before `apply`.
    `after` runs inside the same transaction once the event is written (notices).
    """
    rule = TRANSITIONS.get(kind) or FEE_TRANSITIONS[kind]
    today = timezone.localdate()
    on = on or today
    with transaction.atomic():
        # No join in the locking query: when another transaction moves the case to another
        # organization meanwhile, PostgreSQL re-checks the waiting query against the new row
        # but the old joined organization, finds no match and the case "does not exist".
        app = Application.objects.select_for_update().get(pk=application.pk)
        moved = app.organization_id != application.organization_id
        if moved and not can(actor, rule.action, app.organization_id):
            # Transferred out of the actor's reach while they had the page open: say so, not
            # "no permission".
            raise TransitionError(
                f"申请 {app.tracking_number} 刚刚已转交“{app.organization.name}”办理，"
                f"不能{rule.label}。"
            )
        require(actor, rule.action, app.organization_id)
        if app.status not in rule.sources:
            raise TransitionError(
                f"申请 {app.tracking_number} 当前状态为“{app.get_status_display()}”，不能{rule.label}。"
            )
        if on > today:
            raise TransitionError(f"{rule.label}的日期不能晚于今天。")
        if on < app.received_on:
            raise TransitionError(f"{rule.label}的日期不能早于收到申请之日（{app.received_on}）。")
        if check is not None:
            check(app, on)
        if kind not in UNDATED_KINDS:
            last = app.events.exclude(kind__in=UNDATED_KINDS).order_by("-on", "-at", "-pk").first()
            if last is not None and on < last.on:
                raise TransitionError(
                    f"{rule.label}的日期不能早于本案上一项办理记录的日期"
                    f"（{last.on}，{last.get_kind_display()}）。"
                )
        if callable(context):
            context = context(app, on)
        from_status = app.status
        if rule.target is not None:
            app.status = rule.target
        if apply is not None:
            apply(app, on)
        event = ApplicationEvent.objects.create(
            application=app,
            kind=kind,
            on=on,
            actor=actor,
            actor_name=actor.display_name,
            from_status=from_status,
            to_status=app.status,
            context=context or {},
        )
        _refresh_due(app)
        app.save()
        _event_written(app, event)
        audit.record(
            f"applications.{kind.value}",
            app,
            actor=actor,
            changes={"status": [from_status, app.status], "on": on.isoformat(), **(context or {})},
        )
        if after is not None:
            after(app)
    application.__dict__.update(app.__dict__)
    return app


def application_accept(*, application: Application, actor: User, on: date | None = None):
    """Register the application as accepted (受理) after checking it is complete enough."""
    return _transition(EventKind.ACCEPT, application=application, actor=actor, on=on)


def application_request_correction(
    *,
    application: Application,
    actor: User,
    items: str,
    correct_by: date,
    on: date | None = None,
):
    """Send the one-time correction notice (第30条): within 7 working days of receipt (or of
    the correction, for a further notice), with at most `MAX_CORRECTION_PERIOD_DAYS` to correct."""
    items = items.strip()
    if not items:
        raise TransitionError("补正告知须一次性写明需要补正的全部事项。")

    def check(app, day):
        limit = clock_for(app).correction_notice_due
        if day > limit:
            raise TransitionError(
                f"补正告知应在收到申请之日起7个工作日内（{limit} 前）发出，现已超过期限，"
                "请按现有申请内容办理。"
            )
        if correct_by <= day:
            raise TransitionError("补正期限应晚于发出补正告知的日期。")
        latest = day + timedelta(days=clock_rules.MAX_CORRECTION_PERIOD_DAYS)
        if correct_by > latest:
            raise TransitionError(
                f"补正期限最长为发出补正告知之日起{clock_rules.MAX_CORRECTION_PERIOD_DAYS}日"
                f"（{latest} 前）：第三十条要求合理的补正期限，补正期间答复期限停止计算，"
                "期限过长会使申请长期搁置。"
            )

    return _transition(
        EventKind.REQUEST_CORRECTION,
        application=application,
        actor=actor,
        on=on,
        context={"items": items, "correct_by": correct_by.isoformat()},
        check=check,
    )


def application_receive_correction(
    *, application: Application, actor: User, on: date, note: str = ""
):
    """The corrected application arrived on `on`: the reply clock restarts from that day."""

    def check(app, day):
        asked = app.events.filter(kind=EventKind.REQUEST_CORRECTION).order_by("-on", "-pk").first()
        if asked is not None and day < asked.on:
            raise TransitionError(f"收到补正材料的日期不能早于发出补正告知的日期（{asked.on}）。")

    return _transition(
        EventKind.RECEIVE_CORRECTION,
        application=application,
        actor=actor,
        on=on,
        context={"note": note} if note else {},
        check=check,
    )


def application_abandon(*, application: Application, actor: User, on: date | None = None):
    """No correction by the deadline without good reason: deemed abandoned (第30条)."""

    def check(app, day):
        due = clock_for(app).correction_due
        if due is not None and day <= due:
            raise TransitionError(f"补正期限 {due} 尚未届满，不能按视为放弃申请处理。")

    def apply(app, day):
        app.outcome = Outcome.OTHER_NO_CORRECTION
        app.legacy_outcome = LegacyOutcome.CORRECTION_REQUESTED
        app.closed_on = day

    return _transition(
        EventKind.ABANDON, application=application, actor=actor, on=on, check=check, apply=apply
    )


def application_start(*, application: Application, actor: User, on: date | None = None):
    return _transition(EventKind.START, application=application, actor=actor, on=on)


def application_consult(
    *,
    application: Application,
    actor: User,
    party: ConsultationParty,
    party_name: str,
    on: date | None = None,
    party_received_on: date | None = None,
    note: str = "",
):
    """Send a written consultation (第32/34条); the reply clock stops until it ends.

    The other side has 15 working days from the day it *receives* the letter
    (`party_received_on`, the sending day when not known); the pause ends with its answer or
    with those 15 days, whichever is first. A consultation cannot revive a deadline that has
    already passed.
    """
    party = ConsultationParty(party)
    party_name = party_name.strip()
    if not party_name:
        raise TransitionError("请填写征求意见的对象。")
    label = "征求第三方意见" if party == ConsultationParty.THIRD_PARTY else "征求其他机关意见"

    def check(app, day):
        if party_received_on is not None:
            if party_received_on < day:
                raise TransitionError(f"对方收到征求意见书的日期不能早于发出日期（{day}）。")
            if party_received_on > timezone.localdate():
                raise TransitionError("对方收到征求意见书的日期不能晚于今天。")
        clk = clock_for(app, today=day)
        if clk.due_on is not None and day > clk.due_on:
            raise TransitionError(
                f"答复期限已于 {clk.due_on} 届满，不能再征求意见暂停期限；本案已超期，请尽快答复。"
            )

    def context(app, day):
        received = party_received_on or day
        due = workdays.add_workdays(received, clock_rules.CONSULTATION_DAYS)
        return {
            "party": party.value,
            "party_label": f"{label}（{party_name}）",
            "party_name": party_name,
            "party_received_on": received.isoformat(),
            "response_due": due.isoformat(),
            "note": note,
        }

    return _transition(
        EventKind.CONSULT,
        application=application,
        actor=actor,
        on=on,
        context=context,
        check=check,
    )


def application_end_consultation(*, application: Application, actor: User, on: date, result: str):
    """The answer came (or the 15 working days ran out) on `on`; the clock runs again."""

    def check(app, day):
        started = app.events.filter(kind=EventKind.CONSULT).order_by("-on", "-pk").first()
        if started is not None and day < started.on:
            raise TransitionError(f"征求意见结束日期不能早于发出日期（{started.on}）。")

    return _transition(
        EventKind.END_CONSULTATION,
        application=application,
        actor=actor,
        on=on,
        context={"result": result.strip()},
        check=check,
    )


def application_extend(
    *, application: Application, actor: User, days: int, reason: str, on: date | None = None
):
    """Extend the reply deadline with the approval of the office's head (第33条第2款).

    At most 20 working days in all, approved before the current deadline passes.
    """
    if days < 1:
        raise TransitionError("延期天数应至少为1个工作日。")
    if not reason.strip():
        raise TransitionError("请填写延期理由。")

    def check(app, day):
        clk = clock_for(app, today=day)
        if clk.extension_days + days > clock_rules.MAX_EXTENSION_DAYS:
            left = clock_rules.MAX_EXTENSION_DAYS - clk.extension_days
            raise TransitionError(
                f"延长答复期限最长不得超过20个工作日；本案已延期 {clk.extension_days} 个工作日，"
                f"最多还可延期 {left} 个工作日。"
            )
        if clk.due_on is not None and day > clk.due_on:
            raise TransitionError(f"答复期限已于 {clk.due_on} 届满，不能再批准延期。")

    return _transition(
        EventKind.EXTEND,
        application=application,
        actor=actor,
        on=on,
        context={"days": days, "reason": reason.strip(), "approver_name": actor.display_name},
        check=check,
    )


def reply_reason_problem(outcome: Outcome, summary: str) -> str | None:
    """Why a reply with `outcome` cannot go out with this `summary`, or None."""
    outcome = Outcome(outcome)
    if outcome.needs_reason and not summary.strip():
        return (
            f"办理结果为“{outcome.label}”的，请在答复要点中写明理由"
            "（《条例》第三十六条、第三十七条）。"
        )
    return None


def application_reply(
    *,
    application: Application,
    actor: User,
    outcome: Outcome,
    legacy_outcome: LegacyOutcome | None = None,
    on: date | None = None,
    summary: str = "",
    legal_basis: str = "",
    provided: str = "",
    access: str = "",
    other_agency: str = "",
    other_agency_contact: str = "",
    signed_by: str = "",
):
    """Record the signed reply and its outcome (one leaf of the 2021 table).

    The event's context carries what the reply letter says: the reasons (`summary`), the
    legal basis, what is provided and how it is obtained, the other agency (and its contact)
    a request belongs to, and who signed it (签发人).
    """
    outcome = Outcome(outcome)
    legacy = LegacyOutcome(legacy_outcome) if legacy_outcome else default_legacy(outcome)
    if not legacy_allowed(outcome, legacy):
        raise TransitionError(f"办理结果“{outcome.label}”不能归入旧版年报分类“{legacy.label}”。")
    if outcome == Outcome.OTHER_NO_CORRECTION:
        raise TransitionError("逾期不补正的申请请使用“按视为放弃申请处理”。")
    problem = reply_reason_problem(outcome, summary)
    if problem:
        raise TransitionError(problem)
    summary = summary.strip()

    def apply(app, day):
        app.outcome, app.legacy_outcome, app.replied_on = outcome, legacy, day
        app.closed_on = day

    return _transition(
        EventKind.REPLY,
        application=application,
        actor=actor,
        on=on,
        context={
            "outcome": outcome.value,
            "legacy_outcome": legacy.value,
            "summary": summary,
            "legal_basis": legal_basis.strip(),
            "provided": provided.strip(),
            "access": access.strip(),
            "other_agency": other_agency.strip(),
            "other_agency_contact": other_agency_contact.strip(),
            "signed_by": signed_by.strip() or actor.display_name,
        },
        apply=apply,
    )


def application_deliver(
    *, application: Application, actor: User, on: date, method: str, tracking: str = ""
):
    """Record service of the reply (送达): method, postal tracking number, signed-for date."""

    def check(app, day):
        if app.replied_on and day < app.replied_on:
            raise TransitionError(f"送达日期不能早于答复日期（{app.replied_on}）。")

    def apply(app, day):
        app.delivered_on = day

    return _transition(
        EventKind.DELIVER,
        application=application,
        actor=actor,
        on=on,
        context={"method": method, "tracking": tracking},
        check=check,
        apply=apply,
    )


def application_archive(*, application: Application, actor: User, on: date | None = None):
    return _transition(EventKind.ARCHIVE, application=application, actor=actor, on=on)


def application_assign(
    *, application: Application, actor: User, assignee: User, email: bool = True
):
    """Assign (or re-assign) the case to a clerk who may handle it in its organization.

    The previous assignee is read from the locked row, and the notice is written in the same
    transaction (its e-mail goes out on commit).
    """
    from . import notifications

    def check(app, day):
        if (
            not can(assignee, Action.APPLICATION_HANDLE, app.organization_id)
            or not assignee.is_active
        ):
            raise TransitionError(
                f"{assignee.display_name} 不能办理{app.organization.name}的申请。"
            )
        if app.assignee_id == assignee.pk:
            raise TransitionError(f"本案已由 {assignee.display_name} 承办。")

    def context(app, day):
        previous = app.assignee.display_name if app.assignee_id else ""
        return {"assignee": assignee.display_name, "previous": previous}

    def apply(app, day):
        app.assignee = assignee

    return _transition(
        EventKind.ASSIGN,
        application=application,
        actor=actor,
        context=context,
        check=check,
        apply=apply,
        after=lambda app: notifications.notify_assigned(app, assignee, email=email),
    )


def application_transfer(
    *, application: Application, actor: User, to_organization: Organization, reason: str
):
    """Move a case that belongs to another agency on this platform to that agency.

    The date of receipt is kept: the applicant does not lose time for the office's routing.
    """
    if not reason.strip():
        raise TransitionError("请填写转交理由。")

    def check(app, day):
        if to_organization.pk == app.organization_id:
            raise TransitionError("不能转交给本机关。")

    def context(app, day):
        return {"from": app.organization.name, "to": to_organization.name, "reason": reason.strip()}

    def apply(app, day):
        app.organization, app.assignee = to_organization, None
        # Drafts on their way through this office's chain do not follow the case: the
        # receiving agency drafts and signs its own (the steps stay on the timeline).
        app.signoff_requests.exclude(status=SignoffStatus.DONE).delete()

    return _transition(
        EventKind.TRANSFER,
        application=application,
        actor=actor,
        context=context,
        check=check,
        apply=apply,
    )


def application_reopen(
    *, application: Application, actor: User, on: date, appeal_label: str, reason: str = ""
):
    """A 行政复议 or 行政诉讼 corrected the reply (结果纠正): the case is worked on again.

    Called by the appeals app when it records the result. The case goes back to 办理中 and its
    reply clock restarts from `on` (the day the decision came), 20 working days as for a new
    application, since the decision ordering a new reply sets no period the law fixes.
    """
    return _transition(
        EventKind.REOPEN,
        application=application,
        actor=actor,
        on=on,
        context={"appeal": appeal_label, "note": reason.strip()},
    )


def application_provide_files(*, application: Application, actor: User, files) -> list:
    """Store the files of the information provided (予以公开, 部分公开): the applicant downloads
    them from the status page once the reply is out."""
    require(actor, Action.APPLICATION_HANDLE, application.organization_id)
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        if app.status == Status.ARCHIVED or app.status == Status.ABANDONED:
            raise TransitionError("本案已办结，不能再上传提供的信息。")
        rows = [
            Attachment.objects.create(
                application=app,
                file=upload,
                name=upload.name,
                size=upload.size,
                kind=AttachmentKind.DISCLOSED,
            )
            for upload in files
        ]
        audit.record(
            "applications.provide_files",
            app,
            actor=actor,
            changes={"files": [f.name for f in rows]},
        )
    return rows


@transaction.atomic
def application_set_topic(*, application: Application, topic, actor: User) -> Application:
    """File the case under a topic of the vocabulary (or none): a classification for the
    annual report, not a step of the case, so it writes the audit log and no event."""
    app = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    require(actor, Action.APPLICATION_HANDLE, app.organization_id)
    before = app.topic.name if app.topic else ""
    app.topic = topic
    app.save(update_fields=["topic", "updated_at"])
    audit.record(
        "applications.set_topic",
        app,
        actor=actor,
        changes={"申请内容主题": [before, topic.name if topic else ""]},
    )
    return app
