"""The report's tables in the official layout of each format, as shared-exporter `Table`s.

Row and column labels are those the national formats prescribe (国办公开办函〔2021〕30号 and
〔2019〕60号); spans are laid as printed. Every figure is a `FigureCell` that remembers its path
and column, so the staff page can link it to the records behind it; the exporters read it as an
ordinary cell. A figure the document does not hold stays blank (absent is not zero).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.lib.exporters import Cell, Table

from .. import statistics


@dataclass(frozen=True)
class FigureCell(Cell):
    path: str = ""
    column: str = ""


def _format(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _figure(document: dict, path: str, column: str = "") -> FigureCell:
    full = f"{path}.{column}" if column else path
    return FigureCell(_format(statistics.get(document, full)), path=path, column=column)


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, rowspan=rowspan, header=True, align="center")


def _label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, rowspan=rowspan, align="left")


# -- 二、主动公开政府信息情况 -----------------------------------------------------------------------
def _proactive_2021(doc: dict) -> Table:
    p = "proactive"
    rows = [
        [_h("第二十条第（一）项", 4)],
        [_h("信息内容"), _h("本年制发件数"), _h("本年废止件数"), _h("现行有效件数")],
    ]
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        rows.append(
            [_label(label)]
            + [_figure(doc, f"{p}.{key}.{c}") for c in ("issued", "repealed", "in_force")]
        )
    rows += [
        [_h("第二十条第（五）项", 4)],
        [_h("信息内容"), _h("本年处理决定数量", 3)],
        [_label("行政许可"), _span(_figure(doc, f"{p}.administrative_licensing.decisions"), 3)],
        [_h("第二十条第（六）项", 4)],
        [_h("信息内容"), _h("本年处理决定数量", 3)],
        [_label("行政处罚"), _span(_figure(doc, f"{p}.administrative_penalty.decisions"), 3)],
        [_label("行政强制"), _span(_figure(doc, f"{p}.administrative_coercion.decisions"), 3)],
        [_h("第二十条第（八）项", 4)],
        [_h("信息内容"), _h("本年收费金额（单位：万元）", 3)],
        [
            _label("行政事业性收费"),
            _span(_figure(doc, f"{p}.administrative_fees.amount_10k_yuan"), 3),
        ],
    ]
    return Table(rows, header_rows=0, sheet_name="主动公开")


def _span(cell: FigureCell, colspan: int) -> FigureCell:
    return FigureCell(cell.text, colspan=colspan, path=cell.path, column=cell.column)


def _proactive_2019(doc: dict) -> Table:
    p = "proactive"
    three = ("items_last_year", "items_change", "decisions")
    rows = [
        [_h("第二十条第（一）项", 4)],
        [_h("信息内容"), _h("本年新制作数量"), _h("本年新公开数量"), _h("对外公开总数量")],
    ]
    for key, label in (("regulations", "规章"), ("normative_documents", "规范性文件")):
        rows.append(
            [_label(label)]
            + [
                _figure(doc, f"{p}.{key}.{c}")
                for c in ("new_made", "new_published", "published_total")
            ]
        )
    for item, entries in (
        (
            "第二十条第（五）项",
            (("administrative_licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ),
        (
            "第二十条第（六）项",
            (("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")),
        ),
    ):
        rows += [
            [_h(item, 4)],
            [_h("信息内容"), _h("上一年项目数量"), _h("本年增/减"), _h("处理决定数量")],
        ]
        for key, label in entries:
            rows.append([_label(label)] + [_figure(doc, f"{p}.{key}.{c}") for c in three])
    rows += [
        [_h("第二十条第（八）项", 4)],
        [_h("信息内容"), _h("上一年项目数量"), _h("本年增/减", 2)],
        [
            _label("行政事业性收费"),
            _figure(doc, f"{p}.administrative_fees.items_last_year"),
            _span(_figure(doc, f"{p}.administrative_fees.items_change"), 2),
        ],
        [_h("第二十条第（九）项", 4)],
        [_h("信息内容"), _h("采购项目数量"), _h("采购总金额", 2)],
        [
            _label("政府集中采购"),
            _figure(doc, f"{p}.government_procurement.projects"),
            _span(_figure(doc, f"{p}.government_procurement.amount_10k_yuan"), 2),
        ],
    ]
    return Table(rows, header_rows=0, sheet_name="主动公开")


# -- 三、收到和处理政府信息公开申请情况 ----------------------------------------------------------------
_GROUPS_2021 = [
    ("（三）不予公开", "withheld", [
        ("state_secret", "1.属于国家秘密"),
        ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("security_stability", "3.危及“三安全一稳定”"),
        ("third_party_rights", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process_information", "6.属于四类过程性信息"),
        ("enforcement_files", "7.属于行政执法案卷"),
        ("administrative_query", "8.属于行政查询事项"),
    ]),
    ("（四）无法提供", "unable_to_provide", [
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("needs_creation", "2.没有现成信息需要另行制作"),
        ("unclear_after_correction", "3.补正后申请内容仍不明确"),
    ]),
    ("（五）不予处理", "not_processed", [
        ("petition_complaint", "1.信访举报投诉类申请"),
        ("duplicate", "2.重复申请"),
        ("publication", "3.要求提供公开出版物"),
        ("excessive_repeated", "4.无正当理由大量反复申请"),
        ("confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
]  # fmt: skip
_OTHER_2021 = [
    ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other", "3.其他"),
]


def _figures(doc: dict, path: str) -> list[FigureCell]:
    return [_figure(doc, path, c) for c in statistics.COLUMN_KEYS]


def _applications(doc: dict, fmt: str) -> Table:
    a = "applications"
    rows: list[list] = [
        [
            _h("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            _h("申请人情况", 7),
        ],
        [_h("自然人", rowspan=2), _h("法人或其他组织", 5), _h("总计", rowspan=2)],
        [_h("商业企业"), _h("科研机构"), _h("社会公益组织"), _h("法律服务机构"), _h("其他")],
        [_label("一、本年新收政府信息公开申请数量", 3), *_figures(doc, f"{a}.new")],
        [_label("二、上年结转政府信息公开申请数量", 3), *_figures(doc, f"{a}.carried_in")],
    ]
    outcome_rows: list[list] = [
        [_label("（一）予以公开", 2), *_figures(doc, f"{a}.outcomes.disclosed")],
        [
            _label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2),
            *_figures(doc, f"{a}.outcomes.partially_disclosed"),
        ],
    ]
    for group_label, group, leaves in _GROUPS_2021:
        for i, (leaf, label) in enumerate(leaves):
            lead = [_label(group_label, rowspan=len(leaves))] if i == 0 else []
            outcome_rows.append(
                lead + [_label(label), *_figures(doc, f"{a}.outcomes.{group}.{leaf}")]
            )
    if fmt == "2019":
        outcome_rows.append(
            [_label("（六）其他处理", 2), *_figures(doc, f"{a}.outcomes.other.all")]
        )
    else:
        for i, (leaf, label) in enumerate(_OTHER_2021):
            lead = [_label("（六）其他处理", rowspan=len(_OTHER_2021))] if i == 0 else []
            outcome_rows.append(
                lead + [_label(label), *_figures(doc, f"{a}.outcomes.other.{leaf}")]
            )
    outcome_rows.append([_label("（七）总计", 2), *_figures(doc, f"{a}.outcomes.total")])
    outcome_rows[0].insert(0, _label("三、本年度办理结果", rowspan=len(outcome_rows)))
    rows += outcome_rows
    rows.append([_label("四、结转下年度继续办理", 3), *_figures(doc, f"{a}.carried_out")])
    return Table(
        rows,
        header_rows=3,
        sheet_name="依申请公开",
        widths=[1.2, 1.6, 4] + [1] * 7,
    )


# -- 四、政府信息公开行政复议、行政诉讼情况 --------------------------------------------------------------
_RESULTS = [label for _, label in statistics.APPEAL_RESULTS]


def _appeals(doc: dict) -> Table:
    rows = [
        [_h("行政复议", 5), _h("行政诉讼", 10)],
        [*(_h(r, rowspan=2) for r in _RESULTS), _h("未经复议直接起诉", 5), _h("复议后起诉", 5)],
        [*(_h(r) for r in _RESULTS), *(_h(r) for r in _RESULTS)],
        [
            _figure(doc, f"appeals.{group}", key)
            for group in ("review", "litigation_direct", "litigation_after_review")
            for key in statistics.APPEAL_RESULT_KEYS
        ],
    ]
    return Table(
        rows,
        header_rows=3,
        sheet_name="复议诉讼",
    )


# -- legacy: one table of the stated figures ----------------------------------------------------
def _legacy(doc: dict) -> Table:
    rows: list[list] = [[_h("统计指标"), _h("单位"), _h("统计数")]]

    def add(label: str, unit: str, path: str) -> None:
        rows.append([_label(label), Cell(unit, align="center"), _figure(doc, path)])

    add("累计主动公开政府信息", "条", "proactive.items_total")
    add("本年新增主动公开政府信息", "条", "proactive.items_new")
    add("受理政府信息公开申请总数", "件", "applications.received_total")
    for key, label in statistics.CHANNELS:
        if statistics.get(doc, f"applications.by_channel.{key}") is not None:
            add(f"其中：{label}申请", "件", f"applications.by_channel.{key}")
    for key, label in statistics.LEGACY_OUTCOMES:
        if statistics.get(doc, f"applications.legacy_outcomes.{key}") is not None:
            add(f"答复：{label}", "件", f"applications.legacy_outcomes.{key}")
    for group, label in (("review", "行政复议"), ("litigation", "行政诉讼")):
        for key, result in (("total", "总数"), ("upheld", "维持"), ("corrected", "纠正"), ("other", "其他情形"), ("pending", "尚未审结")):  # fmt: skip
            if statistics.get(doc, f"appeals.{group}.{key}") is not None:
                add(f"{label}{result}", "件", f"appeals.{group}.{key}")
    for key, label in statistics.CONSULTATION_PARTS:
        if statistics.get(doc, f"consultations.{key}") is not None:
            add(f"政府信息公开咨询{label}", "人次", f"consultations.{key}")
    add("依申请公开收费", "元", "fees_yuan")
    add("政府信息公开专栏访问量", "次", "column_visits")
    return Table(rows, header_rows=1, sheet_name="统计表", widths=[5, 1, 1.5])


def official_tables(document: dict) -> dict[str, Table]:
    """The tables of `document`'s format, by the section they belong to."""
    fmt = document.get("format")
    if fmt == "legacy":
        return {"legacy": _legacy(document)}
    proactive = _proactive_2019 if fmt == "2019" else _proactive_2021
    return {
        "proactive": proactive(document),
        "applications": _applications(document, fmt),
        "appeals": _appeals(document),
    }
