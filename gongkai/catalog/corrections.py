"""Corrections of published items: 先审查、后公开 holds after publication too.

A correction is proposed as a revision; the public page and the search index keep the published
version until the revision is approved. A correction of substance goes through the same review
chain as a new item (each stage with its 保密审查 answer); one that touches only the fields the
office declares clerical (its CorrectionPolicy, set on the review-chain page; by default
GONGKAI_CATALOG_CLERICAL_FIELDS: a date typo, a document number) is checked by a second person. Either way the decision is recorded as review steps of the revision
and in the audit log, and the approved revision replaces the content with the history kept.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, can
from gongkai.lib.discovery import app_modules

from . import next_step, search
from .models import (
    PUBLISHABLE_ANSWERS,
    Confidentiality,
    CorrectionPolicy,
    Item,
    ItemRevision,
    ItemStatus,
    ReviewStep,
    RevisionPath,
    RevisionStatus,
    SearchOp,
    StepDecision,
)
from .permissions import correction_refusal, revision_refusal, revision_stage_refusal
from .services import (
    EDITABLE_FIELDS,
    CatalogError,
    _apply,
    _locked,
    _validate_links,
    check_seen,
    review_chain_for,
    touch,
)

CLERICAL_FIELDS_DEFAULT = ("doc_number", "written_on", "keywords")
# What an office may declare clerical. Never the body, the kind or the interpreted document:
# changing those changes what the document says.
CLERICAL_CANDIDATES = (
    "title",
    "summary",
    "doc_number",
    "written_on",
    "topic",
    "category",
    "keywords",
)
_LINKS = {"topic", "category", "interprets"}


def configured_clerical_fields(
    organization: Organization | None,
) -> tuple[Organization | None, frozenset[str]]:
    """(whose policy applies, its clerical fields): the organization's own, else its nearest
    ancestor's, else the default of the settings (owner None)."""
    owners = [organization, *organization.ancestors()] if organization else []
    policies = {
        p.organization_id: p
        for p in CorrectionPolicy.objects.filter(organization__in=[o.pk for o in owners])
    }
    for owner in owners:
        if owner.pk in policies:
            return owner, frozenset(policies[owner.pk].clerical_fields) & set(CLERICAL_CANDIDATES)
    names = getattr(settings, "GONGKAI_CATALOG_CLERICAL_FIELDS", CLERICAL_FIELDS_DEFAULT)
    return None, frozenset(names) & set(CLERICAL_CANDIDATES)


def clerical_fields(organization: Organization | None = None) -> frozenset[str]:
    """The fields whose correction `organization`'s office treats as clerical."""
    return configured_clerical_fields(organization)[1]


@transaction.atomic
def correction_policy_save(
    *, organization: Organization, actor: User, fields: list[str]
) -> CorrectionPolicy:
    """Declare which fields of `organization`'s items take the clerical path when corrected."""
    if not can(actor, Action.CATALOG_EDIT_GUIDE, organization):
        raise PermissionDenied("您没有权限设置该机构的更正规则")
    unknown = set(fields) - set(CLERICAL_CANDIDATES)
    if unknown:
        raise CatalogError("正文、体裁和所解读的文件的更正都须按审核流程审核，不能设为文字性更正。")
    _, before = configured_clerical_fields(organization)
    chosen = [f for f in CLERICAL_CANDIDATES if f in fields]
    policy, _ = CorrectionPolicy.objects.update_or_create(
        organization=organization, defaults={"clerical_fields": chosen, "updated_by": actor}
    )
    audit.record(
        "catalog.correction_policy_save",
        organization,
        actor=actor,
        changes={
            "before": [_label(f) for f in CLERICAL_CANDIDATES if f in before],
            "after": [_label(f) for f in chosen],
        },
    )
    return policy


def _shown(item: Item, field: str) -> str:
    value = getattr(item, field)
    if value is None:
        return ""
    if field == "kind":
        return item.get_kind_display()
    if field == "interprets":
        return value.index_no or ""
    return str(value)


def _stored(item: Item, field: str):
    """The field's value as JSON keeps it: an id for a link, an ISO date, else the value."""
    if field in _LINKS:
        return getattr(item, f"{field}_id")
    value = getattr(item, field)
    return value.isoformat() if isinstance(value, date) else value


def _label(field: str) -> str:
    return str(Item._meta.get_field(field).verbose_name)


@transaction.atomic
def revision_propose(
    *, item: Item, actor: User, data: dict, reason: str, seen: str = ""
) -> ItemRevision:
    """Propose a correction of a published item; nothing public changes until it is approved.

    `seen` is the version of the item the form was filled in against (`services.version_of`):
    a change since then (a validity change, another correction) refuses the proposal.
    """
    _locked(item)
    refusal = correction_refusal(actor, item)
    if refusal is not None:
        if item.status != ItemStatus.PUBLISHED:
            raise CatalogError(refusal)
        raise PermissionDenied(refusal)
    check_seen(item, seen)
    reason = (reason or "").strip()
    if not reason:
        raise CatalogError("更正已发布的信息必须说明原因。")
    if ItemRevision.objects.filter(item=item, status=RevisionStatus.PENDING).exists():
        raise CatalogError("该信息已有一项更正正在审核中，请待其办结后再提出新的更正。")
    stored = Item.objects.get(pk=item.pk)
    _validate_links(actor, data, stored)
    proposal = Item.objects.get(pk=item.pk)
    _apply(proposal, data)
    changed = [f for f in EDITABLE_FIELDS if f in data and _shown(stored, f) != _shown(proposal, f)]
    if not changed:
        raise CatalogError("没有修改任何内容。")
    clerical = set(changed) <= clerical_fields(item.organization)
    now = timezone.now()
    revision = ItemRevision(
        item=item,
        actor=actor,
        status=RevisionStatus.PENDING,
        path=RevisionPath.CLERICAL if clerical else RevisionPath.SUBSTANTIVE,
        proposed_at=now,
        reason=reason[:300],
        changes={_label(f): [_shown(stored, f), _shown(proposal, f)] for f in changed},
        proposed={f: [_stored(stored, f), _stored(proposal, f)] for f in changed},
    )
    if not clerical:
        revision.review_plan = review_chain_for(item.organization)
        revision.review_position = 0
        revision.current_action = revision.review_plan[0]["action"]
    try:
        with transaction.atomic():
            revision.save()
    except IntegrityError:
        raise CatalogError("该信息已有一项更正正在审核中，请待其办结后再提出新的更正。") from None
    ReviewStep.objects.create(
        item=item,
        revision=revision,
        round=item.review_round,
        position=0,
        stage_name="提出更正",
        decision=StepDecision.SUBMITTED,
        actor=actor,
        decided_at=now,
        opinion=revision.reason,
    )
    touch(item)
    # The proposed text is checked as a draft's is on entering review (wording, personal data).
    for module in app_modules("review_checks"):
        hook = getattr(module, "revision_proposed", None)
        if hook is not None:
            hook(revision)
    audit.record(
        "catalog.revision_propose",
        item,
        actor=actor,
        changes={
            "reason": revision.reason,
            "path": revision.get_path_display(),
            **revision.changes,
        },
    )
    _count_proposer_rank(revision, item, now)
    return revision


def _count_proposer_rank(revision: ItemRevision, item: Item, now) -> None:
    """A stage only the proposer could decide counts as agreed by their proposal.

    Nobody reviews their own correction, so without this a 处室负责人's correction would wait
    forever at the 处室负责人 stage when they are the only head of their division. Where the
    proposer holds the stage and nobody else in the office may decide it, their rank stands for
    that stage (recorded as such in the review steps and the audit log); where someone else
    may, they decide as before. The last stage never counts unless someone else has already
    agreed: a correction never takes effect on its proposer's word alone.
    """
    while revision.path == RevisionPath.SUBSTANTIVE and revision.status == RevisionStatus.PENDING:
        if revision_stage_refusal(revision.actor, revision) is not None:
            return
        if next_step.for_revision(revision).people:
            return
        position = revision.review_position or 0
        last = position + 1 == len(revision.review_plan)
        others = revision.steps.filter(decision=StepDecision.APPROVED).exclude(actor=revision.actor)
        if last and (not others.exists() or _approval_problem(revision)):
            return
        stage = revision.current_stage_name()
        _record_step(
            revision,
            item,
            revision.actor,
            now,
            opinion=f"提出人具有“{stage}”权限，本单位无其他可办理人员，提出更正即视为本环节同意。",
        )
        audit.record(
            "catalog.revision_approve_by_proposer",
            item,
            actor=revision.actor,
            changes={"stage": stage},
        )
        _advance(revision, item, revision.actor, now)


def _record_step(
    revision, item, actor, now, *, opinion: str, confidentiality="", decision=StepDecision.APPROVED
) -> None:
    """The review step of the revision's current stage, decided by `actor`."""
    ReviewStep.objects.create(
        item=item,
        revision=revision,
        round=item.review_round,
        position=(revision.review_position or 0) + 1,
        stage_name=_stage_name(revision),
        decision=decision,
        actor=actor,
        decided_at=now,
        opinion=opinion,
        confidentiality=confidentiality,
    )


def _locked_revision(revision: ItemRevision) -> ItemRevision:
    fresh = ItemRevision.objects.select_for_update().select_related("item").get(pk=revision.pk)
    if fresh.status != RevisionStatus.PENDING:
        raise CatalogError(f"该更正已{fresh.get_status_display()}，不能再审核。")
    return fresh


def _check_decider(revision: ItemRevision, actor: User) -> None:
    refusal = revision_refusal(actor, revision)
    if refusal is None:
        return
    if refusal.conflict:
        raise CatalogError(refusal.message)
    raise PermissionDenied(refusal.message)


def _stage_name(revision: ItemRevision) -> str:
    if revision.path == RevisionPath.CLERICAL:
        return "更正复核"
    return f"更正·{revision.current_stage_name()}"


def _take_effect(revision: ItemRevision, item: Item, actor: User, now) -> None:
    """Write the approved values on the item (only those fields: nothing else is overwritten)."""
    if item.status != ItemStatus.PUBLISHED:
        raise CatalogError("该信息已不在发布状态，更正不能生效，请退回该更正。")
    fields = []
    for field, (before, after) in revision.proposed.items():
        if _stored(item, field) != before:
            raise CatalogError(
                f"“{_label(field)}”在更正提出后已有变动，请退回该更正，核对后重新提出。"
            )
        attname = f"{field}_id" if field in _LINKS else field
        if field == "written_on" and after is not None:
            after = date.fromisoformat(after)
        setattr(item, attname, after)
        fields.append(attname)
    item.revised_at = now
    item.save(update_fields=[*fields, "revised_at", "updated_at"])
    revision.status = RevisionStatus.APPLIED
    revision.revised_at = now
    audit.record(
        "catalog.item_correct",
        item,
        actor=actor,
        changes={"reason": revision.reason, **revision.changes},
    )
    # An app that keeps the item's text as a structure (guides) applies its part now too.
    for module in app_modules("catalog_editor"):
        hook = getattr(module, "revision_applied", None)
        if hook is not None:
            hook(item)
    search.enqueue(item.pk, SearchOp.UPSERT)


@transaction.atomic
def revision_approve(
    *, revision: ItemRevision, actor: User, confidentiality: str = "", opinion: str = ""
) -> ItemRevision:
    """The waiting stage (or the clerical check) agrees; after the last the correction takes
    effect on the public page and in the search index."""
    item = _locked(revision.item)
    revision = _locked_revision(revision)
    revision.item = item
    _check_decider(revision, actor)
    problem = _approval_problem(revision)
    if problem:
        raise CatalogError(problem)
    substantive = revision.path == RevisionPath.SUBSTANTIVE
    if substantive and confidentiality not in PUBLISHABLE_ANSWERS:
        raise CatalogError(
            "保密审查结论为“"
            + (Confidentiality(confidentiality).label if confidentiality else "未填写")
            + "”，不能同意更正后公开；请退回。"
        )
    now = timezone.now()
    position = revision.review_position or 0
    _record_step(
        revision,
        item,
        actor,
        now,
        opinion=opinion.strip(),
        confidentiality=confidentiality if substantive else "",
    )
    if substantive and position + 1 < len(revision.review_plan):
        audit.record("catalog.revision_approve", item, actor=actor, changes={"stage": position + 1})
    _advance(revision, item, actor, now)
    _count_proposer_rank(revision, item, now)
    return revision


def _approval_problem(revision: ItemRevision) -> str | None:
    """What other apps' checks (wording, personal data) say stands in the way of approval."""
    for module in app_modules("review_checks"):
        hook = getattr(module, "revision_approval_problem", None)
        problem = hook(revision) if hook is not None else None
        if problem:
            return problem
    return None


def _advance(revision: ItemRevision, item: Item, actor: User, now) -> None:
    """After an agreement: on to the next stage, or after the last one the correction takes
    effect."""
    position = revision.review_position or 0
    if revision.path == RevisionPath.SUBSTANTIVE and position + 1 < len(revision.review_plan):
        revision.review_position = position + 1
        revision.current_action = revision.review_plan[position + 1]["action"]
        revision.save(update_fields=["review_position", "current_action"])
        return
    _take_effect(revision, item, actor, now)
    revision.review_position = None
    revision.current_action = ""
    revision.decided_at = now
    revision.save(
        update_fields=["status", "revised_at", "review_position", "current_action", "decided_at"]
    )


@transaction.atomic
def revision_return(*, revision: ItemRevision, actor: User, opinion: str) -> ItemRevision:
    """Refuse the correction, with the reason; the published version stays as it is."""
    item = _locked(revision.item)
    revision = _locked_revision(revision)
    revision.item = item
    _check_decider(revision, actor)
    if not opinion.strip():
        raise CatalogError("退回更正时必须填写审核意见。")
    now = timezone.now()
    _record_step(
        revision, item, actor, now, opinion=opinion.strip(), decision=StepDecision.RETURNED
    )
    revision.status = RevisionStatus.RETURNED
    revision.review_position = None
    revision.current_action = ""
    revision.decided_at = now
    revision.save(update_fields=["status", "review_position", "current_action", "decided_at"])
    audit.record("catalog.revision_return", item, actor=actor, changes={"opinion": opinion.strip()})
    for module in app_modules("catalog_editor"):
        hook = getattr(module, "revision_returned", None)
        if hook is not None:
            hook(item)
    return revision
