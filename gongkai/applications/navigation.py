"""Figures beside the workspace's links: the length of the "待我签发" queue."""

from gongkai.accounts.permissions import can

from .permissions import SIGNOFF_ACTIONS
from .signoff import queue_for


def counts(user) -> dict[str, int]:
    if not any(can(user, action) for action in SIGNOFF_ACTIONS):
        return {}
    return {"applications:signoff_queue": len(queue_for(user))}
