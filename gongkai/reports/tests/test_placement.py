"""Placing the values of table 三 rows whose blank cells left no trace."""

from __future__ import annotations

from gongkai.reports.parsing.placement import NATIONAL_ORDER, choose_columns, place_row, place_rows

COLUMNS = list(NATIONAL_ORDER)


def test_a_full_row_is_read_in_column_order() -> None:
    assert place_row(COLUMNS, ["5", "1", "0", "0", "0", "0", "6"])["total"] == 6


def test_six_values_that_do_not_add_up_to_the_last_leave_the_total_blank() -> None:
    assert place_row(COLUMNS, ["5", "1", "0", "0", "2", "0"]) == {
        "natural_person": 5,
        "commercial": 1,
        "research": 0,
        "social_welfare": 0,
        "legal_service": 2,
        "other_org": 0,
    }


def test_a_short_row_keeps_only_the_total_the_sum_confirms() -> None:
    assert place_row(COLUMNS, ["30", "2", "32"]) == {"total": 32}
    assert place_row(COLUMNS, ["5", "5"]) == {"total": 5}


def test_a_single_value_cannot_be_placed() -> None:
    assert place_row(COLUMNS, ["18"]) == {}


def test_a_full_total_row_settles_the_short_rows_by_the_column_sums() -> None:
    printed = [
        (("new",), ["4", "1", "0", "0", "0", "0", "5"]),
        (("outcomes", "disclosed"), ["3", "1", "4"]),
        (("outcomes", "partially_disclosed"), ["1", "1"]),
        (("outcomes", "total"), ["4", "1", "0", "0", "0", "0", "5"]),
    ]
    placed = dict(place_rows(COLUMNS, printed))
    assert placed[("outcomes", "disclosed")] == {"natural_person": 3, "commercial": 1, "total": 4}
    assert placed[("outcomes", "partially_disclosed")] == {"natural_person": 1, "total": 1}


def test_the_visual_order_wins_unless_the_numbers_prove_the_printed_header() -> None:
    header = ["total", *COLUMNS[:6]]
    visual_rows = [["5", "1", "0", "0", "0", "0", "6"]]
    total_first_rows = [["6", "5", "1", "0", "0", "0", "0"]]
    assert choose_columns(header, visual_rows) == COLUMNS
    assert choose_columns(header, total_first_rows) == header
