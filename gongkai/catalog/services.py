"""State changes of catalog items. Each one is atomic, audited, and checked against TRANSITIONS.

先审查、后公开: a draft is submitted, passes every stage of its review chain, and is published
only when the last stage approves. A return at any stage sends it back to the drafter.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, can

from . import search, uploads
from .models import (
    PUBLISHABLE_ANSWERS,
    Attachment,
    Confidentiality,
    GuidePage,
    IndexNumberCounter,
    Item,
    ItemKind,
    ItemStatus,
    ReviewStage,
    ReviewStep,
    SearchOp,
    StepDecision,
    Validity,
)
from .permissions import can_review

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
    ("处室负责人审核", Action.CATALOG_REVIEW_DIVISION),
    ("法制审核", Action.CATALOG_REVIEW_LEGAL),
    ("分管领导签发", Action.CATALOG_REVIEW_LEADER),
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


def _check(item: Item, verb: str) -> None:
    if item.status not in TRANSITIONS[verb]:
        raise CatalogError(
            f"该信息当前状态为“{item.get_status_display()}”，不能{_VERB_LABELS[verb]}。"
        )


def _locked(item: Item) -> Item:
    """Re-read the item under a row lock so two reviewers cannot decide the same stage twice."""
    fresh = Item.objects.select_for_update().get(pk=item.pk)
    for field in ("status", "review_plan", "review_position", "current_action", "validity"):
        setattr(item, field, getattr(fresh, field))
    return item


# -- 索引号 -----------------------------------------------------------------------------------


def allocate_index_no(organization: Organization, year: int) -> str:
    """The next 索引号 of `organization` in `year`; a number once handed out is never reused.

    The counter row is incremented with a conditional UPDATE, which holds its row lock until the
    surrounding transaction ends, so concurrent creators get consecutive, distinct serials.
    """
    with transaction.atomic():
        updated = IndexNumberCounter.objects.filter(organization=organization, year=year).update(
            last_serial=F("last_serial") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    IndexNumberCounter.objects.create(
                        organization=organization, year=year, last_serial=1
                    )
            except IntegrityError:
                # Another transaction created the row first: take the next number after its.
                IndexNumberCounter.objects.filter(organization=organization, year=year).update(
                    last_serial=F("last_serial") + 1
                )
        serial = IndexNumberCounter.objects.get(organization=organization, year=year).last_serial
    template = getattr(settings, "GONGKAI_INDEX_NUMBER_FORMAT", INDEX_NUMBER_FORMAT_DEFAULT)
    return template.format(org_code=organization.code, year=year, serial=serial)


# -- drafting ---------------------------------------------------------------------------------


def _validate_links(organization: Organization, data: dict) -> None:
    target = data.get("interprets")
    if target is None:
        return
    if data.get("kind") != ItemKind.INTERPRETATION:
        raise CatalogError("只有体裁为“政策解读”的信息才能关联所解读的规范性文件。")
    if target.kind != ItemKind.NORMATIVE:
        raise CatalogError("所关联的信息不是规范性文件。")


@transaction.atomic
def item_create(*, actor: User, organization: Organization, data: dict) -> Item:
    """A new draft with its 索引号 allocated now (the number stays with it for good)."""
    if not can(actor, Action.CATALOG_DRAFT, organization):
        raise PermissionDenied(f"您没有权限为“{organization.name}”起草主动公开信息")
    _validate_links(organization, data)
    item = Item(organization=organization, created_by=actor, status=ItemStatus.DRAFT)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    item.index_no = allocate_index_no(organization, timezone.localdate().year)
    item.full_clean()
    item.save()
    audit.record("catalog.item_create", item, actor=actor, changes={"index_no": item.index_no})
    return item


@transaction.atomic
def item_update(*, item: Item, actor: User, data: dict) -> Item:
    _locked(item)
    _check(item, "edit")
    if not can(actor, Action.CATALOG_DRAFT, item.organization_id):
        raise PermissionDenied("您没有权限修改该信息")
    _validate_links(item.organization, {**{"kind": item.kind}, **data})
    stored = Item.objects.get(pk=item.pk)
    before = {f: getattr(stored, f) for f in data if f in EDITABLE_FIELDS}
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    item.full_clean()
    item.save()
    after = {f: getattr(item, f) for f in before}
    audit.record("catalog.item_update", item, actor=actor, changes=audit.diff(before, after))
    return item


@transaction.atomic
def attachment_add(*, item: Item, actor: User, upload) -> Attachment:
    """Attach a checked file (type by content, size within the limit) to a draft."""
    _locked(item)
    _check(item, "attach")
    if not can(actor, Action.CATALOG_DRAFT, item.organization_id):
        raise PermissionDenied("您没有权限修改该信息")
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
    audit.record("catalog.attachment_add", item, actor=actor, changes={"file": checked.name})
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: User) -> None:
    item = attachment.item
    _locked(item)
    _check(item, "attach")
    if not can(actor, Action.CATALOG_DRAFT, item.organization_id):
        raise PermissionDenied("您没有权限修改该信息")
    name = attachment.original_name
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))
    audit.record("catalog.attachment_remove", item, actor=actor, changes={"file": name})


# -- review -----------------------------------------------------------------------------------


def review_chain_for(organization: Organization) -> list[dict]:
    """The configured stages for the organization (its own rows, else the default rows)."""
    for org_id in [organization.pk, *[a.pk for a in organization.ancestors()], None]:
        stages = list(ReviewStage.objects.filter(organization_id=org_id).values("name", "action"))
        if stages:
            return stages
    return [{"name": name, "action": action.value} for name, action in DEFAULT_CHAIN]


@transaction.atomic
def item_submit(*, item: Item, actor: User) -> Item:
    """The drafter sends the draft into review; the chain is fixed for this round now."""
    _locked(item)
    _check(item, "submit")
    if not can(actor, Action.CATALOG_DRAFT, item.organization_id):
        raise PermissionDenied("您没有权限提交该信息")
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
    now = timezone.now()
    round_no = item.review_steps.filter(decision=StepDecision.SUBMITTED).count() + 1
    item.review_plan = review_chain_for(item.organization)
    item.review_position = 0
    item.current_action = item.review_plan[0]["action"]
    item.status = ItemStatus.IN_REVIEW
    item.submitted_at = now
    item.save(
        update_fields=[
            "review_plan",
            "review_position",
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
    audit.record("catalog.item_submit", item, actor=actor, changes={"round": round_no})
    return item


def _current_round(item: Item) -> int:
    return item.review_steps.filter(decision=StepDecision.SUBMITTED).count()


def _check_reviewer(item: Item, actor: User) -> None:
    if item.created_by_id == actor.pk:
        raise CatalogError("不能审核自己起草的信息，请由其他审核人办理。")
    if not can_review(actor, item):
        raise PermissionDenied(f"您没有权限办理“{item.current_stage_name()}”环节")


@transaction.atomic
def item_approve(*, item: Item, actor: User, confidentiality: str, opinion: str = "") -> Item:
    """The current stage agrees. After the last stage the item is published (and indexed)."""
    _locked(item)
    _check(item, "approve")
    _check_reviewer(item, actor)
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
        round=_current_round(item),
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
        return item
    item.status = ItemStatus.PUBLISHED
    item.published_at = now
    item.review_position = None
    item.current_action = ""
    item.save(
        update_fields=[
            "status",
            "published_at",
            "review_position",
            "current_action",
            "updated_at",
        ]
    )
    audit.record("catalog.item_publish", item, actor=actor, changes={"index_no": item.index_no})
    search.enqueue(item.pk, SearchOp.UPSERT)
    return item


@transaction.atomic
def item_return(*, item: Item, actor: User, opinion: str, confidentiality: str = "") -> Item:
    """The current stage sends the item back to the drafter, with the reason."""
    _locked(item)
    _check(item, "return")
    _check_reviewer(item, actor)
    if not opinion.strip():
        raise CatalogError("退回修改时必须填写审核意见。")
    ReviewStep.objects.create(
        item=item,
        round=_current_round(item),
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
    return item


# -- after publication ------------------------------------------------------------------------


@transaction.atomic
def item_withdraw(*, item: Item, actor: User, reason: str) -> Item:
    """Take a published item down; its page then says when and why. The 索引号 stays used."""
    _locked(item)
    _check(item, "withdraw")
    if not can(actor, Action.CATALOG_WITHDRAW, item.organization_id):
        raise PermissionDenied("您没有权限撤回该信息")
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
    search.enqueue(item.pk, SearchOp.DELETE)
    return item


@transaction.atomic
def item_set_validity(
    *, item: Item, actor: User, validity: str, changed_on: date | None = None
) -> Item:
    """Mark a published document 有效 / 失效 / 废止 from a date; the page shows a banner."""
    _locked(item)
    _check(item, "set_validity")
    if not (
        can(actor, Action.CATALOG_DRAFT, item.organization_id)
        or can(actor, Action.CATALOG_WITHDRAW, item.organization_id)
    ):
        raise PermissionDenied("您没有权限变更该信息的有效性")
    validity = Validity(validity)
    if validity == item.validity:
        raise CatalogError(f"该信息已经是“{validity.label}”。")
    changed_on = changed_on or timezone.localdate()
    if item.published_at and changed_on < item.written_on:
        raise CatalogError("有效性变更日期不能早于成文日期。")
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
