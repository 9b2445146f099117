"""Who may see and record reviews and lawsuits: those who may record them in the organization."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, can, in_scope

from .models import Appeal


def can_record(user, appeal: Appeal) -> bool:
    return can(user, Action.APPEAL_RECORD, appeal.organization_id)


def visible_appeals(user):
    return in_scope(Appeal.objects.all(), user, Action.APPEAL_RECORD)


def get_appeal_for(user, pk: int) -> Appeal:
    """The case `pk` if `user` may record it, else 403 (404 when there is none)."""
    appeal = get_object_or_404(
        Appeal.objects.select_related("organization", "application", "handler"), pk=pk
    )
    if not can_record(user, appeal):
        raise PermissionDenied("您没有权限查看该复议诉讼案件")
    return appeal
