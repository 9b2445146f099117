"""Shanghai-style 附表 read by ``legacy.read_annex``: which column is the year's figure."""

from __future__ import annotations

from gongkai.reports.parsing.legacy import read_annex


def test_an_annex_with_this_year_and_cumulative_columns_gives_new_and_total_items() -> None:
    figures = read_annex(
        [
            "统计指标\t单位\t本年\t累计",
            "（一）主动公开政府信息数\t条\t512\t3,092",
            "（一）申请总数\t条\t47\t210",
        ]
    )
    assert figures[("proactive", "items_new")] == 512
    assert figures[("proactive", "items_total")] == 3092
    assert figures[("applications", "received_total")] == 47


def test_an_annex_with_one_figure_column_gives_no_cumulative_total() -> None:
    figures = read_annex(["统计指标\t单位\t统计数", "（一）主动公开政府信息数\t条\t512"])
    assert figures[("proactive", "items_new")] == 512
    assert ("proactive", "items_total") not in figures
