"""Reading numbers as reports print them."""

from __future__ import annotations

from gongkai.reports.parsing.numbers import (
    Quantity,
    chinese_to_int,
    convert_money,
    is_placeholder,
    parse_number,
    read_quantity,
    replace_chinese_numerals,
)


def test_full_width_digits_are_read_as_digits() -> None:
    assert parse_number("１２３") == 123


def test_thousands_separators_are_ignored() -> None:
    assert parse_number("1,046") == 1046
    assert parse_number("１，０４６") == 1046


def test_units_are_dropped_but_remembered() -> None:
    assert read_quantity("263件") == Quantity(263, "件")
    assert read_quantity("207人次") == Quantity(207, "人次")
    assert read_quantity("25.1万元") == Quantity(25.1, "万元")


def test_chinese_numerals_are_read() -> None:
    assert chinese_to_int("二十三") == 23
    assert chinese_to_int("一百零五") == 105
    assert chinese_to_int("两千") == 2000
    assert chinese_to_int("十二") == 12
    assert chinese_to_int("一万二千") == 12000
    assert chinese_to_int("二〇一八") == 2018
    assert parse_number("二十七条") == 27


def test_chinese_numerals_become_digits_only_when_they_count_something() -> None:
    assert replace_chinese_numerals("主动公开信息二十七条，其中概况信息一条") == (
        "主动公开信息27条，其中概况信息1条"
    )
    assert replace_chinese_numerals("一是加强领导，第一条") == "一是加强领导，第一条"


def test_an_approximate_count_is_its_round_number() -> None:
    assert parse_number("3000余") == 3000
    assert parse_number("3000余件") == 3000


def test_signed_changes_are_signed_integers() -> None:
    assert parse_number("+2") == 2
    assert parse_number("-1") == -1
    assert parse_number("减4") == -4
    assert parse_number("增3") == 3


def test_placeholders_are_absent_not_zero() -> None:
    for mark in ("", " ", "/", "／", "——", "—", "-", "无"):
        assert is_placeholder(mark), mark
        assert parse_number(mark) is None, mark
    assert parse_number("0") == 0


def test_money_goes_into_the_keys_unit() -> None:
    assert convert_money(Quantity(251000, "元"), "万元") == 25.1
    assert convert_money(Quantity(2.5, "万元"), "元") == 25000
    assert convert_money(Quantity(386.5, ""), "万元") == 386.5


def test_text_is_not_a_number() -> None:
    assert parse_number("行政许可") is None
