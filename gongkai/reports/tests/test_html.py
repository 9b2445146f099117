"""Saved HTML pages of reports."""

from __future__ import annotations

from gongkai.reports.parsing import parse_report
from gongkai.reports.parsing.html import html_to_text, looks_like_html

from . import builders as b


def test_an_html_page_parses_like_its_text() -> None:
    assert parse_report(b.report_2021("html")) == parse_report(b.report_2021("markdown"))


def test_table_rows_are_kept_as_rows_and_scripts_dropped() -> None:
    text = html_to_text(
        "<html><head><title>T</title><script>var a='<td>9</td>'</script></head>"
        "<body><table><tr><td>规章</td><td>1</td><td></td></tr></table></body>"
        "</html>"
    )
    assert "| 规章 | 1 |  |" in text.splitlines()
    assert "9" not in text


def test_a_blank_cell_spanning_columns_keeps_its_positions() -> None:
    text = html_to_text("<table><tr><td>行政许可</td><td colspan='3'></td></tr></table>")
    assert text == "| 行政许可 |  |  |  |"


def test_line_breaks_inside_a_cell_become_spaces() -> None:
    text = html_to_text("<table><tr><td>商业<br>企业</td><td>&nbsp;1</td></tr></table>")
    assert text.startswith("| 商业 企业 |")


def test_the_page_title_without_the_site_name_comes_first() -> None:
    text = html_to_text(
        "<html><head><title>某局2020年政府信息公开工作年度报告_某市政府</title>"
        "</head><body><p>正文</p></body></html>"
    )
    assert text.splitlines()[0] == "某局2020年政府信息公开工作年度报告"


def test_plain_text_is_not_taken_for_html() -> None:
    assert not looks_like_html("某局2020年政府信息公开工作年度报告\n<附件>")
    assert looks_like_html("<!DOCTYPE html><html><body></body></html>")
