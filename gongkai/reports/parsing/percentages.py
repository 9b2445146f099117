"""Percentages written in the text, with the count and the base each one refers to.

A checked percentage is one attached to a count by 占 ("当面提交的13件，占比1.3%",
"“信息不存在”95件，占总数的36.12%"). Its base is the total the sentence refers to: the
nearest earlier count in the paragraph that is not itself one of the enumerated parts (parts
carry their own percentage) and is not smaller than the count. "占总数" refers back to the
grand total, i.e. the base of the enumeration the paragraph already started. Percentages
with no count or no base in the text (同比增长, 全文电子化率) are not checked.

A percentage may also come before its count ("其中予以公开的占45%，计48件", "占比82.5%（99件）").
Violations name the percentage as printed, full-width digits included ("text:１８．５％").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .numbers import NUMBER
from .paragraphs import text_paragraphs
from .text import split_lines

_COUNT = re.compile(rf"{NUMBER}(?:余|多)?(件|条|宗|个|份|人次|次|项|篇|户|家|名|人)(?![%\d])")
_PERCENT = re.compile(rf"{NUMBER}%")
# Between a count and its percentage: a short phrase containing 占 and no other number.
_LINK = re.compile(
    r"^[^0-9。;]{0,6}?[,(]?\s*(?:约|分别)?占(?:比|比例|总数的?|全部[^0-9]{0,6}?的?|"
    r"[^0-9。;,]{0,10}?的)?(?:为|达)?\s*$"
)
# Between a percentage and the count it qualifies, when the count comes second.
_LINK_AFTER = re.compile(
    r"^(?:的[^0-9。;,%]{0,12}?)?\s*[,(]?\s*(?:计|共计|共|合计|总计|为|即|达|约)?\s*$"
)
# A percentage as printed in the original text (full-width digits and signs included).
# Bounded like NUMBER (which reads the normalised text) so that the two line up.
_PRINTED_PERCENT = re.compile(
    r"(?<![0-9０-９])(?<![0-9０-９][.．])[0-9０-９]{1,15}+(?:[.．][0-9０-９]{1,10}+)?\s*[%％]"
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
    originals = split_lines(text)
    for paragraph in text_paragraphs(text):
        line = originals[paragraph.line] if paragraph.line < len(originals) else ""
        printed = [m.group(0).replace(" ", "") for m in _PRINTED_PERCENT.finditer(line)]
        found.extend(_in_paragraph(paragraph.text, printed))
    return found


def _in_paragraph(text: str, printed: list[str] | None = None) -> list[StatedPercentage]:
    counts = [(m.start(), m.end(), Decimal(m.group(1))) for m in _COUNT.finditer(text)]
    if not counts:
        return []
    percents = list(_PERCENT.finditer(text))
    # The printed forms line up with the normalised percentages only if none was lost.
    printed = printed if printed is not None and len(printed) == len(percents) else None
    # Counts do not overlap, so their starts and ends are both in order: a percentage's
    # neighbouring counts are found by bisection (a long paragraph stays n log n).
    starts = [start for start, _, _ in counts]
    ends = [end for _, end, _ in counts]
    attached: dict[int, tuple[re.Match[str], str, str]] = {}  # count index → its percentage
    for ordinal, match in enumerate(percents):
        as_printed = printed[ordinal] if printed else f"{match.group(1)}%"
        index = bisect_right(ends, match.start()) - 1  # the last count ending before it
        if index >= 0:
            link = text[counts[index][1] : match.start()]
            if _LINK.match(link) and index not in attached:
                attached[index] = (match, link, as_printed)
                continue
        index = bisect_left(starts, match.end())  # the first count starting after it
        if (
            index < len(counts)
            and index not in attached
            and _LINK_AFTER.match(text[match.end() : counts[index][0]])
        ):
            before = text[max(0, match.start() - 12) : match.start()]
            if "占" in before:
                attached[index] = (match, before, as_printed)
    out: list[StatedPercentage] = []
    last_base: Decimal | None = None
    bases = _NearestAtLeast()
    unread = 0  # counts before this index are in ``bases`` (the unattached, non-zero ones)
    for index in sorted(attached):
        for earlier in range(unread, index):
            if earlier not in attached and counts[earlier][2] != 0:
                bases.add(counts[earlier][2])
        unread = index + 1
        match, link, as_printed = attached[index]
        count = counts[index][2]
        grand = any(word in link for word in _GRAND_TOTAL)
        if grand and last_base is not None and last_base >= count:
            base: Decimal | None = last_base
        else:
            base = bases.nearest_at_least(count)
        if base is None or base == 0:
            continue
        last_base = base
        number = match.group(1)
        places = len(number.split(".")[1]) if "." in number else 0
        out.append(StatedPercentage(as_printed, Decimal(number), places, count, base))
    return out


class _NearestAtLeast:
    """Values added in reading order; finds the latest one that is at least a given value.

    An earlier value not above a later one can never be the answer (the later one is as large
    and nearer), so only a strictly decreasing run is kept and searched by bisection.
    """

    def __init__(self) -> None:
        self._negated: list[Decimal] = []  # the run, negated so that it increases

    def add(self, value: Decimal) -> None:
        while self._negated and -self._negated[-1] <= value:
            self._negated.pop()
        self._negated.append(-value)

    def nearest_at_least(self, value: Decimal) -> Decimal | None:
        at_least = bisect_right(self._negated, -value)  # how many of the run are >= value
        return -self._negated[at_least - 1] if at_least else None
