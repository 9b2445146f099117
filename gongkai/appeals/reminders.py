"""Appeals' part of the daily `gongkai remind`: hearings and deadlines coming up.

Like the applications' reminders, each case is claimed for the day with a conditional UPDATE
(`reminded_on` ≠ today → today) before anyone is told, so running twice notifies once.
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

from .models import Appeal


@dataclass
class RemindResult:
    notified_cases: int = 0
    notifications: int = 0

    def summary(self) -> str:
        return f"复议诉讼：提醒 {self.notified_cases} 件，发出通知 {self.notifications} 条。"


def _message(appeal: Appeal, today: date) -> tuple[NotificationKind, str]:
    name = f"{appeal.get_kind_display()}（{appeal.appellant}，{appeal.body}）"
    if appeal.deadline_on is not None and appeal.deadline_on < today:
        return (
            NotificationKind.OVERDUE,
            f"{name}的答复或举证期限 {appeal.deadline_on} 已过，请立即核实。",
        )
    parts = []
    if appeal.hearing_on is not None and appeal.hearing_on >= today:
        parts.append(f"听证或开庭日期 {appeal.hearing_on}")
    if appeal.deadline_on is not None:
        parts.append(f"答复或举证期限 {appeal.deadline_on}")
    return NotificationKind.DUE_SOON, f"{name}：{'，'.join(parts)}，请做好准备。"


def remind(*, within: int = 3, today: date | None = None) -> RemindResult:
    """Tell each open case's handler (or, without one, whoever may record appeals in its
    organization) of a hearing or deadline within `within` working days or a missed deadline."""
    today = today or timezone.localdate()
    horizon = workdays.add_workdays(today, within)
    result = RemindResult()
    cases = Appeal.objects.with_dates_by(horizon, today).select_related("handler", "application")
    for appeal in cases.exclude(reminded_on=today):
        with transaction.atomic():
            claimed = (
                Appeal.objects.filter(pk=appeal.pk)
                .exclude(reminded_on=today)
                .update(reminded_on=today)
            )
            if not claimed:
                continue
            result.notified_cases += 1
            if appeal.handler_id and appeal.handler.is_active:
                recipients = [appeal.handler]
            else:
                recipients = list(staff_who_can(Action.APPEAL_RECORD, appeal.organization_id))
            kind, text = _message(appeal, today)
            for user in recipients:
                notify(user, appeal.application, kind, text)
                result.notifications += 1
    return result
