"""The content check in the catalog's review chain (found by name by gongkai.catalog)."""

from gongkai.catalog.permissions import can_see

from . import services
from .models import CleanedAttachment, Finding, FindingStatus


def item_submitted(item) -> None:
    services.item_inspect(item=item)


def approval_problem(item) -> str | None:
    return services.approval_problem(item)


def revision_proposed(revision) -> None:
    services.revision_inspect(revision=revision)


def revision_approval_problem(revision) -> str | None:
    return services.revision_approval_problem(revision)


def published_file(attachment):
    cleaned = CleanedAttachment.objects.filter(attachment=attachment).first()
    return cleaned.file if cleaned is not None and cleaned.file else None


def panel(item, user) -> dict | None:
    """The findings and the metadata removed, for whoever may see the item in the workspace."""
    if not can_see(user, item):
        return None
    findings = list(Finding.objects.filter(item=item).select_related("decided_by"))
    cleaned = [
        c
        for c in CleanedAttachment.objects.filter(attachment__item=item).select_related(
            "attachment"
        )
        if c.removed
    ]
    if not findings and not cleaned:
        return None
    return {
        "template": "inspection/_review_panel.html",
        "findings": findings,
        "cleaned": cleaned,
        "may_decide": services.may_decide(user, item),
        "blocking": sum(f.blocks for f in findings),
        # The heading counts each blocking state in its own words: a finding confirmed as an
        # error still blocks, but waits for the drafter, not for the reviewer.
        "open": sum(f.status == FindingStatus.OPEN for f in findings),
        "confirmed": sum(f.status == FindingStatus.CONFIRMED for f in findings),
    }
