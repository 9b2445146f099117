"""Who can take the next step of an item's review or of a correction, as the staff page says it.

A stage that nobody in the office may decide would otherwise wait unseen: the page names the
stage, the roles that decide it and the people who hold them, or says that nobody does and who
can change that.
"""

from dataclasses import dataclass

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Action, can, role_names, roles_with

from .models import Item, ItemRevision, ItemStatus, RevisionStatus, StepDecision
from .permissions import correction_refusal, revision_stage, stage_action, stage_refusal

# Named on the page: more would be a list nobody reads.
_SHOWN = 6


@dataclass(frozen=True)
class NextStep:
    stage: str
    roles: str  # "处室负责人" or "办公室的处室负责人"
    people: list[str]
    excluded: str  # who holds the role but may not decide here ("提出人本人"), when that matters

    @property
    def text(self) -> str:
        if self.people:
            names = "、".join(self.people[:_SHOWN]) + ("等" if len(self.people) > _SHOWN else "")
            return f"下一步：“{self.stage}”，由{self.roles}办理（{names}）。"
        besides = f"除{self.excluded}（不能办理）外" if self.excluded else ""
        return (
            f"下一步：“{self.stage}”。本单位{besides}暂无具有“{self.stage}”权限的人员"
            f"（{self.roles}），请联系系统管理员分配。"
        )


def _holders(item: Item, action: Action, stage: str) -> list[User]:
    """Active staff who may decide the stage, under the same rules as the decision itself."""
    candidates = (
        User.objects.filter(is_active=True, role_grants__role__in=roles_with(action))
        .select_related("organization")
        .distinct()
        .order_by("full_name", "username")
    )
    return [u for u in candidates if stage_refusal(u, item, action, stage) is None]


def _step(item: Item, action: Action, stage: str, excluded: set[int], who: str) -> NextStep:
    holders = _holders(item, action, stage)
    people = [u.display_name for u in holders if u.pk not in excluded]
    # Say why a holder is missing from the list when that is the reason nobody is left.
    held_by_excluded = any(u.pk in excluded for u in holders)
    return NextStep(stage, _roles(item, action), people, who if held_by_excluded else "")


def _roles(item: Item, action: Action) -> str:
    roles = role_names(action)
    if action == Action.CATALOG_REVIEW_DIVISION and item.drafting_division is not None:
        division = item.drafting_division
        return f"拟稿处室（{division.short_name or division.name}）的{roles}"
    return roles


def for_item(item: Item) -> NextStep | None:
    """The stage an item in review waits at; its authors and this round's approvers excluded."""
    action = stage_action(item)
    if item.status != ItemStatus.IN_REVIEW or action is None:
        return None  # an unknown action (a broken chain) is refused where it is decided
    stage = item.current_stage_name()
    excluded = {item.created_by_id, *item.editors.values_list("pk", flat=True)}
    excluded |= set(
        item.review_steps.filter(
            revision=None, round=item.review_round, decision=StepDecision.APPROVED
        ).values_list("actor_id", flat=True)
    )
    return _step(item, action, stage, excluded, "拟稿人、修改人和本轮已同意的审核人")


def for_revision(revision: ItemRevision) -> NextStep | None:
    """The decision a pending correction waits for; its proposer and approvers excluded."""
    action, stage = revision_stage(revision)
    if revision.status != RevisionStatus.PENDING or action is None:
        return None
    excluded = {revision.actor_id}
    excluded |= set(
        revision.steps.filter(decision=StepDecision.APPROVED).values_list("actor_id", flat=True)
    )
    return _step(revision.item, action, stage, excluded, "提出人本人和已同意的审核人")


def after_publication(user, item: Item, can_correct: bool) -> str:
    """Tells whoever may not correct, change the validity of or withdraw a published item who
    may (the roles granting it, as configured)."""
    if item.status != ItemStatus.PUBLISHED or can_correct:
        return ""
    if can(user, Action.CATALOG_WITHDRAW, item.organization_id):
        return correction_refusal(user, item) or ""
    return (
        f"已发布信息的更正、有效性变更和撤回由{role_names(Action.CATALOG_WITHDRAW)}办理"
        "（处室人员限本处室拟稿的信息），如需更正请联系他们。"
    )
