"""Tables however they come out of a PDF, a web page or an office file (annual-stats.md)."""

from __future__ import annotations

import pytest

from gongkai.reports.parsing import parse_report, read_report_bytes

from .conftest import REPORT_2021

HEAD = REPORT_2021[: REPORT_2021.index("三、收到和处理")]
APPEALS = REPORT_2021[REPORT_2021.index("四、政府信息公开行政复议") :]
HEADER = "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"
LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "（七）总计",
    "四、结转下年度继续办理",
]
FIGURES = [
    "10 1 0 0 1 0 12",
    "1 0 0 0 0 0 1",
    "5 1 0 0 0 0 6",
    "1 0 0 0 0 0 1",
    "4 0 0 0 0 0 4",
    "10 1 0 0 0 0 11",
    "1 0 0 0 1 0 2",
]


def apart(figures: list[str]) -> str:
    body = "\n".join([HEADER, *LABELS, *figures])
    return f"{HEAD}三、收到和处理政府信息公开申请情况\n{body}\n\n{APPEALS}"


def test_rows_printed_apart_from_their_labels_are_placed_by_the_national_order():
    document = parse_report(apart(FIGURES))
    expected = parse_report(REPORT_2021)["applications"]
    assert document["applications"] == expected
    placed = [d for d in document["doubts"] if d["reason"] == "placed_by_order"]
    assert [d["where"] for d in placed] == [
        "applications.new",
        "applications.carried_in",
        "applications.outcomes.disclosed",
        "applications.outcomes.partially_disclosed",
        "applications.outcomes.unable_to_provide.not_held",
        "applications.outcomes.total",
        "applications.carried_out",
    ]
    assert placed[0]["printed"] == "10 1 0 0 1 0 12"


def test_figures_one_per_line_apart_from_their_labels_are_placed_when_the_count_fits():
    one_per_line = [value for line in FIGURES for value in line.split()]
    document = parse_report(apart(one_per_line))
    assert document["applications"]["outcomes"]["total"]["total"] == 11
    assert document["applications"]["carried_out"]["legal_service"] == 1


def test_rows_that_cannot_be_placed_without_doubt_are_named_and_not_read():
    document = parse_report(apart(FIGURES[:-1]))  # one row of figures is missing
    assert "new" not in document.get("applications", {})
    not_placed = [d for d in document["doubts"] if d["reason"] == "not_placed"]
    assert len(not_placed) == 7
    assert not_placed[0]["where"] == "applications.new"


@pytest.mark.parametrize("blank", ["\u00a0", "\u3000", "\u2003", "\u202f", ""])
def test_tab_separated_rows_with_unicode_blanks_keep_every_blank_cell(blank):
    table_2 = "\n".join(
        [
            "二、主动公开政府信息情况",
            "第二十条第（一）项",
            "\t".join(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            "\t".join(["规章", blank, blank, blank]),
            "\t".join(["行政规范性文件", blank, "1", "26"]),
        ]
    )
    appeals = "\n".join(
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "\t".join(["行政复议", blank, blank, blank, blank, "行政诉讼"]),
            "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
            + "\t未经复议直接起诉\t复议后起诉",
            "\t".join([blank] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
            "\t".join([blank, blank, "1", "0", "1"] + ["0"] * 10),
        ]
    )
    text = REPORT_2021.replace("三、收到和处理", table_2 + "\n\n三、收到和处理")
    text = text[: text.index("四、政府信息公开行政复议")] + appeals
    document = parse_report(text)
    assert document["proactive"]["normative_documents"] == {"repealed": 1, "in_force": 26}
    assert "regulations" not in document["proactive"]
    assert document["appeals"]["review"] == {"other": 1, "pending": 0, "total": 1}


def test_a_number_wrapped_inside_a_narrow_pdf_cell_is_one_number():
    import weasyprint

    html = (
        "<html><head><meta charset=utf-8><style>body{font-family:'Noto Sans CJK SC'}"
        "td{border:.5pt solid #000;font-size:9pt} td.n{width:14pt;word-break:break-all}"
        "table{border-collapse:collapse}</style></head><body>"
        "<p>某市示例局2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>"
        "<tr><td colspan=2>第二十条第（五）项</td></tr>"
        "<tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
        "<tr><td>行政许可</td><td class=n>1,046,218</td></tr></table></body></html>"
    )
    read = read_report_bytes(weasyprint.HTML(string=html).write_pdf(), "narrow.pdf")
    assert "| 行政许可 | 1,046,218 |" in read.text
    document = parse_report(read.text)
    assert document["proactive"]["administrative_licensing"] == {"decisions": 1046218}


def test_cells_one_per_line_with_no_break_spaces_in_the_blanks_keep_their_columns():
    cells = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    cells += ["规章", "\u00a0", "\u00a0", "3", "行政规范性文件", "2", "\u00a0", "26"]
    table_2 = "二、主动公开政府信息情况\n" + "\n".join(cells)
    document = parse_report(REPORT_2021.replace("三、收到和处理", table_2 + "\n\n三、收到和处理"))
    assert document["proactive"]["regulations"] == {"in_force": 3}
    assert document["proactive"]["normative_documents"] == {"issued": 2, "in_force": 26}


def test_without_a_trace_of_the_blanks_a_short_row_one_per_line_is_not_guessed():
    cells = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    cells += ["规章", "3", "行政规范性文件", "2", "5", "26"]
    table_2 = "二、主动公开政府信息情况\n" + "\n".join(cells)
    document = parse_report(REPORT_2021.replace("三、收到和处理", table_2 + "\n\n三、收到和处理"))
    assert "regulations" not in document["proactive"]
    assert document["proactive"]["normative_documents"] == {
        "issued": 2,
        "repealed": 5,
        "in_force": 26,
    }


def test_a_result_label_garbled_by_ocr_does_not_reorder_table_four():
    text = REPORT_2021.replace("| 尚未审结 |", "| 尚未审人结 |", 1)
    assert text.count("尚未审人结") == 1
    appeals = parse_report(text)["appeals"]
    assert appeals["review"] == {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2}
