"""The channels' counters and monthly chart on the staff dashboard."""

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can

from . import selectors
from .models import MediaAccount, PressConference


def _organ(user):
    org = user.organization.organ() if user.organization_id else None
    return org if org is not None and can(user, Action.REPORT_COMPOSE, org) else None


def counters(user) -> list[dict]:
    org = _organ(user)
    if org is None:
        return []
    year = timezone.localdate().year
    # Two counts, not the annual report's whole block of figures (four queries and a row per
    # account and month, read for two numbers).
    conferences = PressConference.objects.filter(organization=org, held_on__year=year).count()
    accounts = MediaAccount.objects.filter(organization=org).count()
    url = reverse("channels:year", args=[year])
    return [
        {
            "label": f"{year}年新闻发布会（场）",
            "value": conferences,
            "url": url,
            "tone": "",
        },
        {
            "label": "政务新媒体账号",
            "value": accounts,
            "url": url,
            "tone": "",
        },
    ]


def panels(user) -> list[dict]:
    org = _organ(user)
    if org is None:
        return []
    year = timezone.localdate().year
    rows = selectors.monthly([org.pk], year)
    url = reverse("channels:year", args=[year])
    return [
        {
            "title": f"{year}年每月新闻发布会",
            "unit": "场",
            "points": [(f"{r['month']}月", r["conferences"]) for r in rows],
            "columns": ["发布会（场）"],
            "rows": [(f"{r['month']}月", [r["conferences"]]) for r in rows],
            "url": url,
        },
        {
            "title": f"{year}年每月政务新媒体发布条数",
            "unit": "条",
            "points": [(f"{r['month']}月", r["posts"]) for r in rows],
            "columns": ["发布条数"],
            "rows": [(f"{r['month']}月", [r["posts"]]) for r in rows],
            "url": url,
        },
    ]
