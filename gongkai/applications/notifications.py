"""Telling staff about their cases: an in-app notification row plus an e-mail.

`remind` is the daily job. It is safe to run more than once a day: each case is *claimed* for
the day with a conditional UPDATE (`reminded_on` ≠ today → today) before anyone is notified,
so a second run, or two runs at once, notify once.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Action
from gongkai.lib import mail, workdays
from gongkai.lib.links import absolute

from .models import OPEN_STATUSES, Application, Notification, NotificationKind, Status
from .permissions import organization_tree, staff_who_can


def notify(
    recipient: User,
    application: Application | None,
    kind: NotificationKind,
    message: str,
    *,
    email: bool = True,
):
    note = Notification.objects.create(
        recipient=recipient, application=application, kind=kind, message=message[:300]
    )
    if email and recipient.email:
        body = message
        if application is not None:
            link = absolute(reverse("applications:detail", args=[application.pk]))
            body += f"\n\n申请编号：{application.tracking_number}\n请登录工作台查看：{link}"

        # After commit, by a worker when a broker is set; the in-app row is the record.
        mail.send_on_commit(
            recipient.email, f"[政府信息公开] {NotificationKind(kind).label}：{message[:40]}", body
        )
    return note


def notify_assigned(application: Application, assignee: User, *, email: bool = True) -> None:
    notify(
        assignee,
        application,
        NotificationKind.ASSIGNED,
        f"申请 {application.tracking_number}（{application.applicant_name}）已分配给您承办，"
        f"答复期限 {application.due_on}。",
        email=email,
    )


def _assigners(application: Application, found: dict) -> list[User]:
    """Who may assign the case, looked up once per organization per run (`found` caches)."""
    org_id = application.organization_id
    if org_id not in found:
        if "tree" not in found:
            found["tree"] = organization_tree()
        found[org_id] = list(
            staff_who_can(Action.APPLICATION_ASSIGN, org_id, tree=found["tree"]).order_by("pk")
        )
    return found[org_id]


@dataclass
class RemindResult:
    checked: int = 0
    due_refreshed: int = 0
    notified_cases: int = 0
    notifications: int = 0
    overdue: int = 0


def remind(*, within: int = 3, today: date | None = None) -> RemindResult:
    """Notify the assignee (or, unassigned, whoever may assign) of cases due within `within`
    working days, and flag overdue ones. Refreshes stored due dates on the way."""
    from .services import application_refresh_due, clock_for

    today = today or timezone.localdate()
    horizon = workdays.add_workdays(today, within)
    result = RemindResult()
    assigners: dict = {}
    cases = (
        Application.objects.filter(status__in=OPEN_STATUSES)
        .exclude(status=Status.CORRECTION_REQUESTED)
        .select_related("organization", "assignee")
        .prefetch_related("events")
    )
    for app in cases.iterator(chunk_size=200):
        result.checked += 1
        clk = clock_for(app, today=today, events=list(app.events.all()))
        stale = (clk.stored_due, clk.consultation_due) != (app.due_on, app.consultation_due)
        if stale and application_refresh_due(application=app):
            result.due_refreshed += 1
        if clk.state != "running" or clk.due_on is None or clk.due_on > horizon:
            continue
        overdue = clk.days_left is not None and clk.days_left < 0
        with transaction.atomic():
            claimed = (
                Application.objects.filter(pk=app.pk)
                .exclude(reminded_on=today)
                .update(reminded_on=today)
            )
            if not claimed:
                continue
            result.notified_cases += 1
            result.overdue += overdue
            recipients = [app.assignee] if app.assignee_id else _assigners(app, assigners)
            if overdue:
                kind = NotificationKind.OVERDUE
                text = (
                    f"申请 {app.tracking_number}（{app.applicant_name}）已超过答复期限 "
                    f"{clk.due_on}，超期 {-clk.days_left} 个工作日，请立即处理。"
                )
            else:
                kind = NotificationKind.DUE_SOON
                text = (
                    f"申请 {app.tracking_number}（{app.applicant_name}）将于 {clk.due_on} 到期，"
                    f"{clk.summary}。"
                )
            if not app.assignee_id:
                text += "（尚未分配承办人）"
            for user in recipients:
                notify(user, app, kind, text)
                result.notifications += 1
    return result


def unread_for(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def mark_read(*, user: User, ids=None) -> int:
    qs = unread_for(user)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


__all__ = ["remind", "notify", "notify_assigned", "mark_read", "unread_for"]
