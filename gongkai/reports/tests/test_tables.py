"""Reading the national tables (二, 三, 四) in every layout."""

from __future__ import annotations

import pytest

from gongkai.reports.parsing import parse_report

from . import builders as b

TITLE = "某某局2023年政府信息公开工作年度报告"


def _applications(text: str) -> dict:
    return parse_report(text)["applications"]


@pytest.mark.parametrize("layout", b.LAYOUTS)
def test_every_layout_of_the_2021_tables_reads_the_same(layout: str) -> None:
    assert parse_report(b.report_2021(layout)) == parse_report(b.report_2021("markdown"))


@pytest.mark.parametrize("layout", b.LAYOUTS)
def test_every_layout_of_the_2019_tables_reads_the_same(layout: str) -> None:
    assert parse_report(b.report_2019(layout)) == parse_report(b.report_2019("markdown"))


def test_the_2021_tables_read_as_printed() -> None:
    document = parse_report(b.report_2021("lines"))
    assert document["format"] == "2021"
    assert document["proactive"]["regulations"] == {"issued": 1, "repealed": 0, "in_force": 5}
    assert document["proactive"]["administrative_fees"] == {"amount_10k_yuan": 12.5}
    applications = document["applications"]
    assert applications["new"] == {
        "natural_person": 8,
        "commercial": 2,
        "research": 0,
        "social_welfare": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 10,
    }
    assert set(applications["outcomes"]["other"]) == {"no_correction", "fee_unpaid", "other"}
    assert document["appeals"]["review"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    assert document["violations"] == []


def test_the_2019_tables_take_their_own_columns_and_signed_changes() -> None:
    proactive = parse_report(b.report_2019("pipes"))["proactive"]
    assert proactive["normative_documents"] == {
        "new_made": 2,
        "new_published": 2,
        "published_total": 19,
    }
    assert proactive["administrative_licensing"] == {
        "items_last_year": 8,
        "items_change": 5,
        "decisions": 93,
    }
    assert proactive["other_services"]["items_change"] == -2
    assert proactive["administrative_coercion"] == {"items_last_year": 4, "items_change": -1}
    assert proactive["administrative_fees"] == {"items_last_year": 3, "items_change": 0}
    assert proactive["government_procurement"] == {"projects": 12, "amount_10k_yuan": 386.5}


def test_the_2019_other_row_is_written_as_all() -> None:
    values = b.consistent_values()
    values["outcomes.other.all"] = ["1", "0", "0", "0", "0", "0", "1"]
    outcomes = _applications(b.report_2019("markdown", values=values))["outcomes"]
    assert outcomes["other"] == {
        "all": {
            "natural_person": 1,
            "commercial": 0,
            "research": 0,
            "social_welfare": 0,
            "legal_service": 0,
            "other_org": 0,
            "total": 1,
        }
    }


def test_a_slash_cell_is_absent_not_zero() -> None:
    rows = b.proactive_rows_2021()
    rows[2] = ["规章", "/", "/", "/"]
    rows[10] = ["行政强制", "——"]
    proactive = parse_report(b.report_2021("markdown", proactive=rows))["proactive"]
    assert "regulations" not in proactive
    assert "administrative_coercion" not in proactive
    assert proactive["administrative_penalty"] == {"decisions": 30}


def test_a_printed_zero_is_kept() -> None:
    rows = b.proactive_rows_2021()
    rows[10] = ["行政强制", "0"]
    assert parse_report(b.report_2021("tabs", proactive=rows))["proactive"][
        "administrative_coercion"
    ] == {"decisions": 0}


@pytest.mark.parametrize("layout", ["markdown", "cell_pipes", "html"])
def test_a_row_that_is_entirely_blank_is_left_out(layout: str) -> None:
    values = b.consistent_values()
    values["outcomes.partially_disclosed"] = [""] * 7
    values["outcomes.withheld.state_secret"] = ["—"] * 7
    outcomes = _applications(b.report_2021(layout, values=values))["outcomes"]
    assert "partially_disclosed" not in outcomes
    assert "state_secret" not in outcomes["withheld"]


@pytest.mark.parametrize("layout", ["markdown", "cell_pipes", "pipes", "html"])
def test_a_blank_total_column_is_absent(layout: str) -> None:
    values = b.consistent_values()
    values["outcomes.disclosed"] = ["5", "1", "", "", "", "", ""]
    outcomes = _applications(b.report_2021(layout, values=values))["outcomes"]
    assert outcomes["disclosed"] == {"natural_person": 5, "commercial": 1}


def test_a_table_whose_total_column_comes_first_is_read_by_its_header() -> None:
    values = {k: [v[6], *v[:6]] for k, v in b.consistent_values().items()}
    rows = b.application_rows(values)
    rows[1] = ["总计", "自然人", "法人或其他组织"]
    text = f"{TITLE}\n\n" + b.render(rows, "markdown")
    assert _applications(text) == _applications(b.report_2021("markdown"))


def test_a_header_with_the_organisation_group_on_its_own_line_is_read() -> None:
    rows = b.application_rows()
    rows[1:3] = [
        ["自然人"],
        ["法人或其他组织"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        ["总计"],
    ]
    text = f"{TITLE}\n\n" + b.render(rows, "lines")
    assert _applications(text) == _applications(b.report_2021("markdown"))


def test_labels_are_matched_by_their_words_despite_typos_and_notes() -> None:
    rows = b.application_rows()
    for row in rows:
        if row[0] == "5.属于三类内部事务信息":
            row[0] = "5.属于三类内容事务信息"
            row[1] = "2"
        if row[0].startswith("（二）部分公开"):
            row[0] = "（二）部分公开（区分处理的，只计这一情况，不计其他情形）"
    text = f"{TITLE}\n\n" + b.render(rows, "markdown")
    outcomes = _applications(text)["outcomes"]
    assert outcomes["withheld"]["internal_affairs"]["natural_person"] == 2
    assert "partially_disclosed" in outcomes


def test_full_width_digits_in_cells_are_read() -> None:
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    text = f"{TITLE}\n\n" + b.render(b.application_rows(), "lines").translate(full_width)
    assert _applications(text) == _applications(b.report_2021("markdown"))


def test_an_unkeyed_extra_row_is_skipped() -> None:
    rows = b.proactive_rows_2019()
    rows.insert(4, ["其他主动公开文件（含以本单位名义签发的文件）", "186", "86", "255"])
    text = f"{TITLE}\n\n" + b.render(rows, "pipes")
    proactive = parse_report(text)["proactive"]
    assert proactive["normative_documents"]["published_total"] == 19
    assert "其他主动公开文件" not in str(proactive)


def test_a_fee_amount_printed_in_yuan_goes_into_10k_yuan() -> None:
    rows = b.proactive_rows_2021()
    rows[-1] = ["行政事业性收费", "251000元"]
    proactive = parse_report(b.report_2021("markdown", proactive=rows))["proactive"]
    assert proactive["administrative_fees"] == {"amount_10k_yuan": 25.1}


def test_the_format_follows_the_tables_not_the_year() -> None:
    old_tables = b.report_2019("markdown", title="某某区水务局2022年政府信息公开工作年度报告")
    new_tables = b.report_2021("markdown", title="某某区水务局2020年政府信息公开工作年度报告")
    assert parse_report(old_tables)["format"] == "2019"
    assert parse_report(new_tables)["format"] == "2021"


def test_a_report_without_national_tables_is_legacy() -> None:
    text = b.legacy_report("二、主动公开政府信息情况\n全年主动公开政府信息120条。")
    assert parse_report(text)["format"] == "legacy"


def test_table_four_with_one_row_per_group_is_read() -> None:
    rows = [
        ["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["行政复议", "1", "0", "0", "0", "1"],
        ["未经复议直接起诉", "0", "0", "1", "0", "1"],
        ["复议后起诉", "2", "0", "0", "0", "2"],
    ]
    text = f"{TITLE}\n\n四、政府信息公开行政复议、行政诉讼情况\n" + b.render(rows, "markdown")
    appeals = parse_report(text)["appeals"]
    assert appeals["litigation_direct"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 1,
        "pending": 0,
        "total": 1,
    }
    assert appeals["litigation_after_review"]["total"] == 2


def test_table_four_blanks_are_absent() -> None:
    values = ["1", "", "", "", "1", *(["-"] * 10)]
    appeals = parse_report(b.report_2021("cell_pipes", appeals=values))["appeals"]
    assert appeals == {"review": {"upheld": 1, "total": 1}}


def test_2021_column_headers_are_matched_by_their_words() -> None:
    rows = b.proactive_rows_2021()
    rows[1] = ["信息内容", "本年新制发件数", "本年废止件数", "现行有效件数"]
    proactive = parse_report(b.report_2021("markdown", proactive=rows))["proactive"]
    assert proactive["regulations"] == {"issued": 1, "repealed": 0, "in_force": 5}


def test_a_label_wrapped_over_two_lines_is_one_label() -> None:
    rows = b.application_rows()
    text = f"{TITLE}\n\n" + b.render(rows, "lines")
    text = text.replace(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）",
    )
    assert _applications(text) == _applications(b.report_2021("markdown"))


def test_table_four_header_padded_with_blank_cells_keeps_the_group_order():
    from gongkai.reports.parsing import parse_report

    text = "\n".join(
        [
            "某区某局2023年政府信息公开工作年度报告",
            "四、政府信息公开行政复议、行政诉讼情况",
            "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
            "| | | | | | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 " * 3 + "|",
            "| 1 | 0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 2 | 3 | 0 | 0 | 0 | 3 |",
        ]
    )
    appeals = parse_report(text)["appeals"]
    assert appeals["review"]["total"] == 1
    assert appeals["litigation_direct"]["total"] == 2
    assert appeals["litigation_after_review"]["total"] == 3
