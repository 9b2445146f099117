"""Small synthetic reports for the tests: the national tables in any layout.

A report is built from rows of cells and rendered in one of the layouts real reports use:
one cell per line, markdown rows, pipe rows with trailing empty cells, one cell per line
ending in "|" (a lone "|" being a blank cell and "||" ending a row), tab-separated rows,
or an HTML page with <table> elements.
"""

from __future__ import annotations

from html import escape

Row = list[str]

LAYOUTS = ("lines", "markdown", "pipes", "cell_pipes", "tabs", "html")

APPLICATION_ROWS_2021: list[tuple[list[str], str]] = [
    (["一、本年新收政府信息公开申请数量"], "new"),
    (["二、上年结转政府信息公开申请数量"], "carried_in"),
    (["三、本年度办理结果", "（一）予以公开"], "outcomes.disclosed"),
    (["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], "outcomes.partially_disclosed"),
    (["（三）不予公开", "1.属于国家秘密"], "outcomes.withheld.state_secret"),
    (["2.其他法律行政法规禁止公开"], "outcomes.withheld.prohibited_by_law"),
    (["3.危及“三安全一稳定”"], "outcomes.withheld.security_stability"),
    (["4.保护第三方合法权益"], "outcomes.withheld.third_party_rights"),
    (["5.属于三类内部事务信息"], "outcomes.withheld.internal_affairs"),
    (["6.属于四类过程性信息"], "outcomes.withheld.process_information"),
    (["7.属于行政执法案卷"], "outcomes.withheld.enforcement_files"),
    (["8.属于行政查询事项"], "outcomes.withheld.administrative_query"),
    (["（四）无法提供", "1.本机关不掌握相关政府信息"], "outcomes.unable_to_provide.not_held"),
    (["2.没有现成信息需要另行制作"], "outcomes.unable_to_provide.needs_creation"),
    (["3.补正后申请内容仍不明确"], "outcomes.unable_to_provide.unclear_after_correction"),
    (["（五）不予处理", "1.信访举报投诉类申请"], "outcomes.not_processed.petition_complaint"),
    (["2.重复申请"], "outcomes.not_processed.duplicate"),
    (["3.要求提供公开出版物"], "outcomes.not_processed.publication"),
    (["4.无正当理由大量反复申请"], "outcomes.not_processed.excessive_repeated"),
    (["5.要求行政机关确认或重新出具已获取信息"], "outcomes.not_processed.confirm_or_reissue"),
    (
        ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
        "outcomes.other.no_correction",
    ),
    (
        ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
        "outcomes.other.fee_unpaid",
    ),
    (["3.其他"], "outcomes.other.other"),
    (["（七）总计"], "outcomes.total"),
    (["四、结转下年度继续办理"], "carried_out"),
]

APPLICANT_HEADER: list[Row] = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
    ["自然人", "法人或其他组织", "总计"],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]

APPEALS_HEADER: list[Row] = [
    ["行政复议", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
]


def consistent_values() -> dict[str, list[str]]:
    """Column sets that satisfy every rule: 10 new (8 people, 2 firms), 1 carried in."""
    zero = ["0"] * 7
    values = {path: list(zero) for _, path in APPLICATION_ROWS_2021}
    values["new"] = ["8", "2", "0", "0", "0", "0", "10"]
    values["carried_in"] = ["1", "0", "0", "0", "0", "0", "1"]
    values["outcomes.disclosed"] = ["5", "1", "0", "0", "0", "0", "6"]
    values["outcomes.unable_to_provide.not_held"] = ["3", "0", "0", "0", "0", "0", "3"]
    values["outcomes.total"] = ["8", "1", "0", "0", "0", "0", "9"]
    values["carried_out"] = ["1", "1", "0", "0", "0", "0", "2"]
    return values


def proactive_rows_2021() -> list[Row]:
    """Table 二 of the 2021 format."""
    return [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "0", "5"],
        ["行政规范性文件", "3", "1", "20"],
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "120"],
        ["第二十条第（六）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政处罚", "30"],
        ["行政强制", "2"],
        ["第二十条第（八）项"],
        ["信息内容", "本年收费金额（单位：万元）"],
        ["行政事业性收费", "12.5"],
    ]


def proactive_rows_2019() -> list[Row]:
    """Table 二 of the 2019 trial format."""
    return [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "0"],
        ["规范性文件", "2", "2", "19"],
        ["第二十条第（五）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "8", "+5", "93"],
        ["其他对外管理服务事项", "117", "-2", "165"],
        ["第二十条第（六）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚", "90", "0", "22"],
        ["行政强制", "4", "减1", "—"],
        ["第二十条第（八）项"],
        ["信息内容", "上一年项目数量", "本年增/减"],
        ["行政事业性收费", "3", "0"],
        ["第二十条第（九）项"],
        ["信息内容", "采购项目数量", "采购总金额"],
        ["政府集中采购", "12", "386.5"],
    ]


def application_rows(values: dict[str, list[str]] | None = None, *, fmt: str = "2021") -> list[Row]:
    """Table 三 as rows: header plus one row per label (2019: one （六） row)."""
    values = values or consistent_values()
    rows: list[Row] = [list(r) for r in APPLICANT_HEADER]
    for labels, path in APPLICATION_ROWS_2021:
        if fmt == "2019" and path.startswith("outcomes.other."):
            if path.endswith("no_correction"):
                rows.append(["（六）其他处理", *values.get("outcomes.other.all", ["0"] * 7)])
            continue
        rows.append([*labels, *values.get(path, ["0"] * 7)])
    return rows


def appeal_rows(values: list[str] | None = None) -> list[Row]:
    """Table 四 as rows: the three header rows and the row of 15 values."""
    values = values or ["1", "0", "0", "0", "1", *(["0"] * 10)]
    return [*[list(r) for r in APPEALS_HEADER], values]


def render(rows: list[Row], layout: str) -> str:
    """Render table rows in one of :data:`LAYOUTS` (except html, see :func:`html_page`)."""
    lines: list[str] = []
    for row in rows:
        if layout == "lines":
            lines.extend(cell if cell else "" for cell in row)
        elif layout == "markdown":
            lines.append("| " + " | ".join(row) + " |")
        elif layout == "pipes":
            lines.append(" | ".join(row) + " | ||")
        elif layout == "cell_pipes":
            lines.extend(f"{cell} |" if cell else "|" for cell in row)
            lines.append("||")
        elif layout == "tabs":
            lines.append("\t".join(row))
        else:
            raise ValueError(layout)
    return "\n".join(lines)


TITLE_2021 = "某某市统计局2023年政府信息公开工作年度报告"
TITLE_2019 = "某某区水务局2020年政府信息公开工作年度报告"


def report_2021(
    layout: str = "markdown",
    *,
    title: str = TITLE_2021,
    values: dict[str, list[str]] | None = None,
    appeals: list[str] | None = None,
    proactive: list[Row] | None = None,
    extra_prose: str = "",
) -> str:
    """A small report in the 2021 format."""
    sections = [
        (None, [f"一、总体情况\n\n2023年，本局认真贯彻《条例》。{extra_prose}"]),
        ("二、主动公开政府信息情况", proactive if proactive is not None else proactive_rows_2021()),
        ("三、收到和处理政府信息公开申请情况", application_rows(values)),
        ("四、政府信息公开行政复议、行政诉讼情况", appeal_rows(appeals)),
    ]
    return _assemble(title, sections, layout)


def report_2019(
    layout: str = "markdown", *, title: str = TITLE_2019, values: dict[str, list[str]] | None = None
) -> str:
    """A small report in the 2019 trial format."""
    values = values or consistent_values()
    sections = [
        (None, ["一、总体情况\n\n2020年，本局认真贯彻《条例》。"]),
        ("二、主动公开政府信息情况", proactive_rows_2019()),
        ("三、收到和处理政府信息公开申请情况", application_rows(values, fmt="2019")),
        ("四、政府信息公开行政复议、行政诉讼情况", appeal_rows()),
    ]
    return _assemble(title, sections, layout)


def _assemble(title: str, sections: list, layout: str) -> str:
    if layout == "html":
        return html_page(title, sections)
    parts = [title, ""]
    for heading, body in sections:
        if heading:
            parts += [heading, "", render(body, layout), ""]
        else:
            parts += [*body, ""]
    parts += ["五、存在的主要问题及改进情况", "", "无。"]
    return "\n".join(parts)


def html_page(title: str, sections: list) -> str:
    """A saved report page: <title>, headings, paragraphs and <table>s."""
    body = [f"<h1>{escape(title)}</h1>"]
    for heading, content in sections:
        if heading is None:
            body += [f"<p>{escape(line)}</p>" for line in content[0].split("\n") if line]
            continue
        body.append(f"<h2>{escape(heading)}</h2><table border=1>")
        for row in content:
            cells = "".join(f"<td>{escape(cell)}</td>" for cell in row)
            body.append(f"<tr>{cells}</tr>")
        body.append("</table>")
    body.append("<h2>五、存在的主要问题及改进情况</h2><p>无。</p>")
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}_某某市人民政府</title>"
        "<script>var x = '<td>1</td>';</script></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def legacy_report(body: str, *, title: str = "某某县民政局2012年政府信息公开工作年度报告") -> str:
    """A legacy (prose) report around ``body``."""
    return f"{title}\n\n本报告统计期限为2012年1月1日至12月31日。\n\n{body}\n"
