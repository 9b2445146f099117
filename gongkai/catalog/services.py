"""State changes of catalog items. Each one is atomic, audited, and checked against TRANSITIONS.

先审查、后公开: a draft is submitted, passes every stage of its review chain, and is published
only when the last stage approves. A return at any stage sends it back to the drafter.
"""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, OrganizationKind, User
from gongkai.accounts.permissions import Action, can, organizations_for
from gongkai.lib import counters
from gongkai.lib.discovery import app_modules

from . import rank, search, uploads
from .models import (
    PUBLISHABLE_ANSWERS,
    Attachment,
    Category,
    Confidentiality,
    GuidePage,
    IndexNumberCounter,
    Item,
    ItemKind,
    ItemStatus,
    ReviewAction,
    ReviewStage,
    ReviewStep,
    SearchOp,
    StepDecision,
    Topic,
    Validity,
)
from .permissions import reviewer_refusal, within_division

INDEX_NUMBER_FORMAT_DEFAULT = "{org_code}/{year}-{serial:05d}"

# verb → statuses it may start from. Everything else is refused with a Chinese message.
TRANSITIONS: dict[str, frozenset[str]] = {
    "edit": frozenset({ItemStatus.DRAFT}),
    "attach": frozenset({ItemStatus.DRAFT}),
    "submit": frozenset({ItemStatus.DRAFT}),
    "approve": frozenset({ItemStatus.IN_REVIEW}),
    "return": frozenset({ItemStatus.IN_REVIEW}),
    "withdraw": frozenset({ItemStatus.PUBLISHED}),
    "set_validity": frozenset({ItemStatus.PUBLISHED}),
}
_VERB_LABELS = {
    "edit": "修改",
    "attach": "增删附件",
    "submit": "提交审核",
    "approve": "审核通过",
    "return": "退回",
    "withdraw": "撤回",
    "set_validity": "变更有效性",
}

DEFAULT_CHAIN = [
    ("处室负责人审核", ReviewAction.DIVISION),
    ("法制审核", ReviewAction.LEGAL),
    ("分管领导签发", ReviewAction.LEADER),
]

EDITABLE_FIELDS = (
    "title",
    "summary",
    "body",
    "doc_number",
    "written_on",
    "topic",
    "category",
    "kind",
    "keywords",
    "interprets",
)


class CatalogError(Exception):
    """A request the rules refuse; the message is shown to the user as it is."""


class Conflict(CatalogError):
    """Someone else changed the item since the page was opened (see `check_seen`)."""


def _check(item: Item, verb: str) -> None:
    if item.status not in TRANSITIONS[verb]:
        raise CatalogError(
            f"该信息当前状态为“{item.get_status_display()}”，不能{_VERB_LABELS[verb]}。"
        )


def _locked(item: Item) -> Item:
    """Re-read the whole item under a row lock: two reviewers cannot decide the same stage
    twice, and no change saves a value read before another change committed (a lost update)."""
    fresh = Item.objects.select_for_update().get(pk=item.pk)
    for field in Item._meta.concrete_fields:
        setattr(item, field.attname, getattr(fresh, field.attname))
    return item


def version_of(item: Item) -> str:
    """The version of the item a form is filled in against (its last change, to the microsecond)."""
    return item.updated_at.isoformat() if item.updated_at else ""


def check_seen(item: Item, seen: str) -> None:
    """Refuse a change made against an older version of the (locked) item than the current one:
    of two people acting on the same page at once, the second is told instead of overwriting."""
    if seen and seen != version_of(item):
        raise Conflict(
            "该信息在您打开本页后已被他人修改（见修改记录和操作记录），"
            "为避免覆盖他人的修改，本次操作未保存。请刷新页面核对后重新操作。"
        )


def touch(item: Item) -> None:
    """Mark the item changed (a correction proposed): forms opened before see a new version."""
    item.save(update_fields=["updated_at"])


def _begin(item: Item, verb: str, actor: User, action: Action, denied: str) -> None:
    """The start of a change: lock and re-read the item, check that `verb` may start from its
    status and that `actor` may perform `action` on it (else PermissionDenied(`denied`))."""
    _locked(item)
    _check(item, verb)
    if not can(actor, action, item.organization_id):
        raise PermissionDenied(denied)


# -- 索引号 -----------------------------------------------------------------------------------


def allocate_index_no(organization: Organization, year: int) -> str:
    """The next 索引号 of `organization` in `year`; a number once handed out is never reused."""
    serial = counters.reserve(
        IndexNumberCounter, "last_serial", organization_id=organization.pk, year=year
    )
    template = getattr(settings, "GONGKAI_INDEX_NUMBER_FORMAT", INDEX_NUMBER_FORMAT_DEFAULT)
    return template.format(org_code=organization.code, year=year, serial=serial)


# -- drafting ---------------------------------------------------------------------------------


def _validate_links(actor: User, data: dict, current: Item | None = None) -> None:
    """An interpretation links to a published normative document the drafter may see (one in
    their scope). A link kept unchanged on an edit is not checked again."""
    target = data.get("interprets")
    if target is None:
        return
    kind = data.get("kind", current.kind if current else None)
    if kind != ItemKind.INTERPRETATION:
        raise CatalogError("只有体裁为“政策解读”的信息才能关联所解读的规范性文件。")
    if current is not None and current.interprets_id == target.pk:
        return
    in_scope = organizations_for(actor, Action.CATALOG_DRAFT).filter(pk=target.organization_id)
    if (
        target.kind != ItemKind.NORMATIVE
        or target.status != ItemStatus.PUBLISHED
        or not in_scope.exists()
    ):
        raise CatalogError("所关联的信息不是本机关已发布的规范性文件。")


def _apply(item: Item, data: dict) -> None:
    """Set the editable fields given in `data` on `item` and validate it (not saved)."""
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    item.full_clean()


def _note_editor(item: Item, actor: User) -> None:
    """Whoever writes any of the text may not approve it later (see permissions)."""
    item.editors.add(actor)


@transaction.atomic
def item_create(*, actor: User, organization: Organization, data: dict) -> Item:
    """A new draft. Its 索引号 is allocated on publication, so abandoned drafts leave no gaps."""
    if not can(actor, Action.CATALOG_DRAFT, organization):
        raise PermissionDenied(f"您没有权限为“{organization.name}”起草主动公开信息")
    _validate_links(actor, data)
    item = Item(organization=organization, created_by=actor, status=ItemStatus.DRAFT)
    drafter_org = actor.organization
    if drafter_org is not None and drafter_org.kind == OrganizationKind.DIVISION:
        item.drafting_division = drafter_org
    _apply(item, data)
    item.save()
    _note_editor(item, actor)
    audit.record("catalog.item_create", item, actor=actor, changes={"title": item.title})
    # Drafts are in the index too: the staff list finds them by any word (never the public).
    search.enqueue(item.pk, SearchOp.UPSERT)
    return item


@transaction.atomic
def item_update(*, item: Item, actor: User, data: dict) -> Item:
    _begin(item, "edit", actor, Action.CATALOG_DRAFT, "您没有权限修改该信息")
    stored = Item.objects.get(pk=item.pk)
    _validate_links(actor, data, stored)
    before = {f: getattr(stored, f) for f in data if f in EDITABLE_FIELDS}
    _apply(item, data)
    item.save()
    after = {f: getattr(item, f) for f in before}
    _note_editor(item, actor)
    audit.record("catalog.item_update", item, actor=actor, changes=audit.diff(before, after))
    search.enqueue(item.pk, SearchOp.UPSERT)
    return item


@transaction.atomic
def attachment_add(*, item: Item, actor: User, upload) -> Attachment:
    """Attach a checked file (type by content, size within the limit) to a draft."""
    _begin(item, "attach", actor, Action.CATALOG_DRAFT, "您没有权限修改该信息")
    checked = uploads.check(upload)  # raises UploadRejected
    attachment = Attachment(
        item=item,
        original_name=checked.name,
        kind=checked.kind,
        size=checked.size,
        uploaded_by=actor,
    )
    # The stored name is ours (kind + time); the original name is kept only as data.
    attachment.file.save(
        f"{item.pk}-{timezone.now():%Y%m%d%H%M%S%f}.{checked.kind.value}", upload, save=False
    )
    attachment.save()
    _note_editor(item, actor)
    audit.record("catalog.attachment_add", item, actor=actor, changes={"file": checked.name})
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: User) -> None:
    item = attachment.item
    _begin(item, "attach", actor, Action.CATALOG_DRAFT, "您没有权限修改该信息")
    name = attachment.original_name
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))
    _note_editor(item, actor)
    audit.record("catalog.attachment_remove", item, actor=actor, changes={"file": name})


# -- review -----------------------------------------------------------------------------------


def configured_chain(organization: Organization | None) -> tuple[Organization | None, list[dict]]:
    """(whose chain applies, its stages): the organization's own rows, else the nearest
    ancestor's, else the default rows (organization None), else the built-in default."""
    owners = [organization, *organization.ancestors()] if organization else []
    for owner in [*owners, None]:
        stages = list(
            ReviewStage.objects.filter(organization=owner)
            .order_by("position")
            .values("name", "action")
        )
        if stages:
            return owner, stages
    return None, [{"name": name, "action": action.value} for name, action in DEFAULT_CHAIN]


def review_chain_for(organization: Organization) -> list[dict]:
    """The stages an item of `organization` goes through, checked: every stage must need one
    of the review actions (a stage needing anything else would let a drafter publish)."""
    _, stages = configured_chain(organization)
    if not stages or any(s["action"] not in ReviewAction.values for s in stages):
        raise CatalogError("本机关的审核流程配置有误，请联系管理员在“审核流程”中重新设置。")
    return stages


@transaction.atomic
def item_submit(*, item: Item, actor: User) -> Item:
    """The drafter sends the draft into review; the chain is fixed for this round now."""
    _begin(item, "submit", actor, Action.CATALOG_DRAFT, "您没有权限提交该信息")
    missing = [
        label
        for label, value in (
            ("名称", item.title),
            ("正文", item.body),
            ("成文日期", item.written_on),
        )
        if not value
    ]
    if missing:
        raise CatalogError(f"请先填写{'、'.join(missing)}再提交审核。")
    if item.kind == ItemKind.INTERPRETATION and item.interprets_id is None:
        raise CatalogError("政策解读须先关联所解读的规范性文件（填写其索引号），再提交审核。")
    now = timezone.now()
    round_no = item.review_round + 1
    item.review_plan = review_chain_for(item.organization)
    item.review_round = round_no
    item.review_position = 0
    item.current_action = item.review_plan[0]["action"]
    item.status = ItemStatus.IN_REVIEW
    item.submitted_at = now
    item.save(
        update_fields=[
            "review_plan",
            "review_position",
            "review_round",
            "current_action",
            "status",
            "submitted_at",
            "updated_at",
        ]
    )
    ReviewStep.objects.create(
        item=item,
        round=round_no,
        position=0,
        stage_name="拟稿人提交",
        decision=StepDecision.SUBMITTED,
        actor=actor,
        decided_at=now,
    )
    _note_editor(item, actor)
    audit.record("catalog.item_submit", item, actor=actor, changes={"round": round_no})
    search.enqueue(item.pk, SearchOp.UPSERT)
    # Checks other apps run as an item enters review (wording, personal data, hidden metadata).
    for module in app_modules("review_checks"):
        module.item_submitted(item)
    rank.count_author_rank(item)
    return item


def stage_token(item: Item) -> str:
    """Names the stage now waiting (round and position): the review form carries the one the
    reviewer saw, so a decision meant for a stage someone else has just decided is refused
    instead of landing on the next stage."""
    return f"{item.review_round}-{item.review_position}"


def _check_stage(item: Item, stage: str | None) -> None:
    if stage and stage != stage_token(item):
        raise CatalogError(
            "您审核的环节刚刚已由他人办理，该信息现在等待"
            f"“{item.current_stage_name()}”。请查看最新的审核记录后再决定。"
        )


def _check_reviewer(item: Item, actor: User) -> None:
    refusal = reviewer_refusal(actor, item)
    if refusal is None:
        return
    if refusal.conflict:
        raise CatalogError(refusal.message)
    raise PermissionDenied(refusal.message)


@transaction.atomic
def item_approve(
    *, item: Item, actor: User, confidentiality: str, opinion: str = "", stage: str | None = None
) -> Item:
    """The current stage agrees. After the last stage the item is published (and indexed).
    `stage`: the `stage_token` the reviewer saw, when the decision comes from a form."""
    _locked(item)
    _check(item, "approve")
    _check_stage(item, stage)
    _check_reviewer(item, actor)
    for module in app_modules("review_checks"):
        problem = module.approval_problem(item)
        if problem:
            raise CatalogError(problem)
    if confidentiality not in PUBLISHABLE_ANSWERS:
        raise CatalogError(
            "保密审查结论为“"
            + (Confidentiality(confidentiality).label if confidentiality else "未填写")
            + "”，不能同意公开；请退回或报保密行政管理部门确定。"
        )
    now = timezone.now()
    position = item.review_position
    ReviewStep.objects.create(
        item=item,
        round=item.review_round,
        position=position + 1,
        stage_name=item.current_stage_name(),
        decision=StepDecision.APPROVED,
        actor=actor,
        decided_at=now,
        opinion=opinion.strip(),
        confidentiality=confidentiality,
    )
    if position + 1 < len(item.review_plan):
        item.review_position = position + 1
        item.current_action = item.review_plan[position + 1]["action"]
        item.save(update_fields=["review_position", "current_action", "updated_at"])
        audit.record("catalog.item_approve", item, actor=actor, changes={"stage": position + 1})
        rank.count_author_rank(item)
        return item
    item.status = ItemStatus.PUBLISHED
    item.published_at = now
    if not item.index_no:
        # In this transaction: a rollback of the publication leaves the counter untouched.
        item.index_no = allocate_index_no(item.organization, timezone.localdate(now).year)
    item.review_position = None
    item.current_action = ""
    item.save(
        update_fields=[
            "status",
            "published_at",
            "index_no",
            "review_position",
            "current_action",
            "updated_at",
        ]
    )
    audit.record("catalog.item_publish", item, actor=actor, changes={"index_no": item.index_no})
    search.enqueue(item.pk, SearchOp.UPSERT)
    return item


@transaction.atomic
def item_return(
    *, item: Item, actor: User, opinion: str, confidentiality: str = "", stage: str | None = None
) -> Item:
    """The current stage sends the item back to the drafter, with the reason."""
    _locked(item)
    _check(item, "return")
    _check_stage(item, stage)
    _check_reviewer(item, actor)
    if not opinion.strip():
        raise CatalogError("退回修改时必须填写审核意见。")
    ReviewStep.objects.create(
        item=item,
        round=item.review_round,
        position=item.review_position + 1,
        stage_name=item.current_stage_name(),
        decision=StepDecision.RETURNED,
        actor=actor,
        decided_at=timezone.now(),
        opinion=opinion.strip(),
        confidentiality=confidentiality,
    )
    stage = item.current_stage_name()
    item.status = ItemStatus.DRAFT
    item.review_position = None
    item.current_action = ""
    item.save(update_fields=["status", "review_position", "current_action", "updated_at"])
    audit.record("catalog.item_return", item, actor=actor, changes={"stage": stage})
    search.enqueue(item.pk, SearchOp.UPSERT)
    return item


# -- after publication ------------------------------------------------------------------------


@transaction.atomic
def item_withdraw(*, item: Item, actor: User, reason: str) -> Item:
    """Take a published item down; its page then says when and why. The 索引号 stays used."""
    _begin(item, "withdraw", actor, Action.CATALOG_WITHDRAW, "您没有权限撤回该信息")
    if not within_division(actor, item):
        raise PermissionDenied("您只能撤回本处室拟稿的信息。")
    reason = reason.strip()
    if not reason:
        raise CatalogError("撤回已发布的信息必须说明原因。")
    item.status = ItemStatus.WITHDRAWN
    item.withdrawn_at = timezone.now()
    item.withdrawn_reason = reason[:300]
    item.withdrawn_by = actor
    item.save(
        update_fields=["status", "withdrawn_at", "withdrawn_reason", "withdrawn_by", "updated_at"]
    )
    audit.record("catalog.item_withdraw", item, actor=actor, changes={"reason": reason})
    # Out of the public search; still found by the staff, as withdrawn.
    search.enqueue(item.pk, SearchOp.UPSERT)
    return item


@transaction.atomic
def item_set_validity(
    *, item: Item, actor: User, validity: str, changed_on: date | None = None, seen: str = ""
) -> Item:
    """Mark a published document 有效 / 失效 / 废止 from a date; the page shows a banner.
    `seen`: the version the form was shown with (see `check_seen`)."""
    _begin(item, "set_validity", actor, Action.CATALOG_WITHDRAW, "您没有权限变更该信息的有效性")
    if not within_division(actor, item):
        raise PermissionDenied("您只能变更本处室拟稿的信息的有效性。")
    check_seen(item, seen)
    try:
        validity = Validity(validity)
    except ValueError:
        raise CatalogError("请选择有效的有效性。") from None
    if validity == item.validity:
        raise CatalogError(f"该信息已经是“{validity.label}”。")
    today = timezone.localdate()
    changed_on = changed_on or today
    if changed_on > today:
        raise CatalogError("有效性变更日期不能晚于今天。")
    published_on = timezone.localdate(item.published_at) if item.published_at else item.written_on
    if changed_on < published_on:
        raise CatalogError(
            "有效性变更日期不能早于发布日期"
            f"（{published_on.year}年{published_on.month}月{published_on.day}日）。"
        )
    before = {"validity": item.validity, "validity_changed_on": item.validity_changed_on}
    item.validity = validity
    item.validity_changed_on = changed_on
    item.save(update_fields=["validity", "validity_changed_on", "updated_at"])
    audit.record(
        "catalog.item_set_validity",
        item,
        actor=actor,
        changes=audit.diff(before, {"validity": validity, "validity_changed_on": changed_on}),
    )
    search.enqueue(item.pk, SearchOp.UPSERT)
    return item


# -- 公开指南 ---------------------------------------------------------------------------------


@transaction.atomic
def guide_save(*, organization: Organization, actor: User, body: str) -> GuidePage:
    if not can(actor, Action.CATALOG_EDIT_GUIDE, organization):
        raise PermissionDenied("您没有权限编辑公开指南")
    body = body.strip()
    if not body:
        raise CatalogError("公开指南正文不能为空。")
    page, created = GuidePage.objects.get_or_create(
        organization=organization, defaults={"body": body, "updated_by": actor}
    )
    if not created:
        page.body = body
        page.updated_by = actor
        page.save()
    audit.record("catalog.guide_save", page, actor=actor, changes={"length": len(body)})
    return page


# -- configuration: review chain and vocabularies --------------------------------------------

MAX_STAGES = 6


@transaction.atomic
def review_chain_save(
    *, organization: Organization, actor: User, stages: list[tuple[str, str]]
) -> list[ReviewStage]:
    """Replace the organization's own review chain. Reviews under way keep the chain they were
    submitted with (it is copied onto the item)."""
    if not can(actor, Action.CATALOG_EDIT_GUIDE, organization):
        raise PermissionDenied("您没有权限设置该机构的审核流程")
    cleaned = []
    for name, action in stages:
        name = (name or "").strip()
        if not name:
            raise CatalogError("每个审核环节都要填写名称。")
        if len(name) > 40:
            raise CatalogError(f"环节名称“{name[:10]}…”过长，请不超过 40 个字。")
        if action not in ReviewAction.values:
            raise CatalogError(
                f"环节“{name}”所需权限无效，只能是处室负责人审核、法制审核或分管领导签发。"
            )
        cleaned.append((name, action))
    if not cleaned:
        raise CatalogError("审核流程至少要有一个环节（先审查、后公开）。")
    if len(cleaned) > MAX_STAGES:
        raise CatalogError(f"审核流程最多 {MAX_STAGES} 个环节。")
    _, before = configured_chain(organization)
    ReviewStage.objects.filter(organization=organization).delete()
    rows = [
        ReviewStage.objects.create(
            organization=organization, position=position, name=name, action=action
        )
        for position, (name, action) in enumerate(cleaned, start=1)
    ]
    audit.record(
        "catalog.review_chain_save",
        organization,
        actor=actor,
        changes={
            "before": [f"{s['name']}（{s['action']}）" for s in before],
            "after": [f"{name}（{action}）" for name, action in cleaned],
        },
    )
    return rows


@transaction.atomic
def review_chain_reset(*, organization: Organization, actor: User) -> None:
    """Drop the organization's own chain: it then follows its parent's or the default one."""
    if not can(actor, Action.CATALOG_EDIT_GUIDE, organization):
        raise PermissionDenied("您没有权限设置该机构的审核流程")
    deleted, _ = ReviewStage.objects.filter(organization=organization).delete()
    if not deleted:
        raise CatalogError("该机构没有单独设置审核流程。")
    audit.record("catalog.review_chain_reset", organization, actor=actor, changes={})


def can_edit_vocabularies(user: User) -> bool:
    """Topics and categories are shared by every organization: only someone who may edit the
    guide of every top-level organization (a leader of the root agency, an administrator)."""
    roots = Organization.objects.filter(parent__isnull=True)
    return can(user, Action.CATALOG_EDIT_GUIDE) and all(
        can(user, Action.CATALOG_EDIT_GUIDE, org) for org in roots
    )


_VOCABULARIES = {"topic": Topic, "category": Category}


def _vocabulary_model(kind: str):
    if kind not in _VOCABULARIES:
        raise CatalogError("未知的分类。")
    return _VOCABULARIES[kind]


def _clean_term(model, name: str, code: str | None, pk: int | None = None) -> tuple[str, str]:
    name = (name or "").strip()
    if not name or len(name) > 40:
        raise CatalogError("名称不能为空，且不超过 40 个字。")
    if model.objects.filter(name=name).exclude(pk=pk).exists():
        raise CatalogError(f"已有名为“{name}”的{model._meta.verbose_name}。")
    if code is not None:
        code = code.strip().lower()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", code):
            raise CatalogError(
                "代码只能由小写字母、数字和连字符组成（用于网址），不超过 40 个字符。"
            )
        if model.objects.filter(code=code).exclude(pk=pk).exists():
            raise CatalogError(f"代码“{code}”已被使用。")
    return name, code


def _save_term(model, term, **kwargs) -> None:
    """Save `term`; a name or code that another change took since `_clean_term` looked (two
    people at once) is refused like one taken before, not left to fail the request."""
    try:
        with transaction.atomic():
            term.save(**kwargs)
    except IntegrityError:
        _clean_term(model, term.name, term.code, pk=term.pk)  # raises the precise refusal
        raise


def _require_vocabularies(actor: User) -> None:
    if not can_edit_vocabularies(actor):
        raise PermissionDenied("您没有权限维护主题分类和信息类别")


def _locked_term(kind: str, actor: User, pk: int):
    """(the vocabulary's model, its term `pk` locked for the change) once `actor` may edit it."""
    _require_vocabularies(actor)
    model = _vocabulary_model(kind)
    term = model.objects.select_for_update().filter(pk=pk).first()
    if term is None:
        raise CatalogError("该分类不存在。")
    return model, term


@transaction.atomic
def vocabulary_add(*, kind: str, actor: User, name: str, code: str):
    _require_vocabularies(actor)
    model = _vocabulary_model(kind)
    name, code = _clean_term(model, name, code)
    last = model.objects.order_by("-sort_order").values_list("sort_order", flat=True).first()
    term = model(name=name, code=code, sort_order=(last or 0) + 1)
    _save_term(model, term)
    audit.record(f"catalog.{kind}_add", term, actor=actor, changes={"name": name, "code": code})
    return term


@transaction.atomic
def vocabulary_rename(*, kind: str, actor: User, pk: int, name: str):
    """A new name for a term; items keep it (they refer to it, not to its name)."""
    model, term = _locked_term(kind, actor, pk)
    name, _ = _clean_term(model, name, None, pk=term.pk)
    before = term.name
    term.name = name
    _save_term(model, term, update_fields=["name"])
    audit.record(f"catalog.{kind}_rename", term, actor=actor, changes={"name": [before, name]})
    return term


@transaction.atomic
def vocabulary_set_active(*, kind: str, actor: User, pk: int, active: bool):
    """Deactivated terms are no longer offered for new items; existing items keep them."""
    model, term = _locked_term(kind, actor, pk)
    if active == term.is_active:
        raise CatalogError(f"“{term.name}”已经{'启用' if active else '停用'}。")
    if not active and model.objects.filter(is_active=True).count() == 1:
        raise CatalogError("至少要保留一个启用的分类。")
    term.is_active = active
    term.save(update_fields=["is_active"])
    audit.record(f"catalog.{kind}_set_active", term, actor=actor, changes={"is_active": active})
    return term


@transaction.atomic
def vocabulary_delete(*, kind: str, actor: User, pk: int) -> None:
    """Only a term no item has ever used may be deleted; a used one can be deactivated."""
    _, term = _locked_term(kind, actor, pk)
    if Item.objects.filter(**{kind: term}).exists():
        raise CatalogError(f"“{term.name}”已有信息使用，不能删除，可以停用。")
    audit.record(f"catalog.{kind}_delete", term, actor=actor, changes={"name": term.name})
    term.delete()
