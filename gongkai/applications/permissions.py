"""Who may see and act on an application: named predicates and the one loader views use.

Scope is the accounts one: a division's staff (the 办公室 clerk, the 法治调研处 reviewer) act
for the agency their division belongs to.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, can, organizations_for

from .models import Application

# Every staff action on applications; seeing a case needs any one of them in its organization.
CASE_ACTIONS = (
    Action.APPLICATION_HANDLE,
    Action.APPLICATION_INTAKE,
    Action.APPLICATION_ASSIGN,
    Action.APPLICATION_APPROVE_EXTENSION,
    Action.APPLICATION_SIGN_REPLY,
)


def can_view(user, application: Application) -> bool:
    return any(can(user, a, application.organization_id) for a in CASE_ACTIONS)


def visible_applications(user):
    """Applications of every organization in which the user holds some application action."""
    org_ids = set()
    for action in CASE_ACTIONS:
        org_ids |= set(organizations_for(user, action).values_list("pk", flat=True))
    return Application.objects.filter(organization_id__in=org_ids)


def get_application_for(user, pk: int, action: Action | None = None) -> Application:
    """The application `pk` if `user` may see it (and perform `action` on it), else 403/404."""
    application = get_object_or_404(
        Application.objects.select_related("organization", "assignee"), pk=pk
    )
    if not can_view(user, application):
        raise PermissionDenied("您没有权限查看该申请")
    if action is not None and not can(user, action, application.organization_id):
        raise PermissionDenied(f"您没有权限执行“{action.label}”")
    return application
