"""Proposals on the staff dashboard: those awaiting a reply, the year's publication rate."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can, scoped_ids

from . import selectors
from .models import ProposalStatus
from .permissions import visible_proposals

MONTHS = [f"{m}月" for m in range(1, 13)]


def counters(user) -> list[dict]:
    if not can(user, Action.PROPOSAL_RECORD):
        return []
    today = timezone.localdate()
    waiting = (
        visible_proposals(user)
        .filter(status=ProposalStatus.OPEN)
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )
    overdue = waiting["overdue"]
    org_ids = scoped_ids(user, Action.PROPOSAL_RECORD)
    figures = selectors.year_figures(org_ids, today.year)
    url = reverse("proposals:list")
    rate = "—" if figures["rate"] is None else f"{figures['rate']}%"
    return [
        {
            "label": "待答复的建议提案" + (f"（超期 {overdue} 件）" if overdue else ""),
            "value": waiting["open"],
            "url": url,
            "tone": "danger" if overdue else "",
        },
        {"label": f"{today.year}年建议提案答复公开率", "value": rate, "url": url, "tone": ""},
    ]


def panels(user) -> list[dict]:
    if not can(user, Action.PROPOSAL_RECORD):
        return []
    year = timezone.localdate().year
    org_ids = scoped_ids(user, Action.PROPOSAL_RECORD)
    return [
        {
            "title": f"{year}年每月建议提案答复",
            "unit": "件",
            "points": list(zip(MONTHS, selectors.monthly_replies(org_ids, year), strict=True)),
            "url": reverse("proposals:list"),
        }
    ]
