"""The clerk's reminder that a signed reply still has to be served (送达)."""

from django.urls import reverse

from gongkai.accounts.permissions import Action, can
from gongkai.applications.models import Status
from gongkai.applications.permissions import visible_applications


def counters(user) -> list[dict]:
    if not can(user, Action.APPLICATION_HANDLE):
        return []
    waiting = visible_applications(user).filter(status=Status.REPLIED).count()
    return [
        {
            "label": "已答复待送达",
            "value": waiting,
            "url": reverse("applications:inbox") + "?who=all&status=replied",
            "tone": "warn" if waiting else "",
        }
    ]
