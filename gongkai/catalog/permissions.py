"""Who may do what with catalog items. Views load items only through these loaders."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

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


def review_scope(user, action: Action) -> set[int]:
    """Ids of the organizations whose items `user` may review at a stage needing `action`."""
    if action not in actions_of(user):
        return set()
    return set(organizations_for(user, action).values_list("pk", flat=True))


def can_review(user, item: Item) -> bool:
    """The stage now waiting needs an action the user holds here, and it is not their draft."""
    if item.status != ItemStatus.IN_REVIEW or not item.current_action:
        return False
    if item.created_by_id == user.pk:
        return False
    return can(user, Action(item.current_action), item.organization_id)


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
