"""Table 三 printed with its row labels apart from its figures.

Text taken out of a PDF column by column gives every row label of table 三 first and then
every row of figures (or the figures one per line). The figures keep the national table's
fixed row order, so they can be put under their labels — but only when their count and
their lines leave no doubt: one line of figures per label that prints figures, each line as
wide as the table (or, one per line, exactly rows × columns figures). Otherwise nothing is
guessed and the rows are named as not placed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cells import Cell
from .labels import split_compound
from .numbers import is_value_cell

Path = tuple[str, ...]
_MIN_LABELS = 4  # fewer labels in a row are an ordinary table's wrapped header


@dataclass
class Apart:
    """The rows placed by order (path, printed figures), the doubts and where reading ended."""

    rows: list[tuple[Path, list[str]]]
    doubts: list[dict]
    end: int


def label_block(cells: list[Cell], start: int, classify) -> tuple[list[Path], list[str], int]:
    """The row paths named by the labels from ``start`` up to the first figure.

    Returns (paths of rows that may print figures, parents seen in order, index of the first
    figure). ``classify(piece, parent)`` is table 三's row classifier.
    """
    paths: list[Path] = []
    parents: list[str] = []
    parent: str | None = None
    index = start
    while index < len(cells) and not is_value_cell(cells[index].text):
        for piece in split_compound(cells[index].text):
            found = classify(piece, parent)
            if found is None:
                continue
            kind, key = found
            if kind == "parent":
                parent = key
                parents.append(key)
                if key == "other":
                    paths.append(("outcomes", "other", "all"))  # printed only in 2019 tables
            else:
                paths.append(key)
                parent = key[1] if len(key) == 3 else None
        index += 1
    return paths, parents, index


def place_apart(
    cells: list[Cell], start: int, columns: list[str], classify, stop_words: tuple[str, ...]
) -> Apart | None:
    """Rows of a table 三 whose labels stand apart, or ``None`` when it is not printed so."""
    paths, _, first_value = label_block(cells, start, classify)
    if len(paths) < _MIN_LABELS or ("carried_out",) not in paths:
        return None
    values: list[Cell] = []
    index = first_value
    while index < len(cells):
        text = cells[index].text
        if not is_value_cell(text):
            if any(word in text for word in stop_words) or values:
                break
        else:
            values.append(cells[index])
        index += 1
    lines: dict[int, list[str]] = {}
    for cell in values:
        lines.setdefault(cell.line, []).append(cell.text)
    grouped = list(lines.values())
    width = len(columns)
    # （六）其他处理 prints figures in the 2019 table only; its sub-rows do in 2021.
    has_subrows = any(len(p) == 3 and p[1] == "other" and p[2] != "all" for p in paths)
    rows = [p for p in paths if not (p == ("outcomes", "other", "all") and has_subrows)]
    placed: list[list[str]] | None = None
    if len(grouped) == len(rows) and all(len(g) == width for g in grouped):
        placed = grouped
    elif all(len(g) == 1 for g in grouped) and len(values) == len(rows) * width:
        flat = [c.text for c in values]
        placed = [flat[i * width : (i + 1) * width] for i in range(len(rows))]
    if placed is None:
        return Apart(
            [],
            [
                {
                    "reason": "not_placed",
                    "where": "applications." + ".".join(path),
                    "printed": f"{len(values)} 个数字",
                    "read": f"{len(rows)} 行 × {width} 列",
                }
                for path in rows
            ],
            index,
        )
    doubts = [
        {
            "reason": "placed_by_order",
            "where": "applications." + ".".join(path),
            "printed": " ".join(figures),
            "read": "按国家表格行序",
        }
        for path, figures in zip(rows, placed, strict=True)
    ]
    return Apart(list(zip(rows, placed, strict=True)), doubts, index)
