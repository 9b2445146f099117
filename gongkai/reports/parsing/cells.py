"""Turning any table layout into a stream of cells.

Published reports print the national tables in many ways once they have been copied out of
Word, PDF or a web page:

* one cell per line, no separators at all;
* markdown rows ``| a | b | c |`` (possibly with ``---|---`` rules);
* pipe-separated rows with extra empty cells at the end (``a | b | ||``);
* one cell per line ending in ``|``, where a lone ``|`` is a blank cell and ``||`` ends a row;
* tab-separated rows, or cells separated by runs of spaces (text copied out of PDFs).

The table readers do not trust row boundaries (header rows are split over several lines,
merged cells disappear): they read a flat stream of cells and recognise row labels by their
words. What this module must preserve is every *blank* cell, because a blank is a value
position that is absent, and the order of the cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .numbers import is_value_cell
from .text import BLANK_CELL

_SPACED_THOUSANDS = re.compile(r"^\d{1,3}(?: \d{3})+$")
_ONLY_PIPES = re.compile(r"^\|{2,}$")
_PUNCTUATION = re.compile(r"[。，,；;：:！？!?、]")
_RULE = re.compile(r"^[\s|:\-—=+]+$")  # markdown header rules and ASCII-art borders
# "— |" or "- |": one cell holding a dash placeholder (absent), not a rule.
_DASH_CELL = re.compile(r"^\|?\s*(?:-|—|——|--|─|–)\s*\|$")


@dataclass(frozen=True)
class Cell:
    """One cell of text (NFKC-normalised and stripped) and the line it came from."""

    text: str
    line: int


def line_cells(line: str) -> list[str]:
    """Split one normalised line into its cells.

    Returns ``[]`` for lines that carry no cell (a row end ``||``, a markdown rule or an
    empty line). A lone ``|`` is one blank cell.
    """
    if line == BLANK_CELL:
        return [""]
    stripped = line.strip()
    if not stripped:
        return []
    if "\t" in line and "|" not in stripped:
        # Tab-separated: a leading tab is a blank first cell (a no-break space that stood in
        # it became a space, then nothing), so only spaces are stripped from the ends.
        return _expand_spaced_numbers(
            part.strip() for part in line.strip(" ").rstrip("\t").split("\t")
        )
    if stripped == "|":
        return [""]
    if _ONLY_PIPES.match(stripped):
        return []
    if "|" in stripped:
        if _RULE.match(stripped) and not _DASH_CELL.match(stripped):
            return []
        body = stripped
        if body.startswith("|"):
            body = body[1:]
        if body.endswith("|"):
            body = body[:-1]
        return _expand_spaced_numbers(part.strip() for part in body.split("|"))
    return _split_spaced_values(stripped)


def _expand_spaced_numbers(parts: Iterable[str]) -> list[str]:
    """Split a cell ending in space-separated values ("1 0", "label 30") into cells.

    Text copied out of a PDF mixes tabs (or pipes) with spaces between cells. A run that
    could be one number with spaces as thousands separators ("4 512") stays one cell.
    """
    cells: list[str] = []
    for part in parts:
        tokens = part.split(" ")
        cut = len(tokens)
        while cut > 0 and _is_spaced_value(tokens[cut - 1]):
            cut -= 1
        values = tokens[cut:]
        if len(tokens) < 2 or not values or _SPACED_THOUSANDS.match(" ".join(values)):
            cells.append(part)
            continue
        label = " ".join(tokens[:cut])
        cells.extend(([label] if label else []) + values)
    return cells


def _split_spaced_values(line: str) -> list[str]:
    """Split "label v1 v2 v3" (space-separated values, as PDF text is) into cells.

    A line is only split when everything after the label is a run of values, so prose and
    headings such as "第二十条 第(一)项" stay one cell.
    """
    tokens = line.split(" ")
    if len(tokens) < 2:
        return [line]
    if all(len(t) <= 12 for t in tokens) and not _PUNCTUATION.search(line):
        # A header row of short words ("结果维持 结果纠正 其他结果 …"): one cell per word.
        return tokens
    cut = len(tokens)
    while cut > 0 and _is_spaced_value(tokens[cut - 1]):
        cut -= 1
    if cut == len(tokens):
        return [line]
    label = " ".join(tokens[:cut])
    values = tokens[cut:]
    return ([label] if label else []) + values


def _is_spaced_value(token: str) -> bool:
    # Blanks cannot be seen between spaces, so only printed numbers and marks count here.
    return bool(token) and is_value_cell(token)


def cell_stream(lines: list[str], start: int = 0, stop: int | None = None) -> list[Cell]:
    """All cells of ``lines[start:stop]`` in reading order, blanks included."""
    stop = len(lines) if stop is None else stop
    cells: list[Cell] = []
    for index in range(start, stop):
        for text in line_cells(lines[index]):
            cells.append(Cell(text, index))
    return cells
