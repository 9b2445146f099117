"""Who may do what with catalog items. Views load items only through these loaders."""

import operator
from functools import reduce
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from gongkai.accounts.models import OrganizationKind
from gongkai.accounts.permissions import UNSCOPED_ACTIONS, Action, can, require, scope_ids

from .models import (
    Item,
    ItemRevision,
    ItemStatus,
    ReviewStep,
    RevisionPath,
    RevisionStatus,
    StepDecision,
)

REVIEW_ACTIONS = (
    Action.CATALOG_REVIEW_DIVISION,
    Action.CATALOG_REVIEW_LEGAL,
    Action.CATALOG_REVIEW_LEADER,
)
# Staff who may look at an item (its draft, its review record) without changing it.
_SEE_ACTIONS = (Action.CATALOG_DRAFT, *REVIEW_ACTIONS, Action.CATALOG_WITHDRAW)
# Every catalog action is scoped: where a user holds one, it reaches their scope (their organ
# and everything below it), which accounts caches on the user. Lists and the review queue read
# it from there instead of querying the same ids back once per action.
assert not UNSCOPED_ACTIONS & set(_SEE_ACTIONS)


def can_see(user, item: Item) -> bool:
    return any(can(user, action, item.organization_id) for action in _SEE_ACTIONS)


def can_edit(user, item: Item) -> bool:
    return item.status == ItemStatus.DRAFT and can(user, Action.CATALOG_DRAFT, item.organization_id)


def _organization_ids(user, *actions: Action) -> frozenset[int]:
    """Ids of the organizations where `user` may perform one of `actions` (catalog actions)."""
    return frozenset(scope_ids(user)) if any(can(user, a) for a in actions) else frozenset()


def review_scope(user, action: Action) -> frozenset[int]:
    """Ids of the organizations whose items `user` may review at a stage needing `action`."""
    return _organization_ids(user, action)


class Refusal(NamedTuple):
    message: str
    conflict: bool  # True: a separation-of-duties rule (409-like); False: no right (403)


def stage_action(item: Item) -> Action | None:
    if item.current_action not in {a.value for a in REVIEW_ACTIONS}:
        return None
    return Action(item.current_action)


def stage_refusal(user, item: Item, action: Action, stage: str) -> Refusal | None:
    """Whether `user` holds what a stage needs: its action for the item's organization and,
    for the 处室负责人 stage, a post in the division the item came from."""
    if not can(user, action, item.organization_id):
        return Refusal(f"您没有权限办理“{stage}”环节", False)
    if (
        action == Action.CATALOG_REVIEW_DIVISION
        and item.drafting_division_id is not None
        and user.organization_id != item.drafting_division_id
    ):
        return Refusal(f"“{stage}”环节由拟稿处室的负责人办理。", False)
    return None


def reviewer_refusal(user, item: Item) -> Refusal | None:
    """Why `user` may not decide the stage now waiting, or None when they may.

    Separation of duties (先审查、后公开): nobody reviews text they wrote (created, edited or
    submitted), nobody decides two stages of the same round, and the 处室负责人 stage belongs
    to the head of the division the draft came from.
    """
    stage = item.current_stage_name()
    action = stage_action(item)
    if item.status != ItemStatus.IN_REVIEW or action is None:
        return Refusal("该信息当前没有等待审核的环节。", False)
    if (refusal := stage_refusal(user, item, action, stage)) is not None:
        return refusal
    if item.created_by_id == user.pk or item.editors.filter(pk=user.pk).exists():
        return Refusal("不能审核自己起草、修改或提交的信息，请由其他审核人办理。", True)
    already = ReviewStep.objects.filter(
        item=item,
        revision=None,
        round=item.review_round,
        decision=StepDecision.APPROVED,
        actor=user,
    )
    if already.exists():
        return Refusal("您已在本轮审核中同意过其他环节，同一人不能办理两个环节。", True)
    return None


def can_review(user, item: Item) -> bool:
    """The stage now waiting needs an action the user holds here, and no conflict forbids it."""
    return reviewer_refusal(user, item) is None


def correction_refusal(user, item: Item) -> str | None:
    """Why `user` may not propose a correction of `item`, or None when they may.

    A division's staff correct only what their division drafted: the right over the whole
    agency comes with a post in the agency itself (a leader, the office), not in a division.
    """
    if item.status != ItemStatus.PUBLISHED:
        return f"该信息当前状态为“{item.get_status_display()}”，不能更正。"
    if not can(user, Action.CATALOG_WITHDRAW, item.organization_id):
        return "您没有权限更正已发布的信息"
    if not within_division(user, item):
        return "您只能更正本处室拟稿的信息。"
    return None


def within_division(user, item: Item) -> bool:
    """Staff of a division act after publication (correct, withdraw, change validity) only on
    what their division drafted; staff of the organ itself act on all its items."""
    home = user.organization
    if home is None or home.kind != OrganizationKind.DIVISION:
        return True
    return item.drafting_division_id == home.pk


def can_correct(user, item: Item) -> bool:
    return correction_refusal(user, item) is None


def revision_refusal(user, revision: ItemRevision) -> Refusal | None:
    """Why `user` may not decide the correction `revision` now, or None when they may.

    A clerical correction is checked by a second person who may correct the item; a
    substantive one goes through its review chain under the rules of `reviewer_refusal`:
    nobody reviews their own correction, nobody decides two of its stages.
    """
    if revision.actor_id == user.pk:
        return Refusal("不能审核自己提出的更正，请由其他人办理。", True)
    if (refusal := revision_stage_refusal(user, revision)) is not None:
        return refusal
    already = revision.steps.filter(decision=StepDecision.APPROVED, actor=user)
    if already.exists():
        return Refusal("您已同意过该更正的其他环节，同一人不能办理两个环节。", True)
    return None


def revision_stage(revision: ItemRevision) -> tuple[Action | None, str]:
    """(the action the waiting decision needs, its name): the clerical check needs the right to
    correct; a substantive correction's stage, the action of its review stage."""
    if revision.path == RevisionPath.CLERICAL:
        return Action.CATALOG_WITHDRAW, "更正复核"
    known = revision.current_action in {a.value for a in REVIEW_ACTIONS}
    return (Action(revision.current_action) if known else None), revision.current_stage_name()


def revision_stage_refusal(user, revision: ItemRevision) -> Refusal | None:
    """Whether `user` holds what the waiting decision on `revision` needs (whoever they are)."""
    action, stage = revision_stage(revision)
    if action is None:
        return Refusal("该更正当前没有等待审核的环节。", False)
    if revision.path == RevisionPath.CLERICAL and not can(
        user, action, revision.item.organization_id
    ):
        return Refusal("您没有权限复核该更正", False)
    return stage_refusal(user, revision.item, action, stage)


def revision_queue(user) -> list[ItemRevision]:
    """Corrections waiting for a decision this user may take (few at a time: checked in Python
    with the same rules as the decision itself)."""
    orgs = _organization_ids(user, Action.CATALOG_WITHDRAW, *REVIEW_ACTIONS)
    if not orgs:  # a drafter's dashboard: no query to build (a few ms of the ORM's time)
        return []
    pending = ItemRevision.objects.filter(
        status=RevisionStatus.PENDING, item__organization_id__in=orgs
    ).select_related("item", "item__organization", "actor")
    return [r for r in pending if revision_refusal(user, r) is None]


def can_withdraw(user, item: Item) -> bool:
    return (
        item.status == ItemStatus.PUBLISHED
        and can(user, Action.CATALOG_WITHDRAW, item.organization_id)
        and within_division(user, item)
    )


def get_item_for(user, pk: int, action: Action | None = None) -> Item:
    """The item, if `user` may see it (and perform `action` on it when given); else 403/404."""
    item = get_object_or_404(
        Item.objects.select_related(
            "organization", "topic", "category", "created_by", "drafting_division"
        ),
        pk=pk,
    )
    if action is not None:
        require(user, action, item.organization_id)
    elif not can_see(user, item):
        raise PermissionDenied("您没有权限查看该信息")
    return item


def visible_organization_ids(user) -> frozenset[int]:
    """Ids of the organizations where the user drafts, reviews or withdraws."""
    return _organization_ids(user, *_SEE_ACTIONS)


def visible_items(user):
    """Items in organizations where the user drafts, reviews or withdraws."""
    return Item.objects.filter(organization_id__in=visible_organization_ids(user))


def review_queue(user):
    """Items waiting at a stage this user may decide: the rules of reviewer_refusal in SQL."""
    stages = []
    for action in REVIEW_ACTIONS:
        orgs = review_scope(user, action)
        if not orgs:
            continue
        stage = Q(current_action=action.value, organization_id__in=orgs)
        if action == Action.CATALOG_REVIEW_DIVISION:
            stage &= Q(drafting_division__isnull=True) | Q(
                drafting_division_id=user.organization_id
            )
        stages.append(stage)
    if not stages:  # no stage this user decides: no query to build (a drafter's dashboard)
        return Item.objects.none()
    condition = reduce(operator.or_, stages)
    approved_this_round = ReviewStep.objects.filter(
        item=OuterRef("pk"),
        revision=None,
        round=OuterRef("review_round"),
        decision=StepDecision.APPROVED,
        actor=user,
    )
    wrote = Item.editors.through.objects.filter(item=OuterRef("pk"), user=user)
    return (
        Item.objects.filter(condition, status=ItemStatus.IN_REVIEW)
        .exclude(created_by=user)
        .exclude(Exists(wrote))
        .exclude(Exists(approved_this_round))
    )
