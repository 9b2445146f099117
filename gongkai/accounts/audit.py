"""Writing the append-only audit log. Every state-changing service calls `record`."""

from django.db import models
from django.utils import timezone

from .middleware import current_request_context
from .models import AuditEntry


def _describe(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        return obj._meta.label_lower, str(obj.pk), str(obj)[:200]
    return type(obj).__name__, "", str(obj)[:200]


def record(
    action: str, obj=None, *, actor=None, changes: dict | None = None, ip: str | None = None
):
    """Append one audit entry; actor and IP default to those of the current request."""
    request_user, request_ip = current_request_context()
    if actor is None and request_user is not None and request_user.is_authenticated:
        actor = request_user
    object_type, object_id, object_repr = _describe(obj)
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.display_name if actor is not None and actor.pk else "公众/系统"),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        changes=changes or {},
        ip=ip or request_ip,
    )


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed, as JSON-safe strings."""
    return {
        key: [None if before.get(key) is None else str(before.get(key)), str(after[key])]
        for key in after
        if before.get(key) != after[key]
    }
