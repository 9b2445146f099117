"""Which column each printed value of a table 三 row belongs to, when the layout does not say.

Two things can separate the values from their columns:

* **Header order.** A header with merged cells comes out of a web page or a PDF in an order
  that depends on the markup and the copying (总计 or 法人或其他组织, spanning rows, may be
  written before 自然人), while the values are in the visual order of the national table:
  自然人, the five organisation columns (whose own order, printed in one header row, is
  reliable), 总计. The printed order is used only when the numbers prove it: when more
  fully printed rows satisfy "总计 = the sum of the six applicant columns" under it than
  under the visual order (a table that really prints its 总计 column first).
* **Blank cells in one-cell-per-line text.** With no separators a blank cell leaves no
  trace, so a row of seven columns may show only three numbers. The values keep their
  order, so every placement of them into the columns in order is a candidate. Placements
  that the row-total rule confirms (a total equal to the sum of the placed applicant
  columns) are preferred to those it cannot check; a placement it contradicts is dropped.
  When the 总计 row is printed in full, the column sums settle more: the placements of all
  short rows are searched together and only combinations that satisfy rule 2 (each column
  of （七）总计 is the sum of the outcome rows) and rule 1 (新收 + 结转 = 总计 + 结转下年)
  are kept. A column gets a value only when every remaining placement agrees on it: the
  row's uncertain cells stay absent rather than be guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from ..statistics import COLUMN_KEYS as NATIONAL_ORDER
from .numbers import Number, parse_number

TOTAL = "total"
_ABSENT = object()


def _total_holds(row: dict[str, Number]) -> bool | None:
    """True/False when the row's total is checkable against its applicant columns, else None."""
    if row.get(TOTAL) is None:
        return None
    parts = [Decimal(str(v)) for k, v in row.items() if k != TOTAL and v is not None]
    if not parts:
        return None
    return sum(parts, Decimal(0)) == Decimal(str(row[TOTAL]))


def _zip_row(columns: Sequence[str], values: Sequence[str]) -> dict[str, Number | None]:
    return {column: parse_number(text) for column, text in zip(columns, values, strict=False)}


def choose_columns(header: list[str], rows: list[list[str]]) -> list[str]:
    """The visual column order, unless the printed numbers prove the header's order."""
    visual = [NATIONAL_ORDER[0], *(c for c in header if c in NATIONAL_ORDER[1:6]), TOTAL]
    if header == visual or sorted(header) != sorted(visual):
        return header
    full = [r for r in rows if len(r) >= len(visual)]

    def fits(order: list[str]) -> int:
        return sum(1 for r in full if _total_holds(_zip_row(order, r)) is True)

    return header if fits(header) > fits(visual) else visual


Candidate = dict[str, Number | None]
Path = tuple[str, ...]
_SEARCH_LIMIT = 50_000  # nodes of the joint search; beyond it each row stands alone


def row_candidates(columns: Sequence[str], values: Sequence[str]) -> list[Candidate]:
    """Every placement of the row's values that the row-total rule does not rule out."""
    if len(values) >= len(columns) or TOTAL not in columns:
        return [_zip_row(columns, values)]
    if not values:
        return [{}]
    verified: list[Candidate] = []
    unchecked: list[Candidate] = []
    for slots in combinations(range(len(columns)), len(values)):
        row = _zip_row([columns[i] for i in slots], values)
        holds = _total_holds(row)
        if holds is True:
            verified.append(row)
        elif holds is None:
            unchecked.append(row)
    return verified or unchecked


def agreed(columns: Sequence[str], candidates: Sequence[Candidate]) -> dict[str, Number]:
    """The cells on which every candidate placement agrees (absent cells left out)."""
    out: dict[str, Number] = {}
    if not candidates:
        return out
    for column in columns:
        seen = {_key(candidate.get(column, _ABSENT)) for candidate in candidates}
        value = candidates[0].get(column)
        if len(seen) == 1 and value is not None:
            out[column] = value
    return out


def place_row(columns: Sequence[str], values: Sequence[str]) -> dict[str, Number]:
    """One row's values by column, on its own (see :func:`place_rows` for a whole table)."""
    return agreed(columns, row_candidates(columns, values))


def place_rows(
    columns: Sequence[str], printed: Sequence[tuple[Path, Sequence[str]]]
) -> list[tuple[Path, dict[str, Number]]]:
    """Every printed row of table 三 by column, short rows settled jointly where possible."""
    options = [row_candidates(columns, values) for _, values in printed]
    paths = [path for path, _ in printed]
    if any(len(o) > 1 for o in options):
        for index, placements in _joint(paths, options).items():
            options[index] = placements
    return [(path, agreed(columns, o)) for path, o in zip(paths, options, strict=True)]


def _joint(paths: list[Path], options: list[list[Candidate]]) -> dict[int, list[Candidate]]:
    """The placements of each row that occur in a combination satisfying rules 1 and 2.

    Only when the 总计 row is printed in full (it states the column sums). Returns ``{}``
    when the search cannot help: no such 总计 row, too many combinations, or no combination
    at all (the table itself is inconsistent, and each row then stands alone).
    """
    first: dict[Path, int] = {}
    for index, path in enumerate(paths):
        first.setdefault(path, index)
    total_at = first.get(("outcomes", "total"))
    if total_at is None or len(options[total_at]) != 1:
        return {}
    totals = {c: Decimal(str(v)) for c, v in options[total_at][0].items() if v is not None}
    has_subrows = any(len(p) == 3 and p[1] == "other" and p[2] != "all" for p in first)
    leaves = {
        i
        for p, i in first.items()
        if p[0] == "outcomes"
        and p != ("outcomes", "total")
        and not (has_subrows and p == ("outcomes", "other", "all"))
    }
    flows = {name: first.get((name,)) for name in ("new", "carried_in", "carried_out")}
    order = sorted(
        leaves | {i for i in flows.values() if i is not None}, key=lambda i: len(options[i])
    )
    # Each candidate's figures as Decimals, once; the chosen leaves' column sums are kept
    # up to date as the search goes, so that a node costs one pass over the columns.
    amounts = {
        i: [{c: Decimal(str(v)) for c, v in cand.items() if v is not None} for cand in options[i]]
        for i in order
    }
    chosen: dict[int, Candidate] = {}
    chosen_amounts: dict[int, dict[str, Decimal]] = {}
    partial = dict.fromkeys(totals, Decimal(0))
    solutions: list[dict[int, Candidate]] = []
    budget = [_SEARCH_LIMIT]

    def value(index: int | None, column: str) -> Decimal:
        if index is None or index not in chosen_amounts:
            return Decimal(0)
        return chosen_amounts[index].get(column, Decimal(0))

    def leaves_fit(final: bool) -> bool:
        for column, stated in totals.items():
            if partial[column] > stated or (final and partial[column] != stated):
                return False
        return True

    def add(figures: dict[str, Decimal], sign: int) -> None:
        for column in totals:
            if column in figures:
                partial[column] += sign * figures[column]

    def flows_fit() -> bool:
        for column, stated in totals.items():
            inflow = value(flows["new"], column) + value(flows["carried_in"], column)
            if inflow - value(flows["carried_out"], column) != stated:
                return False
        return True

    def search(depth: int) -> None:
        if budget[0] <= 0:
            return
        if depth == len(order):
            if leaves_fit(True) and flows_fit():
                solutions.append(dict(chosen))
            return
        index = order[depth]
        is_leaf = index in leaves
        for candidate, figures in zip(options[index], amounts[index], strict=True):
            budget[0] -= 1
            chosen[index] = candidate
            chosen_amounts[index] = figures
            if is_leaf:
                add(figures, 1)
            if not is_leaf or leaves_fit(False):
                search(depth + 1)
            if is_leaf:
                add(figures, -1)
            del chosen[index], chosen_amounts[index]

    search(0)
    if budget[0] <= 0 or not solutions:
        return {}
    return {index: [solution[index] for solution in solutions] for index in order}


def _key(value: object) -> object:
    return value if value is _ABSENT or value is None else Decimal(str(value))
