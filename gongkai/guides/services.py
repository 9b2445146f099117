"""Writing service guides and powers: the structure here, the item through catalog's services.

Every change goes through the catalog's own transition for the item's state (a draft is edited,
a published entry is corrected with a reason), inside one transaction: when the catalog refuses
(wrong state, no right), nothing of the structure is written either. The item's body is the
structure written out as text (compose_*), so search and the reviewers see every part of it.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.catalog import corrections
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Item, ItemStatus, Topic
from gongkai.lib import filetypes

from .models import (
    GUIDE_TOPIC_CODE,
    POWER_TOPIC_CODE,
    FlowchartKind,
    GuideMaterial,
    Power,
    PowerType,
    ServiceGuide,
)

FLOWCHART_MAX_BYTES = 5 * 1024 * 1024
MAX_MATERIALS = 60
GUIDE_FIELDS = (
    "conditions",
    "place",
    "hours",
    "process",
    "flowchart_alt",
    "apply_ways",
    "legal_basis",
    "time_limit",
    "fees",
    "contact",
)
POWER_FIELDS = ("power_type", "code", "basis", "division", "responsibilities", "accountability")
# The item's own fields a guide or power form edits; its topic is the column's, its body ours.
ITEM_FIELDS = ("title", "written_on", "category", "keywords", "summary")


class GuideError(catalog.CatalogError):
    """A request the rules refuse; the message is shown to the user as it is."""


@dataclass(frozen=True)
class Material:
    name: str
    requirement: str = ""


def parse_materials(text: str) -> list[Material]:
    """One material a line, its requirement after a ｜ (or |): "身份证｜原件1份、复印件1份"."""
    materials = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, _, requirement = line.replace("|", "｜").partition("｜")
        name, requirement = name.strip(), requirement.strip()
        if not name:
            raise GuideError(f"申请材料第 {number} 行没有材料名称。")
        if len(name) > 200 or len(requirement) > 200:
            raise GuideError(f"申请材料第 {number} 行过长（名称和要求各不超过 200 个字）。")
        materials.append(Material(name, requirement))
    if not materials:
        raise GuideError("请至少填写一项申请材料。")
    if len(materials) > MAX_MATERIALS:
        raise GuideError(f"申请材料最多 {MAX_MATERIALS} 项。")
    return materials


def materials_text(guide: ServiceGuide) -> str:
    """The materials as the form's textarea shows them (the inverse of parse_materials)."""
    return "\n".join(
        f"{m.name}｜{m.requirement}" if m.requirement else m.name for m in guide.materials.all()
    )


# -- the item's body, written out from the structure -------------------------------------------


def _numbered(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))


def compose_guide_body(guide: ServiceGuide, materials: list[Material]) -> str:
    listed = "\n".join(
        f"{n}. {m.name}" + (f"（{m.requirement}）" if m.requirement else "")
        for n, m in enumerate(materials, start=1)
    )
    sections = [
        ("一、办理条件", _numbered(guide.conditions)),
        ("二、申请材料", listed),
        ("三、办理地点", guide.place),
        ("四、办理时间", guide.hours),
        ("五、办理流程", _numbered(guide.process)),
        ("六、申请方式", _numbered(guide.apply_ways)),
        ("七、法律依据", _numbered(guide.legal_basis)),
        ("八、办理时限", guide.time_limit),
        ("九、收费标准", guide.fees),
        ("十、咨询电话", guide.contact),
    ]
    if guide.flowchart_alt:
        sections.append(("附：办理流程图", guide.flowchart_alt))
    return "\n\n".join(f"{head}\n{text}" for head, text in sections)


def compose_power_body(power: Power) -> str:
    sections = [
        ("一、权力类型", PowerType(power.power_type).label),
        ("二、设定依据", _numbered(power.basis)),
        ("三、责任处室", power.division),
        ("四、责任事项", _numbered(power.responsibilities)),
        ("五、追责情形", _numbered(power.accountability)),
    ]
    if power.code:
        sections.insert(0, ("权力编码", power.code))
    return "\n\n".join(f"{head}\n{text}" for head, text in sections)


# -- shared steps --------------------------------------------------------------------------


def column_topic(code: str) -> Topic:
    topic = Topic.objects.filter(code=code).first()
    if topic is None:
        # Migration 0002 creates it; an administrator may have deleted it since.
        raise GuideError("“办事指南”或“权责清单”栏目不存在，请联系管理员在主题分类中恢复。")
    return topic


def _set_fields(record, fields: tuple[str, ...], data: dict) -> None:
    for field in fields:
        if field in data:
            value = data[field]
            setattr(record, field, value.strip() if isinstance(value, str) else value)


def _full_clean(record, *, exclude=("item",)) -> None:
    from django.core.exceptions import ValidationError

    try:
        record.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        messages = []
        for field, errors in exc.message_dict.items():
            label = record._meta.get_field(field).verbose_name if field != "__all__" else ""
            messages.extend(f"{label}：{e}" if label else e for e in errors)
        raise GuideError(" ".join(messages)) from None


def _write_item(*, item: Item | None, actor: User, organization, data: dict, reason: str) -> Item:
    """Create the item or edit its draft. A published entry goes through `_propose` instead."""
    if item is None and organization is None:
        raise GuideError("请选择发布机构。")
    if item is None:
        return catalog.item_create(actor=actor, organization=organization, data=data)
    return catalog.item_update(item=item, actor=actor, data=data)


def is_published(record) -> bool:
    return record.pk is not None and record.item.status == ItemStatus.PUBLISHED


def _propose(record, *, actor: User, data: dict, reason: str, structure: dict) -> None:
    """Correct a published guide or power the way every published item is corrected
    (先审查、后公开): the item's revision goes through review while the published entry stays
    as it is; the proposed structure waits in `pending` until the revision takes effect."""
    data = {k: v for k, v in data.items() if k != "topic"}
    corrections.revision_propose(item=record.item, actor=actor, data=data, reason=reason)
    type(record).objects.filter(pk=record.pk).update(pending=structure)


def _structure(record, fields: tuple[str, ...], materials: list[Material] | None = None) -> dict:
    values = {f: getattr(record, f) for f in fields}
    if materials is not None:
        values["materials"] = [[m.name, m.requirement] for m in materials]
    return values


def apply_pending(record) -> None:
    """The reviewed correction takes effect: the proposed structure replaces the published one."""
    pending = record.pending or {}
    if not pending:
        return
    materials = pending.pop("materials", None)
    for field, value in pending.items():
        setattr(record, field, value)
    record.pending = {}
    record.save()
    if materials is not None:
        record.materials.all().delete()
        GuideMaterial.objects.bulk_create(
            GuideMaterial(guide=record, position=n, name=name, requirement=requirement)
            for n, (name, requirement) in enumerate(materials, start=1)
        )


def check_flowchart(upload) -> str:
    """The kind of an uploaded flowchart image (by content, agreeing with its name)."""
    name = (upload.name or "").rsplit("/", 1)[-1]
    if upload.size == 0:
        raise GuideError(f"流程图“{name}”是空文件。")
    if upload.size > FLOWCHART_MAX_BYTES:
        raise GuideError(f"流程图“{name}”超过 {FLOWCHART_MAX_BYTES // 1048576} MB 的上限。")
    claimed = filetypes.kind_of_name(name)
    if claimed not in FlowchartKind.values:
        raise GuideError(f"流程图“{name}”只能是 PNG、JPEG 或 GIF 图片。")
    if filetypes.sniff(upload) != claimed:
        raise GuideError(f"流程图“{name}”的内容与扩展名不符，不是有效的图片，请检查后重新上传。")
    return claimed


def _store_flowchart(guide: ServiceGuide, upload) -> None:
    kind = check_flowchart(upload)
    old = guide.flowchart.name if guide.flowchart else ""
    # The stored name is ours; the uploader's file name never reaches a path or a page.
    guide.flowchart.save(
        f"{guide.item_id}-{timezone.now():%Y%m%d%H%M%S%f}.{kind}", upload, save=False
    )
    guide.flowchart_kind = kind
    if old:
        storage = guide.flowchart.storage
        transaction.on_commit(lambda: storage.delete(old))


# -- 办事指南 ---------------------------------------------------------------------------------


@transaction.atomic
def service_guide_save(
    *,
    actor: User,
    guide: ServiceGuide | None = None,
    organization: Organization | None = None,
    item_data: dict,
    guide_data: dict,
    materials: str,
    flowchart=None,
    reason: str = "",
) -> ServiceGuide:
    """Create a guide (a draft item of the 办事指南 column) or change one: a draft is edited,
    a published guide's correction is proposed for review (reason required; see `_propose`).
    """
    listed = parse_materials(materials)
    record = guide or ServiceGuide()
    published = guide is not None and is_published(guide)
    _set_fields(record, GUIDE_FIELDS, guide_data)
    if flowchart is not None:
        check_flowchart(flowchart)
        if published:
            raise GuideError(
                "已发布的办事指南不能直接更换流程图：请撤回后修改、重新提交审核。"
                "其他内容的更正经审核后生效。"
            )
    if (flowchart is not None or record.flowchart) and not record.flowchart_alt:
        raise GuideError("上传流程图时请填写流程图文字说明，供无法看到图片的读者使用。")
    _full_clean(record, exclude=("item", "flowchart", "flowchart_kind"))
    data = {f: item_data[f] for f in ITEM_FIELDS if f in item_data}
    data["topic"] = column_topic(GUIDE_TOPIC_CODE)
    data["body"] = compose_guide_body(record, listed)
    if published:
        _propose(
            guide,
            actor=actor,
            data=data,
            reason=reason,
            structure=_structure(record, GUIDE_FIELDS, listed),
        )
        audit.record(
            "guides.service_guide_correct",
            guide.item,
            actor=actor,
            changes={"materials": len(listed), "reason": reason},
        )
        return ServiceGuide.objects.get(pk=guide.pk)
    item = _write_item(
        item=guide.item if guide else None,
        actor=actor,
        organization=organization,
        data=data,
        reason=reason,
    )
    record.item = item
    if flowchart is not None:
        _store_flowchart(record, flowchart)
    record.save()
    record.materials.all().delete()
    GuideMaterial.objects.bulk_create(
        GuideMaterial(guide=record, position=n, name=m.name, requirement=m.requirement)
        for n, m in enumerate(listed, start=1)
    )
    audit.record(
        "guides.service_guide_create" if guide is None else "guides.service_guide_update",
        item,
        actor=actor,
        changes={"materials": len(listed), "flowchart": bool(record.flowchart)},
    )
    return record


# -- 权责清单 ---------------------------------------------------------------------------------


@transaction.atomic
def power_save(
    *,
    actor: User,
    power: Power | None = None,
    organization: Organization | None = None,
    item_data: dict,
    power_data: dict,
    reason: str = "",
) -> Power:
    """Create an entry of the 权责清单 (a draft item) or change one, as service_guide_save."""
    record = power or Power()
    published = power is not None and is_published(power)
    _set_fields(record, POWER_FIELDS, power_data)
    if record.power_type not in PowerType.values:
        raise GuideError("请选择权力类型（行政许可、行政处罚、行政强制等）。")
    _full_clean(record)
    data = {f: item_data[f] for f in ITEM_FIELDS if f in item_data}
    data["topic"] = column_topic(POWER_TOPIC_CODE)
    data["body"] = compose_power_body(record)
    if published:
        _propose(
            power, actor=actor, data=data, reason=reason, structure=_structure(record, POWER_FIELDS)
        )
        audit.record("guides.power_correct", power.item, actor=actor, changes={"reason": reason})
        return Power.objects.get(pk=power.pk)
    item = _write_item(
        item=power.item if power else None,
        actor=actor,
        organization=organization,
        data=data,
        reason=reason,
    )
    record.item = item
    record.save()
    audit.record(
        "guides.power_create" if power is None else "guides.power_update",
        item,
        actor=actor,
        changes={"power_type": record.power_type},
    )
    return record
