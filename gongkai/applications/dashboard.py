"""Counters on the staff dashboard."""

from django.urls import reverse

from gongkai.accounts.permissions import can

from . import selectors
from .notifications import unread_for
from .permissions import CASE_ACTIONS, SIGNOFF_ACTIONS
from .signoff import queue_for


def counters(user) -> list[dict]:
    items = []
    unread = unread_for(user).count()
    if unread:
        items.append(
            {
                "label": "未读提醒",
                "value": unread,
                "url": reverse("applications:notifications"),
                "tone": "warn",
            }
        )
    if any(can(user, action) for action in SIGNOFF_ACTIONS):
        waiting = len(queue_for(user))
        items.append(
            {
                "label": "待我签发",
                "value": waiting,
                "url": reverse("applications:signoff_queue"),
                "tone": "warn" if waiting else "",
            }
        )
    if not any(can(user, action) for action in CASE_ACTIONS):
        return items
    inbox = reverse("applications:inbox")
    c = selectors.counters(user)
    items += [
        {
            "label": "我承办的申请",
            "value": c["mine"],
            "url": f"{inbox}?who=mine&status=open",
            "tone": "",
        },
        {
            "label": "超期未答复",
            "value": c["overdue"],
            "url": f"{inbox}?who=all&due=overdue",
            "tone": "danger" if c["overdue"] else "",
        },
        {
            "label": "3个工作日内到期",
            "value": c["due_soon"],
            "url": f"{inbox}?who=all&due=soon",
            "tone": "warn" if c["due_soon"] else "",
        },
        {
            "label": "待分配申请",
            "value": c["unassigned"],
            "url": f"{inbox}?who=unassigned&status=open",
            "tone": "",
        },
        {
            "label": "办理中的申请",
            "value": c["open"],
            "url": f"{inbox}?who=all&status=open",
            "tone": "",
        },
    ]
    return items
