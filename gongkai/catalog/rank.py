"""A review stage that only the item's own author could decide counts as agreed by their rank.

Nobody reviews text they wrote, so a draft by the only 处室负责人 of a division would wait for
ever at the 处室负责人 stage. Where an author holds the stage and nobody else in the office may
decide it, their rank stands for it, recorded as such in the review steps and the audit log;
every other stage is decided as usual. The last stage never counts this way: publication always
takes the decision of someone who did not write the text. Corrections follow the same rule
(`corrections._count_proposer_rank`), except that their last stage may count once someone else
has agreed: a correction is proposed by those who sign (a 分管领导 correcting), a draft is not.
"""

from django.utils import timezone

from gongkai.accounts import audit

from . import next_step
from .models import Item, ItemStatus, ReviewStep, StepDecision
from .permissions import stage_action, stage_refusal


def count_author_rank(item: Item) -> None:
    """Advance `item` past the stages only one of its authors could decide (see module doc)."""
    while item.status == ItemStatus.IN_REVIEW and (action := stage_action(item)) is not None:
        if item.review_position + 1 >= len(item.review_plan):
            return
        stage = item.current_stage_name()
        authors = [item.created_by, *item.editors.all()]
        decided = set(
            item.review_steps.filter(
                revision=None, round=item.review_round, decision=StepDecision.APPROVED
            ).values_list("actor_id", flat=True)
        )
        # Nobody stands for two stages of a round, by rank or by decision.
        holder = next(
            (
                a
                for a in authors
                if a is not None
                and a.pk not in decided
                and stage_refusal(a, item, action, stage) is None
            ),
            None,
        )
        if holder is None or next_step.for_item(item).people:
            return
        position = item.review_position
        ReviewStep.objects.create(
            item=item,
            round=item.review_round,
            position=position + 1,
            stage_name=stage,
            decision=StepDecision.APPROVED,
            actor=holder,
            decided_at=timezone.now(),
            opinion=f"拟稿人具有“{stage}”权限，本单位无其他可办理人员，提交即视为本环节同意。",
        )
        item.review_position = position + 1
        item.current_action = item.review_plan[position + 1]["action"]
        item.save(update_fields=["review_position", "current_action", "updated_at"])
        audit.record("catalog.item_approve_by_author", item, actor=holder, changes={"stage": stage})
