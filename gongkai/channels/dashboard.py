"""The channels' counters and monthly chart on the staff dashboard."""

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can

from . import selectors


def _organ(user):
    org = user.organization.organ() if user.organization_id else None
    return org if org is not None and can(user, Action.REPORT_COMPOSE, org) else None


def counters(user) -> list[dict]:
    org = _organ(user)
    if org is None:
        return []
    year = timezone.localdate().year
    figures = selectors.year_figures([org.pk], year)
    url = reverse("channels:year", args=[year])
    accounts = figures["new_media"]["accounts"]
    return [
        {
            "label": f"{year}年新闻发布会（场）",
            "value": figures["press_conferences"]["total"],
            "url": url,
            "tone": "",
        },
        {
            "label": "政务新媒体账号",
            "value": len(accounts),
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
