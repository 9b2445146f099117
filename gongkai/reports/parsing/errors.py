"""The one error the parser raises for input it cannot read."""

from __future__ import annotations


class ReportParseError(ValueError):
    """The input is not a readable annual report (empty, binary, or not a report at all).

    The message is one line, Chinese then English, so that it can be shown as is on a
    command line or in a form error.
    """

    def __init__(self, chinese: str, english: str) -> None:
        self.chinese = chinese
        self.english = english
        super().__init__(f"无法读取年度报告：{chinese} / Unreadable annual report: {english}")
