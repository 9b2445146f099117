"""Reads: the inbox query, urgency of a row from its stored due date, dashboard figures."""

from datetime import date, timedelta

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from gongkai.lib import workdays

from .clock import DUE_SOON_DAYS
from .models import OPEN_STATUSES, Application, Status, due_soon_q, open_q, overdue_q
from .permissions import visible_applications

# The cases the office still owes something: an answer, or the delivery of the signed reply.
PENDING_STATUSES = OPEN_STATUSES | {Status.REPLIED}


def urgency(app: Application, today: date) -> tuple[str, str]:
    """(tone, text) for a list row, from stored fields only (no query per row)."""
    if app.status == Status.CORRECTION_REQUESTED:
        return "muted", "待补正"
    if app.status not in OPEN_STATUSES:
        if app.replied_on and app.due_on and app.replied_on > app.due_on:
            return "danger", "逾期答复"
        return "", "已办结"
    if app.due_on is None:
        # An open case keeps no due date only while a fee notice stops its clock.
        return ("muted", "待缴费（暂停）") if app.status != Status.RECEIVED else ("", "")
    if app.status == Status.CONSULTING and not (
        app.consultation_due is not None and app.consultation_due < today
    ):
        return "muted", "征求意见中（暂停）"
    left = workdays.workdays_between(today, app.due_on)
    if left < 0:
        return "danger", f"超期 {-left} 个工作日"
    if left == 0:
        return "danger", "今天到期"
    if left <= DUE_SOON_DAYS:
        return "warn", f"剩余 {left} 个工作日"
    return "ok", f"剩余 {left} 个工作日"


def inbox(
    user,
    *,
    q="",
    who="",
    status="",
    channel="",
    applicant_kind="",
    due="",
    outcome="",
    year=None,
    sort="",
    today=None,
):
    today = today or timezone.localdate()
    apps = visible_applications(user).select_related("organization", "assignee")
    if q:
        apps = apps.filter(Q(tracking_number__icontains=q) | Q(applicant_name__icontains=q))
    if who == "mine":
        apps = apps.filter(assignee=user)
    elif who == "unassigned":
        apps = apps.filter(assignee__isnull=True)
    elif who == "todo":
        # A case nobody has taken yet is anyone's to take (or to assign) until it is assigned.
        apps = apps.filter(Q(assignee=user) | Q(assignee__isnull=True))
    if status == "open":
        apps = apps.filter(status__in=OPEN_STATUSES)
    elif status == "pending":
        # Still owed something by the office: an answer, or the delivery of the one signed.
        apps = apps.filter(status__in=PENDING_STATUSES)
    elif status:
        apps = apps.filter(status=status)
    if channel:
        apps = apps.filter(channel=channel)
    if applicant_kind:
        apps = apps.filter(applicant_kind=applicant_kind)
    if outcome:
        apps = apps.filter(outcome=outcome)
    if year:
        apps = apps.filter(year=year)
    if due == "overdue":
        apps = apps.overdue(today)
    elif due == "soon":
        apps = apps.due_soon(today)
    elif due == "week":
        apps = apps.due_by(today + timedelta(days=6 - today.weekday()), today)
    if sort == "received":
        return apps.order_by("received_on", "pk")
    if sort == "-received":
        return apps.order_by("-received_on", "-pk")
    # Urgency: open cases with a counting clock by due date, then paused ones, then closed.
    rank = Case(
        When(status=Status.CONSULTING, consultation_due__lt=today, then=Value(0)),
        When(status__in=[Status.CORRECTION_REQUESTED, Status.CONSULTING], then=Value(1)),
        When(status__in=OPEN_STATUSES, then=Value(0)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return apps.annotate(rank=rank).order_by(
        "rank", F("due_on").asc(nulls_last=True), "-received_on", "-pk"
    )


def counters(user, today=None) -> dict:
    """The dashboard's figures, counted in one query."""
    today = today or timezone.localdate()
    return visible_applications(user).aggregate(
        mine=Count("pk", filter=open_q() & Q(assignee=user)),
        unassigned=Count("pk", filter=open_q() & Q(assignee__isnull=True)),
        overdue=Count("pk", filter=overdue_q(today)),
        due_soon=Count("pk", filter=due_soon_q(today)),
        open=Count("pk", filter=open_q()),
    )
