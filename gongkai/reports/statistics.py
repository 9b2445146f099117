"""The statistics document (gongkai/annual-stats@1): its keys, Chinese labels and flat paths.

Everything that shows, edits or charts a statistics document walks it through `FIELDS`, the
ordered list of every statistic the schema knows, each with a dotted path and a Chinese label.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SCHEMA = "gongkai/annual-stats@1"

COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
]
# The column keys of table 三 in the national order; the applicant columns are all but 总计.
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
APPLICANT_KEYS = COLUMN_KEYS[:-1]

# (path under applications.outcomes, label), in the order of the national table.
OUTCOME_LEAVES = [
    ("disclosed", "（一）予以公开"),
    ("partially_disclosed", "（二）部分公开"),
    ("withheld.state_secret", "（三）1.属于国家秘密"),
    ("withheld.prohibited_by_law", "（三）2.其他法律行政法规禁止公开"),
    ("withheld.security_stability", "（三）3.危及“三安全一稳定”"),
    ("withheld.third_party_rights", "（三）4.保护第三方合法权益"),
    ("withheld.internal_affairs", "（三）5.属于三类内部事务信息"),
    ("withheld.process_information", "（三）6.属于四类过程性信息"),
    ("withheld.enforcement_files", "（三）7.属于行政执法案卷"),
    ("withheld.administrative_query", "（三）8.属于行政查询事项"),
    ("unable_to_provide.not_held", "（四）1.本机关不掌握相关政府信息"),
    ("unable_to_provide.needs_creation", "（四）2.没有现成信息需要另行制作"),
    ("unable_to_provide.unclear_after_correction", "（四）3.补正后申请内容仍不明确"),
    ("not_processed.petition_complaint", "（五）1.信访举报投诉类申请"),
    ("not_processed.duplicate", "（五）2.重复申请"),
    ("not_processed.publication", "（五）3.要求提供公开出版物"),
    ("not_processed.excessive_repeated", "（五）4.无正当理由大量反复申请"),
    ("not_processed.confirm_or_reissue", "（五）5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "（六）1.申请人无正当理由逾期不补正"),
    ("other.fee_unpaid", "（六）2.申请人逾期未按收费通知要求缴纳费用"),
    ("other.other", "（六）3.其他"),
    ("other.all", "（六）其他处理（2019版）"),
    ("total", "（七）总计"),
]

APPLICATION_ROWS = (
    [("applications.new", "一、本年新收申请"), ("applications.carried_in", "二、上年结转申请")]
    + [(f"applications.outcomes.{p}", f"三、办理结果 {label}") for p, label in OUTCOME_LEAVES]
    + [("applications.carried_out", "四、结转下年度继续办理")]
)

APPEAL_GROUPS = [
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
    ("litigation", "行政诉讼（旧版）"),
]
APPEAL_RESULTS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]
APPEAL_RESULT_KEYS = tuple(key for key, _ in APPEAL_RESULTS)

PROACTIVE_ROWS = [
    ("regulations", "规章"),
    ("normative_documents", "行政规范性文件"),
    ("administrative_licensing", "行政许可"),
    ("other_services", "其他对外管理服务事项"),
    ("administrative_penalty", "行政处罚"),
    ("administrative_coercion", "行政强制"),
    ("administrative_fees", "行政事业性收费"),
    ("government_procurement", "政府集中采购"),
]
PROACTIVE_COLUMNS = [
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
    ("new_made", "本年新制作数量"),
    ("new_published", "本年新公开数量"),
    ("published_total", "对外公开总数量"),
    ("items_last_year", "上一年项目数量"),
    ("items_change", "本年增/减"),
    ("decisions", "本年处理决定数量"),
    ("projects", "采购项目数"),
    ("amount_10k_yuan", "金额（万元）"),
]

CHANNELS = [
    ("in_person", "当面"),
    ("online", "网络"),
    ("letter", "信函"),
    ("fax", "传真"),
    ("other", "其他"),
]
CHANNEL_KEYS = tuple(key for key, _ in CHANNELS)
LEGACY_OUTCOMES = [
    ("disclosed_or_partial", "同意公开和部分公开"),
    ("disclosed", "同意公开"),
    ("partially_disclosed", "同意部分公开"),
    ("withheld", "不予公开"),
    ("not_exist", "信息不存在"),
    ("not_our_authority", "非本机关职责权限范围"),
    ("other_channel", "告知通过其他途径办理"),
    ("correction_requested", "告知作出更改补充"),
    ("not_government_information", "非《条例》所指政府信息"),
    ("duplicate", "重复申请"),
    ("unclear", "申请内容不明确"),
]
CONSULTATION_PARTS = [
    ("total", "合计"),
    ("phone", "电话咨询"),
    ("in_person", "当面咨询"),
    ("online", "网上咨询"),
]


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    decimal: bool = False  # money in 万元 may have decimals
    signed: bool = False  # 本年增/减 may be negative


def _build_fields() -> list[Field]:
    fields = [
        Field("proactive.items_total", "主动公开 累计主动公开信息（条）"),
        Field("proactive.items_new", "主动公开 本年新增主动公开信息（条）"),
    ]
    for row, row_label in PROACTIVE_ROWS:
        for col, col_label in PROACTIVE_COLUMNS:
            fields.append(
                Field(
                    f"proactive.{row}.{col}",
                    f"主动公开 {row_label} {col_label}",
                    decimal=col == "amount_10k_yuan",
                    signed=col == "items_change",
                )
            )
    for row, row_label in APPLICATION_ROWS:
        for col, col_label in COLUMNS:
            fields.append(Field(f"{row}.{col}", f"{row_label} · {col_label}"))
    fields.append(Field("applications.received_total", "（旧版）受理申请总数"))
    for key, label in CHANNELS:
        fields.append(Field(f"applications.by_channel.{key}", f"申请渠道 {label}"))
    for key, label in LEGACY_OUTCOMES:
        fields.append(Field(f"applications.legacy_outcomes.{key}", f"（旧版）答复 {label}"))
    for group, group_label in APPEAL_GROUPS:
        for key, label in APPEAL_RESULTS:
            fields.append(Field(f"appeals.{group}.{key}", f"{group_label} {label}"))
    for key, label in CONSULTATION_PARTS:
        fields.append(Field(f"consultations.{key}", f"政府信息公开咨询 {label}"))
    fields.append(Field("fees_yuan", "依申请收费（元）", decimal=True))
    fields.append(Field("column_visits", "政府信息公开专栏访问量（次）"))
    return fields


FIELDS: list[Field] = _build_fields()
FIELDS_BY_PATH: dict[str, Field] = {f.path: f for f in FIELDS}


def get(document: dict, path: str):
    """The value at a dotted path, or None when any part of it is absent."""
    node = document
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def flatten(document: dict) -> dict[str, int | float]:
    """Every known statistic present in `document`, by dotted path, in FIELDS order."""
    flat = {}
    for field in FIELDS:
        value = get(document, field.path)
        if isinstance(value, int | float) and not isinstance(value, bool):
            flat[field.path] = value
    return flat


def with_values(document: dict, values: dict[str, int | float | None]) -> dict:
    """A copy of `document` whose statistics are exactly `values` (None = absent).

    Non-statistic keys (schema, organization, year, format, unkeyed) are kept; statistics not
    named in `values` are dropped, and objects left empty are pruned, so "absent" stays absent.
    """
    result = {k: v for k, v in document.items() if k not in _TOP_LEVEL_STATISTICS}
    result.pop("violations", None)
    for path, value in values.items():
        if value is None:
            continue
        node = result
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _ordered(result)


_TOP_LEVEL_STATISTICS = (
    "proactive",
    "applications",
    "appeals",
    "consultations",
    "fees_yuan",
    "column_visits",
)
TOP_ORDER = [
    "schema",
    "organization",
    "year",
    "format",
    *_TOP_LEVEL_STATISTICS,
    "unkeyed",
    "violations",
]


def _ordered(document: dict) -> dict:
    ordered = {k: document[k] for k in TOP_ORDER if k in document}
    ordered.update({k: v for k, v in document.items() if k not in ordered})
    return ordered


MAX_VALUE = 10**12  # no statistic of a disclosure report comes near this


def parse_value(field: Field, raw: str) -> int | float | None:
    """A number typed into the confirmation form; blank means absent. Raises ValueError in Chinese."""
    text = raw.strip().replace(",", "").replace("，", "")
    if text == "":
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{field.label}”须填写数字，而不是“{raw.strip()}”") from None
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        raise ValueError(f"“{field.label}”须填写数字，而不是“{raw.strip()}”")
    if number < 0 and not field.signed:
        raise ValueError(f"“{field.label}”不能为负数")
    if field.decimal:
        return int(number) if number == number.to_integral_value() else float(number)
    if number != number.to_integral_value():
        raise ValueError(f"“{field.label}”须为整数")
    return int(number)
