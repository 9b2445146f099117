"""Page furniture of text copied out of a PDF.

A PDF copied as text carries, at every page break, a page number ("— 3 —", "- 3 -",
"第 2 页 共 5 页", "第2页/共5页", "3/5") and often the report's title as a running header.
Inside a table these lines come between two rows, or between a wrapped label and the rest of
its row, or between a label and its numbers; they are dropped before anything is read. A bare
number on its own line is never dropped (a cell copied one per line looks the same).
"""

from __future__ import annotations

import re
import unicodedata

from .text import split_lines

_DASH = r"[-—–－―‐−─]"
_PAGE_NUMBER = re.compile(
    rf"^(?:{_DASH}+\s*\d{{1,3}}\s*{_DASH}+"
    r"|第\s*\d{1,3}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*[,，/／]?\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*共?\s*\d{1,3}\s*页?"
    r"|page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)$",
    re.IGNORECASE,
)
_TITLE_WORDS = ("年度报告", "年报")
_TITLE_ZONE = 12  # the title is among the first non-empty lines


def drop_page_furniture(text: str) -> str:
    """``text`` without page numbers and without the title repeated as a running header."""
    lines = split_lines(text)
    titles: set[str] = set()
    kept: list[str] = []
    seen_non_empty = 0
    for line in lines:
        key = _key(line)
        if not key:
            kept.append(line)
            continue
        seen_non_empty += 1
        if _PAGE_NUMBER.match(key):
            continue
        if key in titles and seen_non_empty > _TITLE_ZONE:
            continue
        if seen_non_empty <= _TITLE_ZONE and any(w in key for w in _TITLE_WORDS):
            titles.add(key)
        kept.append(line)
    return "\n".join(kept)


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line)).strip()
