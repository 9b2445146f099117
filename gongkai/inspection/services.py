"""Checking catalog items before and after publication, and the reviewer's decisions.

`item_inspect` runs when an item enters review (and again after each resubmission): it checks
the title, summary, body and the attachments' text, records findings, marks findings no longer
present as 已修改, and makes the public copies of office attachments without their hidden
metadata. Open or confirmed findings block approval (`approval_problem`).
"""

import hashlib
from collections import Counter
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.permissions import Action, require

from . import extract, metadata
from .checker import Checker
from .models import BLOCKING, CleanedAttachment, Finding, FindingStatus, Term

STRIPPED_KINDS = ("docx", "xlsx", "pdf")


class InspectionError(Exception):
    """A refusal with a Chinese message for the person."""


def _fingerprint(kind: str, place: str, found: str, nth: int) -> str:
    return hashlib.sha256(f"{kind}|{place}|{found}|{nth}".encode()).hexdigest()


def _texts(item):
    """(place, text) pairs of everything published with the item."""
    yield "标题", item.title
    if item.summary:
        yield "内容概述", item.summary
    yield "正文", item.body
    for attachment in item.attachments.all():
        place = f"附件“{attachment.original_name}”"[:230]
        try:
            with attachment.file.open("rb") as handle:
                data = handle.read()
            if attachment.kind in STRIPPED_KINDS:
                yield place, extract.text_of(attachment.original_name, data)
        except (extract.Unreadable, OSError):
            continue  # an image or a damaged file: nothing to read; the upload check refused junk


def item_inspect(*, item, rescan: bool = False) -> list[Finding]:
    """Check `item` now; returns the findings that block approval."""
    checker = Checker.for_organization(item.organization)
    seen: dict[str, tuple] = {}
    for place, text in _texts(item):
        counts: Counter = Counter()
        for hit in checker.check(text, on=item.written_on):
            counts[(hit.kind, hit.found)] += 1
            key = _fingerprint(hit.kind, place, hit.found, counts[(hit.kind, hit.found)])
            seen[key] = (place, hit)
    with transaction.atomic():
        existing = {f.fingerprint: f for f in Finding.objects.select_for_update().filter(item=item)}
        for key, (place, hit) in seen.items():
            finding = existing.get(key)
            if finding is None:
                Finding.objects.create(
                    item=item,
                    kind=hit.kind,
                    place=place,
                    found=hit.found[:100],
                    suggestion=hit.suggestion[:200],
                    context=hit.context[:200],
                    fingerprint=key,
                    from_rescan=rescan,
                )
            elif finding.status == FindingStatus.RESOLVED:  # it came back
                finding.status = FindingStatus.OPEN
                finding.save(update_fields=["status"])
        gone = [f.pk for k, f in existing.items() if k not in seen and f.status in BLOCKING]
        Finding.objects.filter(pk__in=gone).update(status=FindingStatus.RESOLVED)
        if not rescan:
            _clean_attachments(item)
    return list(Finding.objects.filter(item=item).blocking())


def _clean_attachments(item) -> None:
    for attachment in item.attachments.filter(kind__in=STRIPPED_KINDS, cleaned__isnull=True):
        try:
            with attachment.file.open("rb") as handle:
                cleaned, removed = metadata.strip(handle.read(), attachment.kind)
        except Exception:  # a file no reader opens is published as uploaded, and said so
            CleanedAttachment.objects.create(
                attachment=attachment,
                file=attachment.file.name,
                removed=["（文件无法解析，未处理）"],
            )
            continue
        record = CleanedAttachment(attachment=attachment, removed=removed)
        if removed:
            name = PurePath(attachment.file.name).name
            record.file.save(name, ContentFile(cleaned), save=False)
        else:
            record.file.name = attachment.file.name
        record.save()


REVISION_PLACE = "更正后的"
REVISION_FIELDS = {"title": "标题", "summary": "内容概述", "body": "正文"}


def revision_inspect(*, revision) -> list[Finding]:
    """Check the text a correction of a published item proposes (it enters review too): its
    findings are placed "更正后的正文" etc. and block the correction's approval."""
    item = revision.item
    checker = Checker.for_organization(item.organization)
    seen: dict[str, tuple] = {}
    for field, label in REVISION_FIELDS.items():
        if field not in revision.proposed:
            continue
        place = f"{REVISION_PLACE}{label}"
        counts: Counter = Counter()
        for hit in checker.check(str(revision.proposed[field][1] or ""), on=item.written_on):
            counts[(hit.kind, hit.found)] += 1
            key = _fingerprint(hit.kind, place, hit.found, counts[(hit.kind, hit.found)])
            seen[key] = (place, hit)
    with transaction.atomic():
        existing = {
            f.fingerprint: f
            for f in Finding.objects.select_for_update().filter(
                item=item, place__startswith=REVISION_PLACE
            )
        }
        for key, (place, hit) in seen.items():
            finding = existing.get(key)
            if finding is None:
                Finding.objects.create(
                    item=item,
                    kind=hit.kind,
                    place=place,
                    found=hit.found[:100],
                    suggestion=hit.suggestion[:200],
                    context=hit.context[:200],
                    fingerprint=key,
                )
            elif finding.status == FindingStatus.RESOLVED:
                finding.status = FindingStatus.OPEN
                finding.save(update_fields=["status"])
        gone = [f.pk for k, f in existing.items() if k not in seen and f.status in BLOCKING]
        Finding.objects.filter(pk__in=gone).update(status=FindingStatus.RESOLVED)
    return list(Finding.objects.filter(item=item, place__startswith=REVISION_PLACE).blocking())


def revision_approval_problem(revision) -> str | None:
    count = (
        Finding.objects.filter(item=revision.item, place__startswith=REVISION_PLACE)
        .blocking()
        .count()
    )
    if count:
        return (
            f"更正内容的检查有 {count} 项发现尚未排除，请逐项确认或排除；确认有误的应退回该更正。"
        )
    return None


def approval_problem(item) -> str | None:
    """Why `item` cannot be approved yet, in Chinese, or None."""
    count = Finding.objects.filter(item=item).blocking().count()
    if count:
        return (
            f"内容检查有 {count} 项发现尚未排除（含确认有误的），"
            "请逐项确认或排除；确认有误的应退回修改。"
        )
    return None


def may_decide(user, item) -> bool:
    """The reviewer of the current stage; after publication, whoever may correct the item."""
    from gongkai.catalog.models import ItemStatus
    from gongkai.catalog.permissions import can_review, can_withdraw

    if item.status == ItemStatus.IN_REVIEW:
        return can_review(user, item)
    return item.status == ItemStatus.PUBLISHED and can_withdraw(user, item)


@transaction.atomic
def finding_decide(*, finding: Finding, actor, confirm: bool, reason: str) -> Finding:
    """A reviewer's decision: 确认有误 (it blocks; the item goes back) or 排除 (a false alarm, or
    a use that is right here — a historical document naming an old agency)."""
    finding = Finding.objects.select_for_update().select_related("item").get(pk=finding.pk)
    if not may_decide(actor, finding.item):
        raise InspectionError(
            "只有当前环节的审核人（已发布信息：可以更正或撤回该信息的负责人）可以处理内容检查发现。"
        )
    if finding.status == FindingStatus.RESOLVED:
        raise InspectionError("该发现已随修改消失，无需处理。")
    reason = reason.strip()
    if not reason:
        raise InspectionError("请填写处理理由。")
    before = finding.status
    finding.status = FindingStatus.CONFIRMED if confirm else FindingStatus.DISMISSED
    finding.decided_by, finding.decided_at, finding.reason = actor, timezone.now(), reason[:300]
    finding.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    audit.record(
        "inspection.finding_decide",
        finding.item,
        actor=actor,
        changes={
            "finding": str(finding),
            "finding_status": [FindingStatus(before).label, finding.get_status_display()],
            "reason": reason,
        },
    )
    return finding


@transaction.atomic
def term_add(*, actor, organization, data: dict) -> Term:
    require(actor, Action.CATALOG_EDIT_GUIDE, organization)
    text = data["text"].strip()
    if Term.objects.filter(organization=organization, kind=data["kind"], text=text).exists():
        raise InspectionError(f"“{text}”已在该类词条中。")
    term = Term.objects.create(
        organization=organization,
        kind=data["kind"],
        text=text,
        suggestion=data.get("suggestion", "").strip(),
        since=data.get("since"),
        note=data.get("note", "").strip(),
        created_by=actor,
    )
    audit.record("inspection.term_add", term, actor=actor, changes={"text": text})
    return term


@transaction.atomic
def term_delete(*, actor, term: Term) -> None:
    require(actor, Action.CATALOG_EDIT_GUIDE, term.organization)
    audit.record("inspection.term_delete", term, actor=actor, changes={"text": term.text})
    term.delete()


def rescan_published(*, stdout=None) -> dict:
    """Check every published item against the current lists (after an office adds a term, or a
    reform renames an agency). Safe to run twice: a finding already recorded is not repeated."""
    from gongkai.catalog.models import Item

    items = Item.objects.published().select_related("organization").order_by("pk")
    checked = new = 0
    for item in items.iterator(chunk_size=200):
        before = Finding.objects.filter(item=item).count()
        item_inspect(item=item, rescan=True)
        new += Finding.objects.filter(item=item).count() - before
        checked += 1
    return {"checked": checked, "new": new}
