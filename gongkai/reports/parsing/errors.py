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


ENCODINGS = ("utf-8-sig", "gb18030")


def decode_report(data: bytes, name: str) -> str:
    """Text of a saved report: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030."""
    if not data.strip():
        raise ReportParseError(f"文件为空：{name}", f"the file is empty: {name}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ReportParseError(f"二进制文件：{name}", f"binary file: {name}")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportParseError(f"无法识别文件编码：{name}", f"unknown text encoding: {name}")
