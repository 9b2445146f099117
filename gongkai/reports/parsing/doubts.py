"""Cells read with doubt, listed beside the statistics for a person to confirm.

Three kinds (``reason``):

* ``ocr_repaired`` — OCR took a digit for a letter ("1O", "l2", a lone "O") in a cell of a
  row of figures, where nothing but a number can stand; the cell is read as the number and
  listed with what was printed;
* ``placed_by_order`` — a row of figures printed apart from its label, put under the label
  the national table's fixed order gives it; ``not_placed`` — rows that could not be placed;
* ``prose_contradicts`` — a sentence states a figure the table prints differently (the table
  is kept; the sentence is shown).

Each entry: ``{"reason", "where", "printed", "read"}`` (``where`` a statistic path, or the
row's label when no statistic took the cell).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .numbers import is_value_cell, parse_number
from .paragraphs import Paragraph
from .text import sentences

# Letters OCR gives for digits; only ever applied to a cell that must hold a number.
_CONFUSED = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1",
                           "i": "1", "!": "1", "Z": "2", "z": "2", "S": "5", "s": "5",
                           "B": "8", "g": "9", "¦": "1", "丨": "1", "工": "1"})  # fmt: skip
_CONFUSABLE_CELL = re.compile(r"^[0-9OoDQlIi!ZzSsBg¦丨工]+$")
_SPLIT = re.compile(r"(\||\t| +)")
_LOOKALIKE = "OoDQlIi!ZzSsBg¦丨工"
# A whole cell of digits and look-alikes with at least one look-alike, between separators.
_CANDIDATE = re.compile(
    rf"(?:^|(?<=[|\t ]))[0-9{_LOOKALIKE}]*[{_LOOKALIKE}][0-9{_LOOKALIKE}]*(?=$|[|\t ])",
    re.MULTILINE,
)


@dataclass
class Repair:
    """One repaired cell: its line, what was printed and the number read."""

    line: int
    part: int  # the cell's index among the line's parts split by _SPLIT
    printed: str
    value: int
    label: str


def repair_ocr_cells(lines: list[str]) -> tuple[list[str], list[Repair]]:
    """Lines with the confused digits of figure cells repaired, and the list of repairs.

    A cell is repaired only when it is made of digits and look-alike letters with at least
    one letter, stands after the row's label, and the row's other cells are figures: a row
    of a national table, where the cell can hold nothing else.
    """
    out: list[str] = []
    repairs: list[Repair] = []
    if not _CANDIDATE.search("\n".join(lines)):
        return list(lines), repairs  # the usual case: nothing that could be a misread digit
    for number, line in enumerate(lines):
        if not _CANDIDATE.search(line):
            out.append(line)
            continue
        parts = _SPLIT.split(line)
        cells = [(i, p.strip()) for i, p in enumerate(parts) if i % 2 == 0 and p.strip()]
        suspects = [(i, text) for i, text in cells if _suspect(text)]
        figures = [text for _, text in cells if is_value_cell(text)]
        if not suspects or len(figures) < 2 or len(cells) < 3:
            out.append(line)
            continue
        label = cells[0][1] if not is_value_cell(cells[0][1]) else ""
        for index, text in suspects:
            repaired = text.translate(_CONFUSED)
            parts[index] = parts[index].replace(text, repaired)
            repairs.append(Repair(number, index, text, int(repaired), label))
        out.append("".join(parts))
    return out, repairs


def _suspect(text: str) -> bool:
    return bool(_CONFUSABLE_CELL.match(text)) and not text.isdigit() and len(text) <= 7


def locate(lines: list[str], repairs: list[Repair], parse: Callable[[str], dict]) -> list[dict]:
    """The doubt entries of the repairs, each with the statistic its cell became.

    The text is read once more with each repaired cell replaced by a number that occurs
    nowhere else; the statistic that holds that number is the cell's.
    """
    from ..statistics import flatten

    marked = list(lines)
    markers: dict[int, Repair] = {}
    for index, repair in enumerate(repairs):
        marker = 9_100_000 + index * 7
        parts = _SPLIT.split(marked[repair.line])
        parts[repair.part] = parts[repair.part].replace(str(repair.value), str(marker))
        marked[repair.line] = "".join(parts)
        markers[marker] = repair
    found = {value: path for path, value in flatten(parse("\n".join(marked))).items()}
    entries = []
    for marker, repair in markers.items():
        entries.append(
            {
                "reason": "ocr_repaired",
                "where": found.get(marker, repair.label),
                "printed": repair.printed,
                "read": repair.value,
            }
        )
    return entries


# -- prose against the table -------------------------------------------------------------------
# Sentences that state a table 三 total, and the statistic each states.
_STATED_TOTALS = (
    (
        re.compile(r"(?:本年|全年|共|本年度)?新收[^,，。;；]{0,14}?申请(?:共计|共)?(\d+)件"),
        ("new", "applications.new.total"),
    ),
    (
        re.compile(r"上年结转[^,，。;；]{0,14}?申请(?:共计|共)?(\d+)件"),
        ("carried_in", "applications.carried_in.total"),
    ),
)


def prose_contradictions(document: dict, paragraphs: list[Paragraph]) -> list[dict]:
    """Sentences stating table 三's new or carried-in total differently from the table."""
    applications = document.get("applications", {})
    entries = []
    for paragraph in paragraphs:
        text = paragraph.text
        if ("新收" not in text and "上年结转" not in text) or "|" in text or "\t" in text:
            continue
        for sentence in sentences(text):
            for pattern, (row, where) in _STATED_TOTALS:
                total = applications.get(row, {}).get("total")
                if total is None:
                    continue
                for match in pattern.finditer(sentence):
                    stated = parse_number(match.group(1))
                    if stated is not None and stated != total:
                        entries.append(
                            {
                                "reason": "prose_contradicts",
                                "where": where,
                                "printed": sentence.strip()[:120],
                                "read": total,
                            }
                        )
    return entries[:5]
