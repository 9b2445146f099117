"""The clerk's reminder that a signed reply still has to be served (送达), and the
administrator's that replies name no review body yet (they print the generic 本级人民政府)."""

from django.urls import reverse

from gongkai.accounts.permissions import Action, can
from gongkai.applications.models import Status
from gongkai.applications.permissions import visible_applications

from .models import LetterSettings


def counters(user) -> list[dict]:
    items = []
    if can(user, Action.ORGANIZATION_MANAGE) and user.organization_id:
        organ = user.organization.organ()
        if not LetterSettings.objects.filter(organization=organ).exclude(review_body="").exists():
            items.append(
                {
                    "label": "答复告知书尚未设置行政复议机关",
                    "value": organ.short_name or organ.name,
                    "url": reverse("letters:settings") + f"?org={organ.pk}",
                    "tone": "warn",
                }
            )
    if not can(user, Action.APPLICATION_HANDLE):
        return items
    waiting = visible_applications(user).filter(status=Status.REPLIED).count()
    return items + [
        {
            "label": "已答复待送达",
            "value": waiting,
            "url": reverse("applications:inbox") + "?who=all&status=replied",
            "tone": "warn" if waiting else "",
        }
    ]
