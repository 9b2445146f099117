"""A statistics document written out as the text of a 2021-format annual report.

The tables are pipe rows, the layout most government pages copy to; the parser reads them back.
"""

from . import statistics

_HEADER = (
    "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
)

# Table 三 as printed: (label, path under applications or None for a heading row).
_TABLE_THREE = [
    ("一、本年新收政府信息公开申请数量", "new"),
    ("二、上年结转政府信息公开申请数量", "carried_in"),
    ("三、本年度办理结果", None),
    ("（一）予以公开", "outcomes.disclosed"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "outcomes.partially_disclosed"),
    ("（三）不予公开", None),
    ("1.属于国家秘密", "outcomes.withheld.state_secret"),
    ("2.其他法律行政法规禁止公开", "outcomes.withheld.prohibited_by_law"),
    ("3.危及“三安全一稳定”", "outcomes.withheld.security_stability"),
    ("4.保护第三方合法权益", "outcomes.withheld.third_party_rights"),
    ("5.属于三类内部事务信息", "outcomes.withheld.internal_affairs"),
    ("6.属于四类过程性信息", "outcomes.withheld.process_information"),
    ("7.属于行政执法案卷", "outcomes.withheld.enforcement_files"),
    ("8.属于行政查询事项", "outcomes.withheld.administrative_query"),
    ("（四）无法提供", None),
    ("1.本机关不掌握相关政府信息", "outcomes.unable_to_provide.not_held"),
    ("2.没有现成信息需要另行制作", "outcomes.unable_to_provide.needs_creation"),
    ("3.补正后申请内容仍不明确", "outcomes.unable_to_provide.unclear_after_correction"),
    ("（五）不予处理", None),
    ("1.信访举报投诉类申请", "outcomes.not_processed.petition_complaint"),
    ("2.重复申请", "outcomes.not_processed.duplicate"),
    ("3.要求提供公开出版物", "outcomes.not_processed.publication"),
    ("4.无正当理由大量反复申请", "outcomes.not_processed.excessive_repeated"),
    ("5.要求行政机关确认或重新出具已获取信息", "outcomes.not_processed.confirm_or_reissue"),
    ("（六）其他处理", None),
    (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "outcomes.other.no_correction",
    ),
    (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "outcomes.other.fee_unpaid",
    ),
    ("3.其他", "outcomes.other.other"),
    ("（七）总计", "outcomes.total"),
    ("四、结转下年度继续办理", "carried_out"),
]


def _cell(value) -> str:
    return "" if value is None else str(value)


def _proactive_table(proactive: dict) -> list[str]:
    lines = [
        "| 第二十条第（一）项 | | | |",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
    ]
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        row = proactive.get(key, {})
        lines.append(
            f"| {label} | {_cell(row.get('issued'))} | {_cell(row.get('repealed'))} "
            f"| {_cell(row.get('in_force'))} |"
        )
    lines += ["| 第二十条第（五）项 | |", "| 信息内容 | 本年处理决定数量 |"]
    lines.append(
        f"| 行政许可 | {_cell(proactive.get('administrative_licensing', {}).get('decisions'))} |"
    )
    lines += ["| 第二十条第（六）项 | |", "| 信息内容 | 本年处理决定数量 |"]
    for key, label in (
        ("administrative_penalty", "行政处罚"),
        ("administrative_coercion", "行政强制"),
    ):
        lines.append(f"| {label} | {_cell(proactive.get(key, {}).get('decisions'))} |")
    lines += ["| 第二十条第（八）项 | |", "| 信息内容 | 本年收费金额（单位：万元） |"]
    fees = proactive.get("administrative_fees", {}).get("amount_10k_yuan")
    lines.append(f"| 行政事业性收费 | {_cell(fees)} |")
    return lines


def _applications_table(applications: dict) -> list[str]:
    lines = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        _HEADER,
    ]
    for label, path in _TABLE_THREE:
        if path is None:
            lines.append(f"| {label} |" + " |" * len(statistics.COLUMN_KEYS))
            continue
        row = statistics.get(applications, path) or {}
        lines.append(
            f"| {label} | " + " | ".join(_cell(row.get(c)) for c in statistics.COLUMN_KEYS) + " |"
        )
    return lines


def _appeals_table(appeals: dict) -> list[str]:
    labels = " | ".join(label for _, label in statistics.APPEAL_RESULTS)
    values = []
    for group in ("review", "litigation_direct", "litigation_after_review"):
        row = appeals.get(group, {})
        values += [_cell(row.get(r)) for r in statistics.APPEAL_RESULT_KEYS]
    return [
        "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
        "| | | | | | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
        f"| {labels} | {labels} | {labels} |",
        "| " + " | ".join(values) + " |",
    ]


def render_text(document: dict, *, overview: str = "", problems: str = "", other: str = "") -> str:
    """The report's text: title, the six national sections and their tables."""
    org, year = document.get("organization", ""), document.get("year", "")
    fees = document.get("fees_yuan")
    fee_sentence = (
        f"本年度收取信息处理费{fees}元。"
        if fees
        else ("本年度未收取信息处理费。" if fees == 0 else "")
    )
    parts = [
        f"{org}{year}年政府信息公开工作年度报告",
        "",
        f"本报告依照《中华人民共和国政府信息公开条例》第五十条的规定编制，所列数据的统计期限为"
        f"{year}年1月1日至12月31日。",
        "",
        "一、总体情况",
        overview
        or f"{year}年，{org}认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。",
        "",
        "二、主动公开政府信息情况",
        *_proactive_table(document.get("proactive", {})),
        "",
        "三、收到和处理政府信息公开申请情况",
        *_applications_table(document.get("applications", {})),
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        *_appeals_table(document.get("appeals", {})),
        "",
        "五、存在的主要问题及改进情况",
        problems or "政策解读的形式有待丰富，依申请公开答复质量有待进一步提升。",
        "",
        "六、其他需要报告的事项",
        other or fee_sentence,
    ]
    return "\n".join(parts) + "\n"
