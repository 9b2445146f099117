"""Reading table 四 (政府信息公开行政复议、行政诉讼情况), unchanged between 2019 and 2021.

The national layout is a three-line header and one row of 15 values: 行政复议 (5), 行政诉讼
未经复议直接起诉 (5), 复议后起诉 (5), each group 结果维持 | 结果纠正 | 其他结果 | 尚未审结 |
总计. Some reports print one row per group instead ("行政复议 | 1 | 0 | 0 | 0 | 1"); both are
read. The result order inside a group is taken from the header.
"""

from __future__ import annotations

from itertools import combinations

from ..statistics import APPEAL_RESULT_KEYS as RESULTS
from .cells import Cell
from .labels import core
from .numbers import Number, is_value_cell, parse_number
from .text import collapse_spaces

GROUPS = ("review", "litigation_direct", "litigation_after_review")
_RESULT_NAMES = {
    "结果维持": "upheld",
    "维持": "upheld",
    "结果纠正": "corrected",
    "纠正": "corrected",
    "其他结果": "other",
    "其它结果": "other",
    "尚未审结": "pending",
    "未审结": "pending",
    "总计": "total",
    "合计": "total",
}
_MISSING = object()
_END_WORDS = ("存在的主要问题", "改进情况", "其他需要报告")


def _group_of(text: str) -> str | None:
    name = core(text)
    # "行政诉讼（未经复议直接起诉）": the group may be named only in the brackets.
    spelled = collapse_spaces(text)
    if "起诉" in spelled and "起诉" not in name:
        name = spelled
    if "起诉" in name:
        if "直接" in name or "未经" in name:
            return "litigation_direct"
        if "复议后" in name:
            return "litigation_after_review"
        return None
    if name in {"行政复议", "复议"}:
        return "review"
    return None


def _result_of(text: str) -> str | None:
    return _RESULT_NAMES.get(core(text))


def find_start(cells: list[Cell], begin: int = 0) -> int | None:
    """Index of the first header cell of table 四 (the first 结果维持 after ``begin``)."""
    for index in range(begin, len(cells)):
        if _result_of(cells[index].text) == "upheld":
            # Step back over the group cells printed above the result cells, and over the
            # blank cells a merged header leaves between them (they do not count).
            first, labels = index, 0
            for back in range(index - 1, max(begin - 1, index - 40), -1):
                text = cells[back].text
                if not text.strip():
                    continue
                name = core(text)
                if (_group_of(text) or name in {"行政诉讼", "诉讼"}) and labels < 5:
                    first, labels = back, labels + 1
                else:
                    break
            return first
    return None


def read_appeals(cells: list[Cell], start: int) -> dict[str, dict[str, Number]]:
    """Read table 四 from its first header cell; returns the ``appeals`` object."""
    region: list[Cell] = []
    for cell in cells[start : start + 400]:
        if any(word in cell.text for word in _END_WORDS):
            break
        region.append(cell)

    result_order: list[str] = []
    # A result label OCR garbled ("尚未审人结") would shift the order read from the header:
    # a header with a short unknown label among its result labels is read in the national
    # order.
    unknown_label = False
    group_order: list[str] = []
    rows: dict[str, list[str]] = {}
    current_group: str | None = None
    trailing: list[str] = []
    groups_since_values: list[str] = []
    for cell in region:
        text = cell.text
        if is_value_cell(text):
            if current_group is not None and len(rows[current_group]) < len(RESULTS):
                rows[current_group].append(text)
            else:
                trailing.append(text)
            if text.strip():
                groups_since_values = []
            continue
        group = _group_of(text)
        result = _result_of(text)
        if group:
            if group not in group_order:
                group_order.append(group)
            # A group label immediately followed by values is a per-group row.
            current_group = group
            rows.setdefault(group, [])
            trailing = []
            groups_since_values.append(group)
        elif result:
            if len(result_order) < len(RESULTS) and result not in result_order:
                result_order.append(result)
            # One group label, then its own five result labels, then its values: a block
            # per group. Several group labels before the results: the national header.
            if current_group is not None and not any(t.strip() for t in rows[current_group]):
                rows[current_group] = []  # blank cells merged into the group's label row
            if len(groups_since_values) != 1 or rows.get(current_group or ""):
                current_group = None
            trailing = []
        elif core(text) in {"行政诉讼", "诉讼"}:
            current_group = None
            trailing = []
        elif result_order and len(core(text)) <= 6 and not _has_figures(rows):
            unknown_label = True
        elif trailing and any(parse_number(t) is not None for t in trailing):
            break  # prose after the values: the table is over
    if len(result_order) != len(RESULTS) or unknown_label:
        result_order = list(RESULTS)
    for group in GROUPS:
        if group not in group_order:
            group_order.append(group)

    values: dict[str, list[str]] = {}
    per_group = {g: v for g, v in rows.items() if any(parse_number(t) is not None for t in v)}
    if per_group:
        values = per_group
    else:
        flat = _fifteen(trailing)
        if 0 < len(flat) < 15:
            return _place_short(flat, group_order, result_order)
        for position, group in enumerate(group_order):
            values[group] = flat[position * 5 : (position + 1) * 5]

    appeals: dict[str, dict[str, Number]] = {}
    for group in GROUPS:
        numbers = {}
        for result, text in zip(result_order, values.get(group, []), strict=False):
            value = parse_number(text)
            if value is not None:
                numbers[result] = value
        if numbers:
            appeals[group] = {r: numbers[r] for r in RESULTS if r in numbers}
    return appeals


def _has_figures(rows: dict[str, list[str]]) -> bool:
    return any(parse_number(t) is not None for values in rows.values() for t in values)


def _fifteen(cells: list[str]) -> list[str]:
    """The 15 value cells of the data row: blanks left over from merged header cells go."""
    cells = list(cells)
    while len(cells) > 15 and parse_number(cells[0]) is None:
        cells.pop(0)
    return cells[:15]


def _place_short(
    flat: list[str], group_order: list[str], result_order: list[str]
) -> dict[str, dict[str, Number]]:
    """Fewer than 15 values (blank cells lost in one-cell-per-line text): place them in order.

    Every in-order placement into the 15 positions is a candidate; one that breaks a group's
    "总计 = the sum of the four results" is dropped, and those confirming the most groups are
    kept. A cell is read only when every kept placement agrees on it.
    """
    numbers = [parse_number(t) for t in flat]
    slots = [(g, r) for g in group_order for r in result_order]
    best: list[dict[tuple[str, str], Number | None]] = []
    best_score = -1
    for chosen in combinations(range(len(slots)), len(flat)):
        placed = {slots[i]: numbers[j] for j, i in enumerate(chosen)}
        score = 0
        for group in group_order:
            total = placed.get((group, "total"))
            parts = [placed.get((group, r)) for r in RESULTS[:4]]
            parts = [p for p in parts if p is not None]
            if total is None or not parts:
                continue
            if sum(parts) != total:
                score = -1
                break
            score += 1
        if score > best_score:
            best, best_score = [placed], score
        elif score == best_score and score >= 0:
            best.append(placed)
    appeals: dict[str, dict[str, Number]] = {}
    for group in GROUPS:
        numbers_by_result = {}
        for result in RESULTS:
            seen = {p.get((group, result), _MISSING) for p in best}
            value = best[0].get((group, result)) if best else None
            if len(seen) == 1 and value is not None:
                numbers_by_result[result] = value
        if numbers_by_result:
            appeals[group] = numbers_by_result
    return appeals
