"""Appeals on the staff dashboard: open cases, dates coming up, and the year by month."""

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can, scoped_ids
from gongkai.lib import workdays

from . import selectors
from .permissions import visible_appeals

MONTHS = [f"{m}月" for m in range(1, 13)]


def counters(user) -> list[dict]:
    if not can(user, Action.APPEAL_RECORD):
        return []
    today = timezone.localdate()
    appeals = visible_appeals(user)
    soon = appeals.with_dates_by(workdays.add_workdays(today, 5), today).count()
    url = reverse("appeals:list")
    return [
        {"label": "审理中的复议诉讼", "value": appeals.open().count(), "url": url, "tone": ""},
        {
            "label": "复议诉讼5个工作日内有日期",
            "value": soon,
            "url": url,
            "tone": "warn" if soon else "",
        },
    ]


def panels(user) -> list[dict]:
    if not can(user, Action.APPEAL_RECORD):
        return []
    year = timezone.localdate().year
    org_ids = scoped_ids(user, Action.APPEAL_RECORD)
    values = selectors.monthly_filed(org_ids, year)
    return [
        {
            "title": f"{year}年每月新收复议诉讼案件",
            "unit": "件",
            "points": list(zip(MONTHS, values, strict=True)),
            "url": reverse("appeals:list"),
        }
    ]
