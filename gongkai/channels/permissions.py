"""Whose channel figures a staff member enters: their own organ's, when they compile its
annual report. Loaders return the object or raise PermissionDenied / 404."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, can

from .models import MediaAccount, PressConference


def organization_for(user):
    """The organ whose figures `user` enters (a 处室's staff enter their agency's)."""
    org = user.organization.organ() if user.organization_id else None
    if org is None or not can(user, Action.REPORT_COMPOSE, org):
        raise PermissionDenied("您没有权限录入发布渠道数据")
    return org


def get_account_for(user, pk: int) -> MediaAccount:
    account = get_object_or_404(MediaAccount, pk=pk)
    if account.organization_id != organization_for(user).pk:
        raise PermissionDenied("该账号不属于本机关")
    return account


def get_conference_for(user, pk: int) -> PressConference:
    conference = get_object_or_404(PressConference, pk=pk)
    if conference.organization_id != organization_for(user).pk:
        raise PermissionDenied("该发布会不属于本机关")
    return conference
