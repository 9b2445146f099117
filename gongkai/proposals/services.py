"""Registering suggestions and proposals, replying, and publishing the replies.

Each change writes a `ProposalEvent` and an audit entry in one transaction and raises
`ProposalError` (shown as is) when the step is not allowed.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, require
from gongkai.lib.workdays import FIRST_DATE

from .models import EventKind, HandlingRole, Proposal, ProposalEvent, ProposalKind, ProposalStatus


class ProposalError(Exception):
    """A step the record's state does not allow; the message is shown as is."""


TRANSITIONS: dict[EventKind, frozenset[ProposalStatus]] = {
    EventKind.REPLY: frozenset({ProposalStatus.OPEN}),
    EventKind.PUBLISH: frozenset({ProposalStatus.REPLIED}),
    EventKind.WITHHOLD: frozenset({ProposalStatus.REPLIED}),
}


def _event(proposal: Proposal, kind: EventKind, actor: User, **context) -> None:
    ProposalEvent.objects.create(
        proposal=proposal, kind=kind, actor=actor, actor_name=actor.display_name, context=context
    )


def _check_day(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ProposalError(f"{what}不能晚于今天。")
    if day < FIRST_DATE:
        raise ProposalError(f"{what}不能早于 {FIRST_DATE.isoformat()}。")


@transaction.atomic
def proposal_register(
    *,
    organization: Organization,
    actor: User,
    kind: ProposalKind,
    role: HandlingRole,
    number: str,
    title: str,
    proposer: str,
    received_on: date,
    due_on: date,
) -> Proposal:
    """Register a suggestion or proposal assigned to the agency (as lead or co-handler)."""
    require(actor, Action.PROPOSAL_RECORD, organization)
    kind, role = ProposalKind(kind), HandlingRole(role)
    number, title, proposer = number.strip(), title.strip(), proposer.strip()
    if not number or not title or not proposer:
        raise ProposalError("请填写编号、标题和代表或委员姓名。")
    _check_day(received_on, "交办日期")
    if due_on < received_on:
        raise ProposalError(f"答复期限不能早于交办日期（{received_on}）。")
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                organization=organization,
                kind=kind,
                role=role,
                number=number,
                title=title,
                proposer=proposer,
                received_on=received_on,
                due_on=due_on,
                recorded_by=actor,
            )
    except IntegrityError:
        raise ProposalError(
            f"{kind.label}{number}（{role.label}）已经登记过，请勿重复登记。"
        ) from None
    _event(proposal, EventKind.REGISTER, actor)
    audit.record("proposals.register", proposal, actor=actor, changes={"kind": kind.value})
    return proposal


def _locked(proposal: Proposal, actor: User, kind: EventKind) -> Proposal:
    row = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    require(actor, Action.PROPOSAL_RECORD, row.organization_id)
    if row.status not in TRANSITIONS[kind]:
        raise ProposalError(
            f"该{row.get_kind_display()}当前状态为“{row.get_status_display()}”，"
            f"不能{EventKind(kind).label}。"
        )
    return row


def proposal_reply(*, proposal: Proposal, actor: User, reply: str, replied_on: date) -> Proposal:
    """Record the reply sent to the deputy or member."""
    reply = reply.strip()
    if not reply:
        raise ProposalError("请填写答复内容。")
    _check_day(replied_on, "答复日期")
    with transaction.atomic():
        row = _locked(proposal, actor, EventKind.REPLY)
        if replied_on < row.received_on:
            raise ProposalError(f"答复日期不能早于交办日期（{row.received_on}）。")
        row.status, row.reply, row.replied_on = ProposalStatus.REPLIED, reply, replied_on
        row.save(update_fields=["status", "reply", "replied_on"])
        _event(row, EventKind.REPLY, actor, on=replied_on.isoformat())
        audit.record("proposals.reply", row, actor=actor)
    proposal.__dict__.update(row.__dict__)
    return row


def proposal_publish(*, proposal: Proposal, actor: User) -> Proposal:
    """Publish the reply in the portal's 建议提案 column."""
    with transaction.atomic():
        row = _locked(proposal, actor, EventKind.PUBLISH)
        if row.is_published:
            raise ProposalError("该答复已经公开。")
        row.published_at, row.withheld_reason = timezone.now(), ""
        row.save(update_fields=["published_at", "withheld_reason"])
        _event(row, EventKind.PUBLISH, actor)
        audit.record("proposals.publish", row, actor=actor)
    proposal.__dict__.update(row.__dict__)
    return row


def proposal_withhold(*, proposal: Proposal, actor: User, reason: str) -> Proposal:
    """Keep the reply unpublished (or take it down), with the reason the report may need."""
    reason = reason.strip()
    if not reason:
        raise ProposalError("请填写不予公开的理由。")
    with transaction.atomic():
        row = _locked(proposal, actor, EventKind.WITHHOLD)
        row.published_at, row.withheld_reason = None, reason
        row.save(update_fields=["published_at", "withheld_reason"])
        _event(row, EventKind.WITHHOLD, actor, reason=reason)
        audit.record("proposals.withhold", row, actor=actor, changes={"reason": reason})
    proposal.__dict__.update(row.__dict__)
    return row
