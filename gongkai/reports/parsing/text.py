"""Text normalisation shared by every reader.

Reports arrive with full-width digits and punctuation, non-breaking and ideographic spaces,
Windows line ends and stray zero-width characters. Readers work on NFKC-normalised lines
(so ``（一）`` reads as ``(一)`` and ``１２`` as ``12``) and keep the original lines for the
few things that must be reported "as printed" (the organisation's name).
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ReportParseError
from .numbers import replace_chinese_numerals, strip_thousands

BLANK_CELL = "\u00a0"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
_CLAUSE_SPLIT = re.compile(r"[，,；;。：:！!？?]")
# "网上申请30件、信函申请16件": an enumeration comma after a count separates two figures,
# while "复议、诉讼" (no count before the 、) stays one clause.
_COUNTED_ENUMERATION = re.compile(r"(?<=\d)(?:件次|人次|件|条|宗|个|份|次|项|篇|元)、")


def split_lines(text: str) -> list[str]:
    """Split on line ends only (``str.splitlines`` would also split on form feeds etc.)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def normalize_line(line: str) -> str:
    """NFKC-normalise one line, drop invisible characters and collapse runs of spaces.

    Tabs are kept: they separate cells in tab-separated tables. A line holding nothing but
    no-break spaces is an empty table cell copied one per line (a web page's ``&nbsp;`` in an
    empty ``<td>``): it stays one no-break space, which :func:`.cells.line_cells` reads as a
    blank cell, while any other blank line is empty.
    """
    if line and not line.strip("\u00a0 \t") and "\u00a0" in line:
        return BLANK_CELL
    line = line.translate(_INVISIBLE).replace("\u00a0", " ").replace("\u3000", " ")
    line = unicodedata.normalize("NFKC", line)
    return re.sub(r"[ ]{2,}", " ", line).strip(" ")


def prose_form(line: str) -> str:
    """A line prepared for reading figures out of sentences.

    Thousands separators go, Chinese numerals that count something become digits and spaces
    between a number and its unit disappear ("6160 人次" → "6160人次").
    """
    line = strip_thousands(line)
    line = replace_chinese_numerals(line)
    return re.sub(r"(?<=\d) +(?=[^\x00-\x7f])", "", line)


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph after 。；！？ (keeping the punctuation with its sentence)."""
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def clauses(sentence: str) -> list[str]:
    """Split a sentence on commas, semicolons and colons into clauses."""
    sentence = _COUNTED_ENUMERATION.sub(lambda m: m.group(0)[:-1] + "，", sentence)
    return [c for c in _CLAUSE_SPLIT.split(sentence) if c.strip()]


def looks_binary(text: str) -> bool:
    """True when ``text`` is evidently not prose: NULs, many control or replacement chars."""
    if "\x00" in text:
        return True
    sample = text[:20_000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def ensure_text(text: object) -> str:
    """Validate the input of :func:`parse_report`; raise :class:`ReportParseError` if unusable."""
    if not isinstance(text, str):
        raise ReportParseError("输入不是文本", "the input is not text")
    if not text.strip():
        raise ReportParseError("输入为空", "the input is empty")
    if looks_binary(text):
        raise ReportParseError(
            "输入是二进制数据，不是文本报告", "the input is binary, not a text report"
        )
    return text


def collapse_spaces(text: str) -> str:
    """Remove all spaces (labels are compared without them: "本年新 制作数量")."""
    return _SPACES.sub("", text)
