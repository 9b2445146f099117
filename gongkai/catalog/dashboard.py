"""Catalog counters on the staff dashboard."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can

from . import permissions, selectors
from .checks import REBUILD_WARNING
from .models import ItemStatus, ReviewStep, StepDecision
from .search import sync


def counters(user) -> list[dict]:
    result = []
    if sync.needs_rebuild() and (
        can(user, Action.CATALOG_DRAFT) or can(user, Action.ORGANIZATION_MANAGE)
    ):
        result.append(
            {
                "label": f"{REBUILD_WARNING}需由服务器运维人员运行 gongkai search rebuild。",
                "value": "检索",
                "url": reverse("catalog:search"),
                "tone": "warn",
            }
        )
    waiting = permissions.review_queue(user).count() + len(permissions.revision_queue(user))
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
        start, _ = selectors.year_bounds(year)
        result.append(
            {
                "label": f"{year}年已发布",
                "value": visible.filter(
                    status=ItemStatus.PUBLISHED, published_at__gte=start
                ).count(),
                "url": reverse("catalog:staff_list") + f"?status=published&year={year}",
                "tone": "",
            }
        )
        # Counted and checked for a return in one query over the user's own drafts.
        was_returned = ReviewStep.objects.filter(
            item=OuterRef("pk"), decision=StepDecision.RETURNED
        )
        drafts = visible.filter(status=ItemStatus.DRAFT, created_by=user).aggregate(
            count=Count("pk"), returned=Count("pk", filter=Q(Exists(was_returned)))
        )
        result.append(
            {
                "label": "我的草稿（含退回）",
                "value": drafts["count"],
                "url": reverse("catalog:staff_list") + "?status=draft&mine=on",
                "tone": "warn" if drafts["returned"] else "",
            }
        )
    return result
