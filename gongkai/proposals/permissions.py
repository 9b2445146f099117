"""Who may see and record suggestions and proposals: those who may record them there."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, can, in_scope

from .models import Proposal


def visible_proposals(user):
    return in_scope(Proposal.objects.all(), user, Action.PROPOSAL_RECORD)


def get_proposal_for(user, pk: int) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("organization"), pk=pk)
    if not can(user, Action.PROPOSAL_RECORD, proposal.organization_id):
        raise PermissionDenied("您没有权限查看该建议提案")
    return proposal
