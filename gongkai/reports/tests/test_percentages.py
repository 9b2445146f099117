"""Percentages in the text: the count each one qualifies and the base it is a share of."""

from __future__ import annotations

from decimal import Decimal

from gongkai.reports.parsing.percentages import find_percentages


def test_an_enumerated_part_is_a_share_of_the_total_before_the_parts() -> None:
    text = "共收到申请100件，其中当面提交13件，占比13%，网上申请80件，占比80%，信函5件，占5%。"
    found = find_percentages(text)
    assert [(p.count, p.base) for p in found] == [(13, 100), (80, 100), (5, 100)]


def test_the_base_is_the_nearest_earlier_count_not_smaller_than_the_part() -> None:
    # 3件 is a share of 8件 (the nearest count at least as large), not of the smaller 2件.
    text = "收到200件，公开8件，补正2件，另有3件，占比37.5%。"
    (found,) = find_percentages(text)
    assert (found.count, found.base, found.recomputed()) == (3, 8, Decimal("37.5"))


def test_a_paragraph_of_thousands_of_parts_refers_each_to_the_total() -> None:
    # One pasted line can hold a whole report; every part is checked against the total.
    parts = "".join(f"第{i}类{i % 50 + 1}件，占比{i % 9}%，" for i in range(3000))
    found = find_percentages(f"共收到申请1000件，{parts}。")
    assert len(found) == 3000
    assert {p.base for p in found} == {1000}
