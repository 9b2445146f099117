"""Catalog counters on the staff dashboard."""

from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can

from . import permissions
from .checks import REBUILD_WARNING
from .models import ItemStatus, StepDecision
from .search import engine


def counters(user) -> list[dict]:
    result = []
    if engine.needs_rebuild() and (
        can(user, Action.CATALOG_DRAFT) or can(user, Action.ORGANIZATION_MANAGE)
    ):
        result.append(
            {
                "label": f"{REBUILD_WARNING}请运行 gongkai search rebuild",
                "value": "检索",
                "url": reverse("catalog:search"),
                "tone": "warn",
            }
        )
    waiting = permissions.review_queue(user).count()
    if waiting or any(can(user, a) for a in permissions.REVIEW_ACTIONS):
        result.append(
            {
                "label": "主动公开待我审核",
                "value": waiting,
                "url": reverse("catalog:review_queue"),
                "tone": "warn" if waiting else "",
            }
        )
    if can(user, Action.CATALOG_DRAFT):
        visible = permissions.visible_items(user)
        year = timezone.localdate().year
        start = datetime.combine(date(year, 1, 1), time.min, timezone.get_current_timezone())
        result.append(
            {
                "label": f"{year}年已发布",
                "value": visible.filter(
                    status=ItemStatus.PUBLISHED, published_at__gte=start
                ).count(),
                "url": reverse("catalog:staff_list") + "?status=published",
                "tone": "",
            }
        )
        returned = visible.filter(
            status=ItemStatus.DRAFT, created_by=user, review_steps__decision=StepDecision.RETURNED
        ).distinct()
        result.append(
            {
                "label": "我的草稿（含退回）",
                "value": visible.filter(status=ItemStatus.DRAFT, created_by=user).count(),
                "url": reverse("catalog:staff_list") + "?status=draft",
                "tone": "warn" if returned.exists() else "",
            }
        )
    return result
