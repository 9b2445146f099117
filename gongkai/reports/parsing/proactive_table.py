"""Reading table 二 (主动公开政府信息情况) of the 2019 and 2021 formats.

The table is a sequence of blocks (第二十条第（一）项 …), each with a header row
(信息内容 | column | column …) and labelled rows. The reader walks the cell stream: a known
column header extends the current header, a known row label opens a row, and value cells
fill that row's columns in order. Extra rows with no key ("其他主动公开文件") are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import statistics
from . import tables_2019, tables_2021
from .cells import Cell
from .labels import core, has_cjk
from .numbers import Number, convert_money, is_value_cell, parse_number, read_quantity

# Row label core → key. Order matters: longer / more specific labels first.
ROWS: tuple[tuple[str, str | None], ...] = (
    ("其他主动公开文件", None),
    ("行政规范性文件", "normative_documents"),
    ("规范性文件", "normative_documents"),
    ("规章", "regulations"),
    ("其他对外管理服务事项", "other_services"),
    ("对外管理服务事项", "other_services"),
    ("行政许可", "administrative_licensing"),
    ("行政处罚", "administrative_penalty"),
    ("行政强制", "administrative_coercion"),
    ("行政事业性收费", "administrative_fees"),
    ("政府集中采购", "government_procurement"),
)
# The schema's order of the rows and of the keys within a row.
ROW_ORDER = tuple(key for key, _ in statistics.PROACTIVE_ROWS)
KEY_ORDER = tuple(key for key, _ in statistics.PROACTIVE_COLUMNS)
COLUMNS = (
    tables_2021.PROACTIVE_COLUMNS
    + tables_2019.PROACTIVE_COLUMNS
    + (
        ("本年处理决定", "decisions"),
        ("处理决定", "decisions"),
    )
)
MONEY_KEYS = frozenset({"amount_10k_yuan"})
# The headers as the national formats print them, to recognise one cut short ("本年新").
FULL_HEADERS: tuple[tuple[str, str], ...] = (
    ("本年新制作数量", "new_made"),
    ("本年新公开数量", "new_published"),
    ("对外公开总数量", "published_total"),
    ("上一年项目数量", "items_last_year"),
    ("本年增/减", "items_change"),
    ("处理决定数量", "decisions"),
    ("本年处理决定数量", "decisions"),
    ("采购项目数量", "projects"),
    ("采购总金额", "amount_10k_yuan"),
    ("本年制发件数", "issued"),
    ("本年废止件数", "repealed"),
    ("现行有效件数", "in_force"),
    ("本年收费金额", "amount_10k_yuan"),
)
# Each block's header in the national order (2019 and 2021): a header whose cells are cut
# short is read by position in the one layout its legible cells fit.
LAYOUTS: tuple[tuple[str, ...], ...] = (
    ("new_made", "new_published", "published_total"),
    ("items_last_year", "items_change", "decisions"),
    ("items_last_year", "items_change"),
    ("projects", "amount_10k_yuan"),
    ("issued", "repealed", "in_force"),
)


@dataclass
class Column:
    """A table 二 column: its key, and for money the unit its header states."""

    key: str
    unit: str = ""
    # For a header cut short ("本年新"): the keys whose printed header begins so; key is "".
    candidates: frozenset[str] = frozenset()


@dataclass
class ProactiveTable:
    """What table 二 says: the rows by key, and the column keys seen (for format detection)."""

    rows: dict[str, dict[str, Number]] = field(default_factory=dict)
    column_keys: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, dict[str, Number]]:
        """The rows in the schema's order, each with its keys in the schema's order."""
        out: dict[str, dict[str, Number]] = {}
        for row in ROW_ORDER:
            values = self.rows.get(row)
            if values:
                out[row] = {k: values[k] for k in KEY_ORDER if k in values}
        return out


def classify_column(label: str) -> Column | None:
    """The column a header cell names, or ``None``."""
    text = core(label)
    if text in {"信息内容", ""}:
        return None
    for prefix, key in COLUMNS:
        if prefix in text:
            unit = ""
            if key in MONEY_KEYS:
                # The unit is often only in the bracketed note: "(单位:万元)".
                unit = "万元" if "万元" in label else ("元" if "元" in label else "万元")
            return Column(key, unit)
    candidates = frozenset(
        key for name, key in FULL_HEADERS if len(text) >= 2 and name.startswith(text)
    )
    if candidates:
        return Column("", "万元" if "amount_10k_yuan" in candidates else "", candidates)
    return None


def resolve_columns(columns: list[Column]) -> list[Column]:
    """Columns cut short take their key from their position in the one layout that fits."""
    if all(c.key for c in columns):
        return columns
    fitting = [
        layout
        for layout in LAYOUTS
        if len(layout) == len(columns)
        and all(
            (c.key == key) if c.key else (key in c.candidates)
            for c, key in zip(columns, layout, strict=True)
        )
    ]
    if len(fitting) != 1:
        return columns  # still unknown: their values are left out
    return [
        c if c.key else Column(key, c.unit, c.candidates)
        for c, key in zip(columns, fitting[0], strict=True)
    ]


def classify_row(label: str) -> tuple[bool, str | None]:
    """(is a row label, key). Known rows without a key return ``(True, None)``."""
    text = core(label)
    for name, key in ROWS:
        if text == name or (text.startswith(name) and len(text) <= len(name) + 2):
            return True, key
    return False, None


def _cell_value(text: str, column: Column) -> Number | None:
    if column.key in MONEY_KEYS:
        quantity = read_quantity(text)
        if quantity is None or parse_number(text) is None:
            return None
        if not quantity.unit:
            quantity = type(quantity)(quantity.value, column.unit or "万元")
        return convert_money(quantity, "万元")
    return parse_number(text)


def _blanks_untraceable(
    values: list[str], columns: list[Column], label_line: int, value_lines: set[int]
) -> bool:
    """True for a short row whose cells each stood on a line of their own.

    In a row printed on one line (pipes, tabs, HTML) a missing cell is a trailing one; in
    one-cell-per-line text it may have been any of them.
    """
    if not values or len(values) >= len(columns) or len(columns) < 2:
        return False
    return label_line not in value_lines and len(value_lines) == len(values)


def read_proactive(cells: list[Cell]) -> ProactiveTable:
    """Read table 二 from the cells between its first block heading and table 三."""
    table = ProactiveTable()
    columns: list[Column] = []
    header_done = False  # a row has been read since the last header cell
    row_key: str | None = None
    row_open = False
    row_values: list[str] = []
    row_line = -1  # the line of the row label
    value_lines: set[int] = set()

    def close_row() -> None:
        nonlocal row_open, row_key, row_values
        # One cell per line: a blank left no trace, so which of the columns the printed
        # values belong to is unknown. Leave the row out rather than guess.
        untraceable = _blanks_untraceable(row_values, columns, row_line, value_lines)
        value_lines.clear()
        if row_open and row_key is not None and not untraceable:
            values = table.rows.setdefault(row_key, {})
            for column, text in zip(columns, row_values, strict=False):
                if not column.key:
                    continue
                value = _cell_value(text, column)
                if value is not None:
                    values[column.key] = value
        row_open, row_key, row_values = False, None, []

    for cell in cells:
        text = cell.text
        if is_value_cell(text) and not (has_cjk(text) and classify_row(text)[0]):
            if row_open and len(row_values) < len(columns):
                row_values.append(text)
                value_lines.add(cell.line)
            continue
        squeezed = core(text)
        if squeezed.startswith("第二十条") or squeezed == "信息内容":
            close_row()
            columns, header_done = [], False
            continue
        column = classify_column(text)
        if column is not None and not classify_row(text)[0]:
            close_row()
            if header_done:
                columns, header_done = [], False
            columns.append(column)
            if column.key:
                table.column_keys.add(column.key)
            continue
        is_row, key = classify_row(text)
        if is_row:
            close_row()
            if not header_done:
                columns = resolve_columns(columns)
                table.column_keys.update(c.key for c in columns if c.key)
            header_done = True
            row_open, row_key, row_values = True, key, []
            row_line = cell.line
            continue
        # Unknown text: a continuation of the label if no value was read yet, else the end.
        if row_open and row_values:
            close_row()
    close_row()
    return table
