"""The fixed list of fields a letter template may name, and their values for one case.

A template names a field as `{申请人}`; `{理由?}` marks it optional: a paragraph whose optional
fields are all empty is left out, while an empty required field stops the letter with the
field's name (it is never printed blank).
"""

from dataclasses import dataclass
from datetime import date

from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.lib import workdays
from gongkai.lib.exporters.document import chinese_date

from .models import LetterKind

K = LetterKind
ALL = frozenset(LetterKind)


@dataclass(frozen=True)
class Field:
    name: str
    help: str
    kinds: frozenset = ALL


FIELDS: dict[str, Field] = {
    f.name: f
    for f in [
        Field("申请人", "申请人姓名或名称"),
        Field("申请编号", "申请的登记编号"),
        Field("收到日期", "收到申请之日（第三十一条）"),
        Field("申请内容", "申请公开的政府信息的内容描述"),
        Field("文件名称或文号", "申请人填写的文件名称或文号"),
        Field("机关名称", "作出本文书的行政机关"),
        Field("受理机构", "政府信息公开工作机构名称"),
        Field("受理地址", "政府信息公开工作机构地址"),
        Field("联系电话", "政府信息公开工作机构咨询电话"),
        Field("复议机关", "行政复议机关（在“文书设置”中配置）"),
        Field("成文日期", "本文书的日期"),
        Field("答复期限", "答复期限（收到申请之日起20个工作日）", frozenset({K.RECEIPT})),
        Field("期限说明", "答复期限所在年度节假日安排尚未录入时的说明", frozenset({K.RECEIPT})),
        Field("补正事项", "一次性告知需要补正的事项", frozenset({K.CORRECTION})),
        Field("补正期限", "补正期限", frozenset({K.CORRECTION, K.REPLY})),
        Field("延期天数", "延长的工作日数", frozenset({K.EXTENSION})),
        Field("延期理由", "延期理由", frozenset({K.EXTENSION})),
        Field("延长后期限", "延长后的答复期限", frozenset({K.EXTENSION})),
        Field("批准人", "批准延期的负责人", frozenset({K.EXTENSION})),
        Field(
            "征求对象",
            "被征求意见的第三方或其他机关",
            frozenset({K.CONSULTATION, K.CONSULTATION_RECORD}),
        ),
        Field("征求意见日期", "发出征求意见函的日期", frozenset({K.CONSULTATION_RECORD})),
        Field("征求意见答复期限", "对方应当提出意见的期限", frozenset({K.CONSULTATION})),
        Field("征求意见结果", "对方的意见", frozenset({K.CONSULTATION_RECORD})),
        Field("转出机关", "转交申请的机关", frozenset({K.TRANSFER})),
        Field("转送机关", "接收转交申请的机关", frozenset({K.TRANSFER})),
        Field("转送理由", "转交理由", frozenset({K.TRANSFER})),
        Field("收费方式", "按件或按量计收", frozenset({K.FEE_NOTICE})),
        Field("收费金额", "应缴信息处理费（元）", frozenset({K.FEE_NOTICE})),
        Field("收费明细", "收费的计算过程", frozenset({K.FEE_NOTICE})),
        Field("缴费期限", "缴费的最后一日", frozenset({K.FEE_NOTICE})),
        Field("办理结果", "办理结果（全国统一年报表格的分类）", frozenset({K.REPLY})),
        Field("理由", "答复的理由（第三十六条、第三十七条）", frozenset({K.REPLY})),
        Field("法律依据", "答复的法律依据", frozenset({K.REPLY})),
        Field("提供内容", "向申请人提供的信息", frozenset({K.REPLY})),
        Field("获取方式", "获取信息的方式、途径和时间", frozenset({K.REPLY})),
        Field("其他机关", "负责公开该信息的其他机关", frozenset({K.REPLY})),
        Field("其他机关联系方式", "该机关的联系方式", frozenset({K.REPLY})),
        Field("签发人", "签发人", frozenset({K.REPLY})),
    ]
}


def _d(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return chinese_date(value)


def values(
    *,
    application: Application,
    event: ApplicationEvent,
    kind: LetterKind,
    agency,
    review_body: str,
) -> dict[str, str]:
    """Every field's value for the letter of `kind` written for `event` (empty when unknown)."""
    app, c = application, event.context or {}
    office = agency.disclosure_office() if hasattr(agency, "disclosure_office") else agency
    v = {
        "申请人": app.applicant_name,
        "申请编号": app.tracking_number,
        "收到日期": _d(app.received_on),
        "申请内容": app.description.strip(),
        "文件名称或文号": app.document_number,
        "机关名称": agency.name,
        "受理机构": office.office_name or agency.office_name,
        "受理地址": office.office_address or agency.office_address,
        "联系电话": office.office_phone or agency.office_phone,
        "复议机关": review_body,
        "成文日期": _d(event.on),
    }
    if kind == K.RECEIPT:
        due = workdays.add_workdays(app.received_on, 20)
        v["答复期限"] = _d(due)
        missing = workdays.uncovered_years(app.received_on, due)
        v["期限说明"] = (
            f"{'、'.join(str(y) for y in missing)}年节假日安排尚未公布，上述期限暂按周一至周五计算，"
            "如遇法定节假日顺延，以本机关正式答复为准。"
            if missing
            else ""
        )
    elif kind == K.CORRECTION:
        v["补正事项"] = c.get("items", "")
        v["补正期限"] = _d(c.get("correct_by"))
    elif kind == K.EXTENSION:
        from gongkai.applications.services import clock_for

        v["延期天数"] = str(c.get("days", ""))
        v["延期理由"] = c.get("reason", "")
        v["批准人"] = c.get("approver_name", "")
        v["延长后期限"] = _d(clock_for(app, today=event.on).due_on)
    elif kind == K.CONSULTATION:
        v["征求对象"] = c.get("party_name", "")
        v["征求意见答复期限"] = _d(c.get("response_due"))
    elif kind == K.CONSULTATION_RECORD:
        started = (
            app.events.filter(kind=EventKind.CONSULT, on__lte=event.on)
            .order_by("-on", "-pk")
            .first()
        )
        sc = started.context if started else {}
        v["征求对象"] = sc.get("party_name", "")
        v["征求意见日期"] = _d(started.on) if started else ""
        v["征求意见结果"] = c.get("result", "") or "对方未在期限内提出书面意见。"
    elif kind == K.FEE_NOTICE:
        v["收费方式"] = c.get("fee_method", "")
        v["收费金额"] = str(c.get("amount", ""))
        v["收费明细"] = "\n".join(c.get("lines") or [])
        v["缴费期限"] = _d(c.get("pay_by"))
    elif kind == K.TRANSFER:
        v["转出机关"] = c.get("from", "")
        v["转送机关"] = c.get("to", "")
        v["转送理由"] = c.get("reason", "")
    elif kind == K.REPLY:
        from gongkai.applications.outcomes import Outcome

        v["办理结果"] = Outcome(app.outcome).label if app.outcome else ""
        v["理由"] = c.get("summary", "")
        v["法律依据"] = c.get("legal_basis", "")
        v["提供内容"] = c.get("provided", "")
        v["获取方式"] = c.get("access", "") or (
            f"按照您申请时选择的方式（{app.get_delivery_display()}）提供"
        )
        v["其他机关"] = c.get("other_agency", "")
        v["其他机关联系方式"] = c.get("other_agency_contact", "")
        v["签发人"] = c.get("signed_by", "") or event.actor_name
        asked = (
            app.events.filter(kind=EventKind.REQUEST_CORRECTION, on__lte=event.on)
            .order_by("-on", "-pk")
            .first()
        )
        v["补正期限"] = _d(asked.context.get("correct_by")) if asked else ""
    return {k: (val or "").strip() for k, val in v.items()}
