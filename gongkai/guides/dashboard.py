"""Counters and the monthly chart of guides and powers on the staff dashboard."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can
from gongkai.catalog.models import ItemStatus
from gongkai.catalog.permissions import visible_organization_ids

from . import permissions, selectors


def counters(user) -> list[dict]:
    if not can(user, Action.CATALOG_DRAFT):
        return []
    result = []
    for label, records in (
        ("办事指南", permissions.visible_guides(user)),
        ("权责清单事项", permissions.visible_powers(user)),
    ):
        counts = records.aggregate(
            published=Count("pk", filter=Q(item__status=ItemStatus.PUBLISHED)),
            in_review=Count("pk", filter=Q(item__status=ItemStatus.IN_REVIEW)),
        )
        result.append(
            {
                "label": f"已公开{label}"
                + (f"（{counts['in_review']}项审核中）" if counts["in_review"] else ""),
                "value": counts["published"],
                "url": reverse("guides:staff_list"),
                "tone": "",
            }
        )
    return result


def panels(user) -> list[dict]:
    if not can(user, Action.CATALOG_DRAFT):
        return []
    year = timezone.localdate().year
    rows = selectors.published_by_month(year, organization_ids=visible_organization_ids(user))
    return [
        {
            "title": f"{year}年每月公开的办事指南和权责清单事项",
            "unit": "项",
            "points": [(f"{r['month']}月", r["guides"] + r["powers"]) for r in rows],
            "columns": ["办事指南", "权责清单"],
            "rows": [(f"{r['month']}月", [r["guides"], r["powers"]]) for r in rows],
            "url": reverse("guides:staff_list"),
        }
    ]
