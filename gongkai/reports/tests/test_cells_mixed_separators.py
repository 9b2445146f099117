"""Rows whose cells are separated partly by tabs or pipes and partly by spaces."""

from __future__ import annotations

from gongkai.reports.parsing.cells import line_cells


def test_space_separated_values_inside_a_tab_separated_row_become_cells() -> None:
    assert line_cells("（一）予以公开\t12 1\t0\t0 0\t0\t13") == [
        "（一）予以公开",
        "12",
        "1",
        "0",
        "0",
        "0",
        "0",
        "13",
    ]


def test_space_separated_values_inside_a_pipe_cell_become_cells() -> None:
    assert line_cells("| 行政复议 | 1 0 | 0 |") == ["行政复议", "1", "0", "0"]


def test_a_number_with_spaces_as_thousands_separators_stays_one_cell() -> None:
    assert line_cells("行政许可\t4 512") == ["行政许可", "4 512"]


def test_header_words_inside_a_pipe_cell_are_not_split() -> None:
    assert line_cells("| 第二十条 第(一)项 |") == ["第二十条 第(一)项"]


def test_a_label_followed_by_a_space_and_its_first_value_is_split() -> None:
    assert line_cells("二、上年结转政府信息公开申请数量 2\t0\t1") == [
        "二、上年结转政府信息公开申请数量",
        "2",
        "0",
        "1",
    ]
