"""Finding the title, the reporting organisation, the year and the format of a report.

* The **year** comes from the title ("2018年…年度报告"), else from the statistics period
  ("统计期限为2018年1月1日至…"); a contradicting sentence elsewhere does not change it.
* The **organisation** is the reporting body as the title names it, else the heading under
  the title, else a "发布机构:" line, written as printed (from the original, un-normalised text).
* The **format** follows the tables, not the year: the 2021 and 2019 national tables differ in
  table 二's columns and in table 三's （六）; a report without national tables is legacy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import tables_2019, tables_2021
from .numbers import chinese_to_int

_YEAR = re.compile(r"((?:19|20)\d{2}|[零〇○一二][零〇○一二三四五六七八九]{3})\s*年")
_TITLE_WORDS = ("政府信息公开", "政务公开", "信息公开")
_REPORT_WORDS = ("报告", "年报")
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|期间|区间|周期)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月"
)
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_ORG_CUT = re.compile(
    r"(?:关于)?(?:(?:19|20)\d{2}|[零〇○一二][零〇○一二三四五六七八九]{3})\s*年度?"
)
_ORG_LINE = re.compile(r"(?:发布机构|发文机关|发布单位|来源)\s*[:：]\s*([^\s|｜:：]{2,40})")
_DATE_LINE = re.compile(r"^(?:发布|时间|日期|\d)")


@dataclass(frozen=True)
class Title:
    """The title line: its index, and its original and normalised text."""

    index: int
    original: str
    normalized: str


def year_value(token: str) -> int | None:
    """A year token as printed ("2018" or "二〇一八") → 2018."""
    if token.isdigit():
        return int(token)
    return chinese_to_int(token)


def find_title(original: list[str], normalized: list[str]) -> Title | None:
    """The line near the top that names a disclosure report ("…政府信息公开…报告").

    A line that also carries a year wins over one that does not, so that a breadcrumb such as
    "首页 > 政府信息公开 > 年度报告" above the real title is passed over.
    """
    candidates: list[Title] = []
    head = normalized[:60]
    for index, line in enumerate(head):
        squeezed = _title_like(line)
        if not squeezed:
            continue
        if any(w in squeezed for w in _TITLE_WORDS) and any(w in squeezed for w in _REPORT_WORDS):
            candidates.append(Title(index, original[index].strip(), squeezed))
            continue
        # A long title is often broken over two lines ("…政府信息公开" / "工作年度报告").
        following = _title_like(head[index + 1]) if index + 1 < len(head) else ""
        joined = squeezed + following
        if (
            following
            and len(joined) <= 80
            and not any(w in following for w in _TITLE_WORDS)
            and any(w in joined for w in _TITLE_WORDS)
            and any(w in following for w in _REPORT_WORDS)
        ):
            text = original[index].strip() + original[index + 1].strip()
            candidates.append(Title(index, text, joined))
    with_year = [t for t in candidates if _YEAR.search(t.normalized)]
    if with_year:
        return with_year[0]
    return candidates[0] if candidates else None


def _title_like(line: str) -> str:
    """The line without spaces if it could be (part of) a title, else ``""``."""
    squeezed = line.replace(" ", "")
    if len(squeezed) > 80 or re.search(r"[>»。，,]|\|", squeezed):
        return ""
    return squeezed


def find_year(title: Title | None, normalized: list[str]) -> int | None:
    """The statistics year: from the title, else from the statistics period, else None."""
    if title is not None:
        match = _YEAR.search(title.normalized)
        if match:
            return year_value(match.group(1))
    head = "".join(normalized[:80])
    match = _PERIOD.search(head.replace(" ", ""))
    if match:
        return int(match.group(1))
    match = re.search(r"((?:19|20)\d{2})\s*年度?(?:政府信息公开|政务公开)", head)
    if match:
        return int(match.group(1))
    return None


def _organisation_from_title(title: str) -> str:
    text = title.strip()
    text = re.sub(r"^(?:标\s*题|名\s*称|文件名称|题\s*目)\s*[:：]\s*", "", text)
    text = re.sub(r"^[【\[《<]|[】\]》>]$", "", text)
    # The organisation is before the disclosure words, with the year and "关于" removed.
    cut = len(text)
    for word in _TITLE_WORDS:
        position = text.find(word)
        if position != -1:
            cut = min(cut, position)
    head = text[:cut]
    head = _ORG_CUT.sub("", head)
    head = re.sub(r"(?:关于|的)$", "", head.strip())
    head = re.sub(r"^(?:关于)", "", head)
    return head.strip(" 　:：-—_")


def find_organization(
    original: list[str], normalized: list[str], title: Title | None
) -> str | None:
    """The reporting body as printed in the title, the heading under it, or a 发布机构 line."""
    if title is not None:
        name = _organisation_from_title(title.original)
        if len(name) >= 2:
            return name
        # The heading under the title, else a heading line just above it.
        below = range(title.index + 1, min(len(original), title.index + 6))
        above = range(title.index - 1, max(-1, title.index - 4), -1)
        for lines in (below, above):
            for index in lines:
                squeezed = normalized[index].replace(" ", "")
                if not squeezed:
                    continue
                if _looks_like_organisation(squeezed):
                    return original[index].strip()
                break
    for line in normalized[:40]:
        match = _ORG_LINE.search(line)
        if match:
            return match.group(1)
    return None


def _looks_like_organisation(squeezed: str) -> bool:
    return (
        2 <= len(squeezed) <= 40
        and not _SECTION_HEADING.match(squeezed)
        and not _DATE_LINE.match(squeezed)
        and not re.search(r"[,。;:!?|>»]", squeezed)
        and not _YEAR.search(squeezed)
        and not any(w in squeezed for w in _TITLE_WORDS)
    )


def detect_format(
    proactive_keys: set[str],
    has_applications_table: bool,
    other_has_subrows: bool,
    other_single_row: bool,
    year: int | None,
) -> str:
    """ "2021", "2019" or "legacy", from which national tables the report prints."""
    # The （六） sub-rows weigh more than one column name: they are the clearest difference.
    score_2021 = len(proactive_keys & tables_2021.PROACTIVE_MARKERS)
    score_2021 += 2 if other_has_subrows else 0
    score_2019 = len(proactive_keys & tables_2019.PROACTIVE_MARKERS)
    score_2019 += 2 if other_single_row else 0
    if not proactive_keys and not has_applications_table:
        return "legacy"
    if score_2021 > score_2019:
        return "2021"
    if score_2019 > score_2021:
        return "2019"
    # Nothing tells the tables apart: fall back to the year the format came into use.
    return "2019" if year is not None and year < 2021 else "2021"
