"""Percentages written in the text, with the count and the base each one refers to.

A checked percentage is one attached to a count by 占 ("当面提交的13件，占比1.3%",
"“信息不存在”95件，占总数的36.12%"). Its base is the total the sentence refers to: the
nearest earlier count in the paragraph that is not itself one of the enumerated parts (parts
carry their own percentage) and is not smaller than the count. "占总数" refers back to the
grand total, i.e. the base of the enumeration the paragraph already started. Percentages
with no count or no base in the text (同比增长, 全文电子化率) are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .paragraphs import text_paragraphs

_COUNT = re.compile(r"(\d+(?:\.\d+)?)(?:余|多)?(件|条|宗|个|份|人次|次|项|篇|户|家|名|人)(?![%\d])")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
# Between a count and its percentage: a short phrase containing 占 and no other number.
_LINK = re.compile(
    r"^[^0-9。;]{0,6}?[,(]?\s*(?:约|分别)?占(?:比|比例|总数的?|全部[^0-9]{0,6}?的?|"
    r"[^0-9。;,]{0,10}?的)?(?:为|达)?\s*$"
)
_GRAND_TOTAL = ("总数", "总量", "全部", "总件数")


@dataclass(frozen=True)
class StatedPercentage:
    """A percentage as printed, the count it qualifies and the base it is a share of."""

    printed: str
    value: Decimal
    places: int
    count: Decimal
    base: Decimal

    def recomputed(self) -> Decimal:
        """count / base × 100, rounded half up at the printed precision."""
        quantum = Decimal(1).scaleb(-self.places)
        return (self.count * 100 / self.base).quantize(quantum, rounding=ROUND_HALF_UP)


def find_percentages(text: str) -> list[StatedPercentage]:
    """Every checkable percentage of a report's text, in reading order."""
    found: list[StatedPercentage] = []
    for paragraph in text_paragraphs(text):
        found.extend(_in_paragraph(paragraph.text))
    return found


def _in_paragraph(text: str) -> list[StatedPercentage]:
    counts = [(m.start(), m.end(), Decimal(m.group(1))) for m in _COUNT.finditer(text)]
    if not counts:
        return []
    attached: dict[int, tuple[re.Match[str], str]] = {}  # count index → its percentage
    for match in _PERCENT.finditer(text):
        previous = [i for i, c in enumerate(counts) if c[1] <= match.start()]
        if not previous:
            continue
        index = previous[-1]
        link = text[counts[index][1] : match.start()]
        if _LINK.match(link) and index not in attached:
            attached[index] = (match, link)
    out: list[StatedPercentage] = []
    last_base: Decimal | None = None
    for index in sorted(attached):
        match, link = attached[index]
        count = counts[index][2]
        base: Decimal | None = None
        grand = any(word in link for word in _GRAND_TOTAL)
        if grand and last_base is not None and last_base >= count:
            base = last_base
        else:
            for back in range(index - 1, -1, -1):
                candidate = counts[back][2]
                if back in attached or candidate < count or candidate == 0:
                    continue
                base = candidate
                break
        if base is None or base == 0:
            continue
        last_base = base
        number = match.group(1)
        places = len(number.split(".")[1]) if "." in number else 0
        out.append(StatedPercentage(f"{number}%", Decimal(number), places, count, base))
    return out
