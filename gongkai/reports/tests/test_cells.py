"""Turning table layouts into cells."""

from __future__ import annotations

from gongkai.reports.parsing.cells import cell_stream, line_cells


def test_a_markdown_row_is_split_on_its_pipes() -> None:
    assert line_cells("| 规章 | / | 2 | 3 |") == ["规章", "/", "2", "3"]


def test_trailing_empty_pipes_become_blank_cells() -> None:
    assert line_cells("行政强制 | 4 | 4 | - | ||") == ["行政强制", "4", "4", "-", "", ""]


def test_a_lone_pipe_is_a_blank_cell_and_a_double_pipe_ends_a_row() -> None:
    assert line_cells("|") == [""]
    assert line_cells("||") == []
    assert [c.text for c in cell_stream(["规章 |", "0 |", "|", "||"])] == ["规章", "0", ""]


def test_a_markdown_rule_carries_no_cells() -> None:
    assert line_cells("---|---|") == []


def test_a_tab_separated_row_is_split_on_tabs() -> None:
    assert line_cells("行政许可\t1358") == ["行政许可", "1358"]


def test_space_separated_values_after_a_label_are_cells() -> None:
    assert line_cells("行政规范性文件 82 17 402") == ["行政规范性文件", "82", "17", "402"]


def test_a_sentence_is_one_cell() -> None:
    line = "2024年共收到政府信息公开申请1,046件。按提交方式分，通过信函提交的171件。"
    assert line_cells(line) == [line]
