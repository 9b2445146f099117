"""Who may see and answer consultations: staff who may record them in the organization."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, can, in_scope

from .models import Consultation


def visible_consultations(user):
    return in_scope(Consultation.objects.all(), user, Action.CONSULTATION_RECORD)


def get_consultation_for(user, pk: int) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("organization", "application", "answered_by"), pk=pk
    )
    if not can(user, Action.CONSULTATION_RECORD, consultation.organization_id):
        raise PermissionDenied("您没有权限查看该咨询")
    return consultation
