"""Who may do what with catalog items. Views load items only through these loaders."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.accounts.permissions import Action, actions_of, can, organizations_for, require

from .models import Item, ItemStatus

REVIEW_ACTIONS = (
    Action.CATALOG_REVIEW_DIVISION,
    Action.CATALOG_REVIEW_LEGAL,
    Action.CATALOG_REVIEW_LEADER,
)
# Staff who may look at an item (its draft, its review record) without changing it.
_SEE_ACTIONS = (Action.CATALOG_DRAFT, *REVIEW_ACTIONS, Action.CATALOG_WITHDRAW)


def can_see(user, item: Item) -> bool:
    return any(can(user, action, item.organization_id) for action in _SEE_ACTIONS)


def can_edit(user, item: Item) -> bool:
    return item.status == ItemStatus.DRAFT and can(user, Action.CATALOG_DRAFT, item.organization_id)


# 法制审核 is done by the agency's legal division for the agency and all its divisions, not
# only for the division the reviewer sits in.
AGENCY_WIDE_ACTIONS = frozenset({Action.CATALOG_REVIEW_LEGAL})


def _agency_ids(user) -> set[int]:
    """The reviewer's agency (nearest ancestor-or-self of kind 机关) and its divisions."""
    org = user.organization
    while org is not None and org.kind != OrganizationKind.AGENCY:
        org = org.parent
    if org is None:
        return set()
    divisions = Organization.objects.filter(parent=org, kind=OrganizationKind.DIVISION)
    return {org.pk, *divisions.values_list("pk", flat=True)}


def review_scope(user, action: Action) -> set[int]:
    """Ids of the organizations whose items `user` may review at a stage needing `action`."""
    if action not in actions_of(user):
        return set()
    ids = set(organizations_for(user, action).values_list("pk", flat=True))
    if action in AGENCY_WIDE_ACTIONS and user.organization_id:
        ids |= _agency_ids(user)
    return ids


def can_review(user, item: Item) -> bool:
    """The stage now waiting needs an action the user holds here, and it is not their draft."""
    if item.status != ItemStatus.IN_REVIEW or not item.current_action:
        return False
    if item.created_by_id == user.pk:
        return False
    action = Action(item.current_action)
    if can(user, action, item.organization_id):
        return True
    return action in AGENCY_WIDE_ACTIONS and item.organization_id in review_scope(user, action)


def can_withdraw(user, item: Item) -> bool:
    return item.status == ItemStatus.PUBLISHED and can(
        user, Action.CATALOG_WITHDRAW, item.organization_id
    )


def get_item_for(user, pk: int, action: Action | None = None) -> Item:
    """The item, if `user` may see it (and perform `action` on it when given); else 403/404."""
    item = get_object_or_404(
        Item.objects.select_related("organization", "topic", "category", "created_by"), pk=pk
    )
    if action is not None:
        require(user, action, item.organization_id)
    elif not can_see(user, item):
        raise PermissionDenied("您没有权限查看该信息")
    return item


def visible_items(user):
    """Items in organizations where the user drafts, reviews or withdraws."""
    orgs = set()
    for action in _SEE_ACTIONS:
        orgs |= set(organizations_for(user, action).values_list("pk", flat=True))
    return Item.objects.filter(organization_id__in=orgs)


def review_queue(user):
    """Items waiting at a stage this user may decide, excluding their own drafts."""
    condition = Q(pk__in=[])
    for action in REVIEW_ACTIONS:
        orgs = review_scope(user, action)
        if orgs:
            condition |= Q(current_action=action.value, organization_id__in=orgs)
    return Item.objects.filter(condition, status=ItemStatus.IN_REVIEW).exclude(created_by=user)
