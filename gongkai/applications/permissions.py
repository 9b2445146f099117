"""Who may see and act on an application: named predicates and the one loader views use.

Scope is the accounts one: a division's staff (the 办公室 clerk, the 法治调研处 reviewer) act
for the agency their division belongs to.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from gongkai.accounts.models import Organization, OrganizationKind, RoleGrant, User
from gongkai.accounts.permissions import (
    UNSCOPED_ACTIONS,
    Action,
    can,
    roles_with,
    scope_ids,
)

from .models import Application

# Every staff action on applications; seeing a case needs any one of them in its organization.
CASE_ACTIONS = (
    Action.APPLICATION_HANDLE,
    Action.APPLICATION_INTAKE,
    Action.APPLICATION_ASSIGN,
    Action.APPLICATION_APPROVE_EXTENSION,
    Action.APPLICATION_REVIEW_DIVISION,
    Action.APPLICATION_REVIEW_LEGAL,
    Action.APPLICATION_SIGN_REPLY,
)
# The actions a sign-off stage may require (the reviewers and signers of replies and extensions).
SIGNOFF_ACTIONS = (
    Action.APPLICATION_REVIEW_DIVISION,
    Action.APPLICATION_REVIEW_LEGAL,
    Action.APPLICATION_SIGN_REPLY,
    Action.APPLICATION_APPROVE_EXTENSION,
)


def can_view(user, application: Application) -> bool:
    return any(can(user, a, application.organization_id) for a in CASE_ACTIONS)


def visible_applications(user):
    """Applications of every organization in which the user holds some application action.

    The organizations go into the query as a list of ids (the user's scope, known already for
    the permission checks): as a subquery, PostgreSQL joined and sorted every open case of the
    inbox instead of reading its index in order.
    """
    held = [action for action in CASE_ACTIONS if can(user, action)]
    if not held:
        return Application.objects.none()
    if any(action in UNSCOPED_ACTIONS for action in held):
        return Application.objects.all()
    return Application.objects.filter(organization_id__in=sorted(scope_ids(user)))


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


OrgTree = dict[int, tuple[int | None, str]]  # id → (parent id, kind)


def organization_tree() -> OrgTree:
    """Every organization's parent and kind, in one query (the tree is small)."""
    return {
        pk: (parent_id, kind)
        for pk, parent_id, kind in Organization.objects.values_list("pk", "parent_id", "kind")
    }


def acting_organization_ids(organization_id: int, tree: OrgTree | None = None) -> set[int]:
    """Ids of the organizations whose staff act within `organization_id` by scope.

    The inverse of `accounts.permissions.scope_ids`: a staff member's scope is their organ (their
    organization, or for a division the organ it belongs to) and everything below it, so their
    scope holds the case's organization exactly when their organ is that organization or one
    of its ancestors.
    """
    tree = tree if tree is not None else organization_tree()

    def organ(pk: int) -> int:
        seen = set()
        while tree[pk][1] == OrganizationKind.DIVISION and tree[pk][0] is not None:
            if pk in seen:  # a cycle: stop where it closes
                break
            seen.add(pk)
            pk = tree[pk][0]
        return pk

    chain, node = set(), organization_id
    while node is not None and node not in chain and node in tree:
        chain.add(node)
        node = tree[node][0]
    return {pk for pk in tree if organ(pk) in chain}


def staff_who_can(action: Action, organization_id: int, *, tree: OrgTree | None = None):
    """Active staff who may perform `action` on a case of `organization_id`, as one query.

    Agrees with `can(user, action, organization_id)` for every user (tested): a role granting
    the action, held in an organization acting within the case's one (or anywhere, for the
    actions of running the site, which are unscoped).
    """
    grants = Q(role__in=roles_with(action))
    if action not in UNSCOPED_ACTIONS:
        grants &= Q(user__organization_id__in=acting_organization_ids(organization_id, tree))
    holders = RoleGrant.objects.filter(grants).values("user_id")
    return User.objects.filter(is_active=True, pk__in=holders)
