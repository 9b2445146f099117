"""The dashboard's counter of findings a rescan made on published items."""

from django.urls import reverse

from gongkai.accounts.permissions import Action, can

from .selectors import open_rescan_findings


def counters(user) -> list[dict]:
    if not can(user, Action.CATALOG_WITHDRAW):
        return []
    count = open_rescan_findings(user).count()
    if not count:
        return []
    return [
        {
            "label": "已发布信息复查发现的问题（按现行词表）",
            "value": count,
            "url": reverse("inspection:rescan_findings"),
            "tone": "warn",
        }
    ]
