"""Proposals' part of the daily `gongkai remind`: replies due soon or overdue.

Claimed per record and day with a conditional UPDATE, like the other reminders, so running
twice notifies once.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.permissions import Action
from gongkai.applications.models import NotificationKind
from gongkai.applications.notifications import notify
from gongkai.applications.permissions import staff_who_can
from gongkai.lib import workdays

from .models import Proposal, ProposalStatus


@dataclass
class RemindResult:
    notified: int = 0
    notifications: int = 0

    def summary(self) -> str:
        return f"建议提案：提醒 {self.notified} 件，发出通知 {self.notifications} 条。"


def remind(*, within: int = 3, today: date | None = None) -> RemindResult:
    """Tell whoever registered each unanswered suggestion or proposal (or, if they can no
    longer act, whoever may record them) that its reply is due within `within` working days
    or overdue."""
    today = today or timezone.localdate()
    horizon = workdays.add_workdays(today, within)
    result = RemindResult()
    due = Proposal.objects.filter(status=ProposalStatus.OPEN, due_on__lte=horizon)
    for proposal in due.exclude(reminded_on=today).select_related("recorded_by"):
        with transaction.atomic():
            claimed = (
                Proposal.objects.filter(pk=proposal.pk)
                .exclude(reminded_on=today)
                .update(reminded_on=today)
            )
            if not claimed:
                continue
            result.notified += 1
            name = f"{proposal.get_kind_display()}{proposal.number}“{proposal.title}”"
            if proposal.due_on < today:
                kind = NotificationKind.OVERDUE
                text = f"{name}的答复期限 {proposal.due_on} 已过，请尽快答复。"
            else:
                kind = NotificationKind.DUE_SOON
                text = f"{name}应于 {proposal.due_on} 前答复。"
            who = proposal.recorded_by
            if who is not None and who.is_active:
                recipients = [who]
            else:
                recipients = list(staff_who_can(Action.PROPOSAL_RECORD, proposal.organization_id))
            for user in recipients:
                notify(user, None, kind, text)
                result.notifications += 1
    return result
