"""Page furniture of PDF-copied text (``parsing.pages``)."""

from __future__ import annotations

from gongkai.reports.parsing.pages import drop_page_furniture

TITLE = "某区司法局2022年政府信息公开工作年度报告"


def test_page_numbers_in_their_usual_forms_are_dropped() -> None:
    text = "\n".join(
        [TITLE, "（一）予以公开", "— 3 —", "- 4 -", "第 2 页 共 5 页", "共5页 第3页", "12"]
    )
    assert drop_page_furniture(text).split("\n") == [TITLE, "（一）予以公开", "12"]


def test_the_title_repeated_as_a_running_header_is_dropped_but_not_the_title() -> None:
    body = [f"第{i}段" for i in range(15)]
    text = "\n".join([TITLE, *body, TITLE, "（七）总计 3 0 0 0 0 0 3"])
    assert drop_page_furniture(text).split("\n") == [TITLE, *body, "（七）总计 3 0 0 0 0 0 3"]


def test_a_bare_number_or_a_dash_cell_is_kept() -> None:
    text = "\n".join([TITLE, "3", "—", "-3", "+2"])
    assert drop_page_furniture(text).split("\n") == [TITLE, "3", "—", "-3", "+2"]
