"""Read-only queries of the content check."""

from gongkai.accounts.permissions import Action, organizations_for

from . import defaults
from .models import Finding, FindingStatus


def shipped_terms() -> dict:
    return {"renamed": defaults.RENAMED_AGENCIES, "misused": defaults.MISUSED}


def open_rescan_findings(user):
    """Findings on published items, from a rescan, not yet dealt with, in the user's scope."""
    scope = organizations_for(user, Action.CATALOG_WITHDRAW)
    return (
        Finding.objects.filter(
            from_rescan=True, status=FindingStatus.OPEN, item__organization__in=scope
        )
        .select_related("item")
        .order_by("-created_at", "pk")
    )
