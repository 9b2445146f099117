"""Who may see and act on an application: named predicates and the one loader views use.

Applications are addressed to an agency (上海市司法局), but the people who handle them often
sit in one of its divisions (the 办公室 clerk, the 法治调研处 reviewer). So on applications a
division's staff act for their parent agency as well as within their own scope; they do not
thereby reach the agency's subordinate bureaus.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.accounts.permissions import Action, actions_of, can, organizations_for

from .models import Application

# Every staff action on applications; seeing a case needs any one of them in its organization.
CASE_ACTIONS = (
    Action.APPLICATION_HANDLE,
    Action.APPLICATION_INTAKE,
    Action.APPLICATION_ASSIGN,
    Action.APPLICATION_APPROVE_EXTENSION,
    Action.APPLICATION_SIGN_REPLY,
)


def home_agency_id(user) -> int | None:
    """The agency a division's staff member works for, or None for everyone else."""
    if not hasattr(user, "_home_agency_cache"):
        org = user.organization if user.organization_id else None
        user._home_agency_cache = (
            org.parent_id if org is not None and org.kind == OrganizationKind.DIVISION else None
        )
    return user._home_agency_cache


def can_act(user, action: Action, organization: Organization | int) -> bool:
    """`can(...)`, extended to a division's parent agency (see the module docstring)."""
    org_id = organization if isinstance(organization, int) else organization.pk
    if can(user, action, org_id):
        return True
    return action in actions_of(user) and org_id is not None and org_id == home_agency_id(user)


def require_act(user, action: Action, organization: Organization | int) -> None:
    if not can_act(user, action, organization):
        raise PermissionDenied(f"您没有权限执行“{action.label}”")


def organizations_for_act(user, action: Action):
    orgs = organizations_for(user, action)
    home = home_agency_id(user)
    if home is not None and action in actions_of(user):
        orgs = orgs | Organization.objects.filter(pk=home)
    return orgs


def can_view(user, application: Application) -> bool:
    return any(can_act(user, a, application.organization_id) for a in CASE_ACTIONS)


def visible_applications(user):
    """Applications of every organization in which the user holds some application action."""
    org_ids = set()
    for action in CASE_ACTIONS:
        org_ids |= set(organizations_for_act(user, action).values_list("pk", flat=True))
    return Application.objects.filter(organization_id__in=org_ids)


def get_application_for(user, pk: int, action: Action | None = None) -> Application:
    """The application `pk` if `user` may see it (and perform `action` on it), else 403/404."""
    application = get_object_or_404(
        Application.objects.select_related("organization", "assignee"), pk=pk
    )
    if not can_view(user, application):
        raise PermissionDenied("您没有权限查看该申请")
    if action is not None and not can_act(user, action, application.organization_id):
        raise PermissionDenied(f"您没有权限执行“{action.label}”")
    return application
