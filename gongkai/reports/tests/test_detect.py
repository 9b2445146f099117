"""Organisation, year and readability of the input."""

from __future__ import annotations

import pytest

from gongkai.reports.parsing import ReportParseError, parse_report

from . import builders as b


def test_the_year_comes_from_the_title_despite_a_contradicting_sentence() -> None:
    text = b.legacy_report(
        "2013年，本局将继续做好政府信息公开工作。",
        title="某某县民政局2012年政府信息公开工作年度报告",
    )
    assert parse_report(text)["year"] == 2012


def test_the_year_falls_back_to_the_statistics_period() -> None:
    text = "某某县民政局政府信息公开工作年度报告\n\n本报告统计期限为2016年1月1日至12月31日。"
    assert parse_report(text)["year"] == 2016


def test_a_year_in_chinese_numerals_in_the_title_is_read() -> None:
    text = "某某县民政局二〇一五年政府信息公开工作年度报告\n\n全年主动公开信息5条。"
    assert parse_report(text)["year"] == 2015


def test_the_organisation_is_the_heading_under_a_title_that_names_none() -> None:
    text = "关于2022年度政府信息公开情况的报告\n\n长春市某某办公室\n\n一、总体情况\n无。"
    document = parse_report(text)
    assert document["organization"] == "长春市某某办公室"
    assert document["year"] == 2022


def test_the_organisation_is_written_as_printed() -> None:
    text = "某某市人民政府（办公厅）2019年政府信息公开工作年度报告\n\n无。"
    assert parse_report(text)["organization"] == "某某市人民政府（办公厅）"


def test_the_organisation_before_a_guanyu_is_kept() -> None:
    text = "某某市财政局关于2019年度政府信息公开工作的年度报告\n\n无。"
    assert parse_report(text)["organization"] == "某某市财政局"


@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x01binary\x00", "hello, world"])
def test_unreadable_input_raises_a_specific_error(text: str) -> None:
    with pytest.raises(ReportParseError) as raised:
        parse_report(text)
    message = str(raised.value)
    assert "无法读取" in message and "Unreadable" in message and "\n" not in message


def test_a_breadcrumb_above_the_title_is_not_the_title() -> None:
    text = (
        "首页 > 政府信息公开 > 政府信息公开年报\n"
        "标题：某某市财政局2019年政府信息公开工作年度报告\n一、总体情况\n无。"
    )
    document = parse_report(text)
    assert document["organization"] == "某某市财政局"
    assert document["year"] == 2019


def test_the_organisation_may_be_the_heading_above_a_title_that_names_none() -> None:
    text = "某某市人民政府办公室\n2019年政府信息公开工作年度报告\n\n一、总体情况\n无。"
    assert parse_report(text)["organization"] == "某某市人民政府办公室"
