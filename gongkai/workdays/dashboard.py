"""A dashboard warning while coming deadlines run into a year with no official schedule."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can
from gongkai.lib import workdays

from .checks import HORIZON_DAYS


def counters(user) -> list[dict]:
    if not (can(user, Action.APPLICATION_HANDLE) or can(user, Action.ORGANIZATION_MANAGE)):
        return []
    today = timezone.localdate()
    missing = workdays.uncovered_years(today, today + timedelta(days=HORIZON_DAYS))
    # The big figure of a card reads as a count: here it says what is missing, and the line
    # under it what follows and who can mend it.
    who = "点此录入" if can(user, Action.WORKDAYS_MANAGE) else "请系统管理员在“工作日历”中录入"
    return [
        {
            "label": f"{year}年节假日安排：办理期限暂按周一至周五计算，{who}",
            "value": "未录入",
            "url": reverse("workdays:calendar") + f"?year={year}",
            "tone": "warn",
        }
        for year in missing
    ]
