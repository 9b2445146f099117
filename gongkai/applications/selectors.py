"""Reads: the inbox query, urgency of a row from its stored due date, dashboard figures."""

from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from gongkai.lib import workdays
from gongkai.lib.paging import Concatenated, Merged

from .clock import DUE_SOON_DAYS
from .models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    PAUSED_STATUSES,
    Application,
    Status,
    counting_among_open_q,
    counting_q,
    due_soon_window,
    open_q,
)
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
    within=None,
    today=None,
):
    """The cases `user` may see that match the filters (`within`: organization ids, a token's
    scope), in the order asked: a queryset, or in urgency order a Concatenated list."""
    today = today or timezone.localdate()
    apps = visible_applications(user).select_related("organization", "assignee")
    if within is not None:
        apps = apps.filter(organization_id__in=within)
    if q:
        # From the start of the number (typed in either case; ours are lower case) or of the
        # name: both read from an index. A match anywhere inside read every case, 2 s a page
        # at 10⁶ of them.
        apps = apps.filter(
            Q(tracking_number__startswith=q)
            | Q(tracking_number__startswith=q.lower())
            | Q(applicant_name__startswith=q)
        )
    if who == "mine":
        apps = apps.filter(assignee=user)
    elif who == "unassigned":
        apps = apps.filter(assignee__isnull=True)
    # A case nobody has taken yet is anyone's to take (or to assign) until it is assigned.
    todo = (Q(assignee=user), Q(assignee__isnull=True)) if who == "todo" else None
    if channel:
        apps = apps.filter(channel=channel)
    if applicant_kind:
        apps = apps.filter(applicant_kind=applicant_kind)
    if outcome:
        apps = apps.filter(outcome=outcome)
    if year:
        apps = apps.filter(year=year)
    # A due-date filter means cases whose clock counts, due within the window.
    window = {
        "overdue": lambda: Q(due_on__lt=today),
        "soon": lambda: due_soon_window(today),
        "week": lambda: Q(due_on__lte=today + timedelta(days=6 - today.weekday())),
    }.get(due, lambda: None)()
    # "pending": still owed something by the office, an answer or the delivery of the one signed.
    named = {"open": OPEN_STATUSES, "pending": PENDING_STATUSES}
    statuses = named.get(status) or ({status} if status else frozenset(Status))
    if sort in ("received", "-received"):
        if todo:
            apps = apps.filter(todo[0] | todo[1])
        if status:
            apps = apps.filter(status__in=sorted(statuses))
        if window is not None:
            apps = apps.filter(counting_q(today) & window)
        if sort == "received":
            return apps.order_by("received_on", "pk")
        return apps.order_by("-received_on", "-pk")
    return by_urgency(apps, today, statuses, window, either=todo)


URGENCY_FIELDS = ("due_on", "received_on", "pk")


def _urgency_key(values):
    """by_urgency's order of URGENCY_FIELDS, in Python (merging parts)."""
    due_on, received_on, pk = values
    return (due_on is None, due_on or date.min, -received_on.toordinal(), -pk)


def by_urgency(
    apps, today: date, statuses=frozenset(Status), window=None, either=None
) -> Concatenated:
    """Cases (of `statuses`) whose clock counts by due date, then paused ones, then closed
    ones; each part by due date, latest received first. Read part after part: each part's
    order is a partial index's (Meta.indexes), where one ORDER BY over a rank sorted every
    open case — 50,000 of them at 10⁶ applications — for each page of 50.

    With a due-date `window`, only the cases whose clock counts and that are due within it
    (the first part, which is `counting_q`: its conditions are not repeated here, as a
    repetition made PostgreSQL expect one row of 10,000 and join row by row).

    `either`: conditions of which a case meets one (a clerk's to-do: theirs or nobody's)."""
    order = (F("due_on").asc(nulls_last=True), "-received_on", "-pk")
    statuses = frozenset(statuses)
    paused = Q(status__in=sorted(statuses & PAUSED_STATUSES))
    if Status.CONSULTING in statuses:
        # A consultation unanswered past its date no longer pauses the clock.
        paused &= ~Q(status=Status.CONSULTING, consultation_due__lt=today)
    # "Open and not paused", not "running or stale": the open statuses word for word as the
    # partial index's condition (PostgreSQL proves no OR lies within it), each status once
    # (a repeated condition made it expect 400 of 13,000 rows and sort them all).
    counting = Q(status__in=sorted(statuses & OPEN_STATUSES)) & ~paused
    closed = Q(status__in=sorted(statuses & CLOSED_STATUSES))

    def ordered(part):
        if either is None:
            return apps.filter(part).order_by(*order)
        # "Either of these" (a clerk's to-do): each read in order from its index, then merged.
        return Merged(
            *(apps.filter(part & one).order_by(*order) for one in either),
            fields=URGENCY_FIELDS,
            key=_urgency_key,
        )

    if window is not None:
        return Concatenated(ordered(counting & window))
    return Concatenated(*(ordered(part) for part in (counting, paused, closed)))


# What the counters count: a column of the open cases' counting index (never null), so that the
# index alone answers (COUNT(id) would read every row; COUNT(*) takes no FILTER in Django).
COUNTED = "organization"


def counters(user, today=None) -> dict:
    """The dashboard's figures, counted in one query over the open cases only (every figure
    is about open cases: closed ones, 19 in 20 of them, need not be read)."""
    today = today or timezone.localdate()
    # Every row read is open: the figures' own conditions only (repeating the open statuses in
    # each FILTER made the count 24 ms instead of 8 at 50,000 open cases).
    counting = counting_among_open_q(today)
    return (
        visible_applications(user)
        .filter(open_q())
        .aggregate(
            mine=Count(COUNTED, filter=Q(assignee=user)),
            unassigned=Count(COUNTED, filter=Q(assignee__isnull=True)),
            # The due date first: PostgreSQL tests a FILTER's conditions in the order
            # written, and most open cases fail on it (21 → 11 ms at 50,000 open cases).
            overdue=Count(COUNTED, filter=Q(due_on__lt=today) & counting),
            due_soon=Count(COUNTED, filter=due_soon_window(today) & counting),
            open=Count(COUNTED),
        )
    )
