"""The 109号 tiers on their boundaries and the worked examples of regulations.md §2.3."""

import pytest

from gongkai.applications.fee_tiers import (
    month_total,
    page_bands,
    page_total,
    rate_for_application,
)


@pytest.mark.parametrize(
    ("k", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_the_kth_application_of_a_month_is_charged_at_its_band(k, rate):
    assert rate_for_application(k) == rate


@pytest.mark.parametrize(
    ("count", "total"),
    [(10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300)],
)
def test_a_months_applications_add_up_band_by_band(count, total):
    assert month_total(count) == total


def test_35_applications_in_one_month_cost_3000_yuan():
    assert month_total(35) == 3000


@pytest.mark.parametrize(
    ("pages", "total"),
    [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)],
)
def test_pages_are_charged_band_by_band(pages, total):
    assert page_total(pages) == total


def test_250_pages_cost_4700_yuan_with_the_breakdown_of_the_worked_example():
    bands = [b for b in page_bands(250) if b.rate]
    assert [(b.units, b.rate, b.amount) for b in bands] == [
        (70, 10, 700),
        (100, 20, 2000),
        (50, 40, 2000),
    ]
    assert page_total(250) == 4700
    assert bands[0].describe("页") == "第 31–100 页：70 页 × 10 元 = 700 元"


def test_nothing_below_one_page_or_application_is_priced():
    with pytest.raises(ValueError):
        page_total(0)
    with pytest.raises(ValueError):
        rate_for_application(0)
