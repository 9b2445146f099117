"""Reading table 三 (收到和处理政府信息公开申请情况), shared by the 2019 and 2021 formats.

The columns come from the header cells, in the order the header prints them once the
法人或其他组织 group is replaced by its five sub-columns (so a table whose 总计 column comes
first is read correctly). Rows are recognised by the keywords of their labels, tolerant of
typos ("三类内容事务信息") and notes; the values that follow a row label fill the columns in
order, blanks and placeholders being absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..statistics import COLUMN_KEYS
from . import apart, tables_2019, tables_2021
from .cells import Cell
from .labels import core, split_compound
from .numbers import Number, is_value_cell
from .placement import choose_columns, place_rows

ORGANISATION_COLUMNS = COLUMN_KEYS[1:6]
_COLUMN_NAMES = {
    "自然人": "natural_person",
    "公民": "natural_person",
    "商业企业": "commercial",
    "科研机构": "research",
    "社会公益组织": "social_welfare",
    "法律服务机构": "legal_service",
    "其他": "other_org",
    "其它": "other_org",
    "总计": "total",
    "合计": "total",
}
_GROUP = "法人或其他组织"

# Leaf rows of 三、本年度办理结果 by keyword, in checking order; the path is under "outcomes".
_OUTCOME_LEAVES: tuple[tuple[tuple[str, ...], tuple[str, str]], ...] = (
    (("国家秘密",), ("withheld", "state_secret")),
    (("禁止公开",), ("withheld", "prohibited_by_law")),
    (("三安全", "一稳定"), ("withheld", "security_stability")),
    (("第三方",), ("withheld", "third_party_rights")),
    (("内部事务", "三类"), ("withheld", "internal_affairs")),
    (("过程性", "四类"), ("withheld", "process_information")),
    (("执法案卷",), ("withheld", "enforcement_files")),
    (("行政查询", "查询事项"), ("withheld", "administrative_query")),
    (("不掌握",), ("unable_to_provide", "not_held")),
    (("另行制作", "没有现成"), ("unable_to_provide", "needs_creation")),
    (("仍不明确", "补正后"), ("unable_to_provide", "unclear_after_correction")),
    *(((words), ("other", key)) for words, key in tables_2021.OTHER_SUBROWS),
    (("信访", "举报", "投诉"), ("not_processed", "petition_complaint")),
    (("重复申请",), ("not_processed", "duplicate")),
    (("出版物",), ("not_processed", "publication")),
    (("大量反复", "反复申请"), ("not_processed", "excessive_repeated")),
    (("重新出具", "确认或"), ("not_processed", "confirm_or_reissue")),
)
_PARENTS: tuple[tuple[str, str], ...] = (
    ("本年度办理结果", "outcomes"),
    ("办理结果", "outcomes"),
    ("不予公开", "withheld"),
    ("无法提供", "unable_to_provide"),
    ("不予处理", "not_processed"),
    ("其他处理", "other"),
)
OUTCOME_ORDER: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("disclosed", None),
    ("partially_disclosed", None),
    (
        "withheld",
        (
            "state_secret",
            "prohibited_by_law",
            "security_stability",
            "third_party_rights",
            "internal_affairs",
            "process_information",
            "enforcement_files",
            "administrative_query",
        ),
    ),
    ("unable_to_provide", ("not_held", "needs_creation", "unclear_after_correction")),
    (
        "not_processed",
        (
            "petition_complaint",
            "duplicate",
            "publication",
            "excessive_repeated",
            "confirm_or_reissue",
        ),
    ),
    ("other", (tables_2019.OTHER_SINGLE_ROW, "no_correction", "fee_unpaid", "other")),
    ("total", None),
)
_STOP_WORDS = ("行政复议", "结果维持", "存在的主要问题", "其他需要报告")
_SINK = ("_ignored",)


@dataclass
class ApplicationsTable:
    """Table 三 as read: column sets by row path, and whether （六） had sub-rows."""

    rows: dict[tuple[str, ...], dict[str, Number]] = field(default_factory=dict)
    other_has_subrows: bool = False
    other_single_row: bool = False
    end: int = 0  # index in the cell stream just after the table
    doubts: list = field(default_factory=list)  # rows placed by order, or not placed

    def as_dict(self) -> dict:
        """The ``applications`` rows of the document, in the schema's order."""
        out: dict = {}
        for path in (("new",), ("carried_in",)):
            if self.rows.get(path):
                out[path[0]] = self.rows[path]
        outcomes: dict = {}
        for name, leaves in OUTCOME_ORDER:
            if leaves is None:
                if self.rows.get(("outcomes", name)):
                    outcomes[name] = self.rows[("outcomes", name)]
                continue
            group = {}
            for leaf in leaves:
                if leaf == tables_2019.OTHER_SINGLE_ROW and self.other_has_subrows:
                    continue  # a printed （六） subtotal is not data when the sub-rows are there
                if self.rows.get(("outcomes", name, leaf)):
                    group[leaf] = self.rows[("outcomes", name, leaf)]
            if group:
                outcomes[name] = group
        if outcomes:
            out["outcomes"] = outcomes
        if self.rows.get(("carried_out",)):
            out["carried_out"] = self.rows[("carried_out",)]
        return out


def classify_row(label: str, parent: str | None) -> tuple[str, tuple[str, ...] | str] | None:
    """Classify a table 三 label: ``("row", path)``, ``("parent", name)`` or ``None``."""
    text = core(label)
    if not text:
        return None
    if "本年新收" in text or text.startswith("新收"):
        return "row", ("new",)
    if "上年结转" in text:
        return "row", ("carried_in",)
    if "结转下年" in text or "下年度继续" in text:
        return "row", ("carried_out",)
    if text in {"总计", "合计"} or text.startswith("总计"):
        return "row", ("outcomes", "total")
    if "部分公开" in text:
        return "row", ("outcomes", "partially_disclosed")
    for words, path in _OUTCOME_LEAVES:
        if any(w in text for w in words):
            return "row", ("outcomes", *path)
    if parent == "other" and text in tables_2021.OTHER_MISC_LABELS:
        return "row", ("outcomes", "other", "other")
    for word, name in _PARENTS:
        if text.startswith(word) or text == word:
            return "parent", name
    if "予以公开" in text:
        return "row", ("outcomes", "disclosed")
    return None


def read_columns(header: list[Cell]) -> list[str]:
    """The value columns in printed order, from the header cells before the first row.

    The 法人或其他组织 group cell stands for its sub-columns wherever those are printed.
    """
    primary: list[str] = []
    subs: list[str] = []
    for cell in header:
        for piece in _pieces(cell.text):
            name = core(piece)
            if name == _GROUP or name.startswith("法人或"):
                if _GROUP not in primary:
                    primary.append(_GROUP)
            elif name in _COLUMN_NAMES:
                key = _COLUMN_NAMES[name]
                if key in ORGANISATION_COLUMNS:
                    if key not in subs:
                        subs.append(key)
                elif key not in primary:
                    primary.append(key)
    columns: list[str] = []
    for item in primary:
        if item == _GROUP:
            columns.extend(subs)
        else:
            columns.append(item)
    if _GROUP not in primary:
        # No group cell: the sub-columns sit where they were printed relative to the others.
        columns = [c for c in _ordered(header) if c in columns or c in subs]
    if sorted(columns) != sorted(COLUMN_KEYS):
        return list(COLUMN_KEYS)
    return columns


def _pieces(text: str) -> list[str]:
    """The column names in a header cell: the whole cell ("商业 企业" from a <br>), or words."""
    whole = core(text)
    if whole in _COLUMN_NAMES or whole == _GROUP:
        return [whole]
    return text.split()


def _ordered(header: list[Cell]) -> list[str]:
    seen: list[str] = []
    for cell in header:
        for piece in _pieces(cell.text):
            key = _COLUMN_NAMES.get(core(piece))
            if key and key not in seen:
                seen.append(key)
    return seen


def find_start(cells: list[Cell], begin: int = 0) -> int | None:
    """Index of the 一、本年新收… row label, which anchors table 三."""
    for index in range(begin, len(cells)):
        text = cells[index].text
        if "本年新收" not in text or "。" in text or len(core(text)) > 30:
            continue
        # A row label is followed by its values (a prose line mentioning 本年新收 is not).
        following = cells[index + 1 : index + 3]
        if any(is_value_cell(cell.text) for cell in following):
            return index
    # Labels printed apart from their figures: 本年新收 … 结转下年度 and then the figures.
    for index in range(begin, len(cells)):
        text = cells[index].text
        if "本年新收" not in text or "。" in text or len(core(text)) > 30:
            continue
        paths, _, first_value = apart.label_block(cells, index, classify_row)
        if ("carried_out",) in paths and first_value < len(cells):
            return index
    return None


def read_applications(cells: list[Cell], start: int) -> ApplicationsTable:
    """Read table 三 whose first row label is ``cells[start]``."""
    header_from = start
    for index in range(start - 1, max(-1, start - 60), -1):
        text = cells[index].text
        header_from = index
        if "勾稽" in text or "申请人情况" in text or len(text) > 80:
            break
    header_columns = read_columns(cells[header_from:start])
    columns = header_columns
    table = ApplicationsTable()
    placed = apart.place_apart(cells, start, columns, classify_row, _STOP_WORDS)
    if placed is not None:
        return _from_rows(table, columns, placed.rows, placed.end, placed.doubts)
    parent: str | None = None
    path: tuple[str, ...] | None = None
    values: list[str] = []
    printed: list[tuple[tuple[str, ...], list[str]]] = []  # rows as printed, in order

    def close() -> None:
        nonlocal path, values
        if path is not None and path != _SINK:
            printed.append((path, values))
        path, values = None, []

    index = start
    while index < len(cells):
        text = cells[index].text
        if is_value_cell(text):
            if path is not None and len(values) < len(columns):
                values.append(text)
                if path == ("carried_out",) and len(values) == len(columns):
                    index += 1
                    break
            index += 1
            continue
        if any(word in text for word in _STOP_WORDS):
            break
        for piece in split_compound(text):
            kind_key = classify_row(piece, parent)
            if kind_key is None:
                if path is not None and values:
                    close()
                continue
            kind, key = kind_key
            close()
            if kind == "parent":
                parent = key if isinstance(key, str) else None
                if parent == "other":
                    path = ("outcomes", "other", tables_2019.OTHER_SINGLE_ROW)
                else:
                    path = _SINK  # values printed on a parent row are a subtotal: not data
            else:
                assert isinstance(key, tuple)
                path = key
                if len(key) == 3 and key[1] == "other":
                    table.other_has_subrows = True
                # A leaf names its parent; any other row leaves the parent's block.
                parent = key[1] if len(key) == 3 else None
        index += 1
    close()
    return _from_rows(table, header_columns, printed, index, [])


def _from_rows(table, header_columns, printed, end: int, doubts: list) -> ApplicationsTable:
    columns = choose_columns(header_columns, [v for _, v in printed])
    for row_path, placed in place_rows(columns, printed):
        if len(row_path) == 3 and row_path[1] == "other" and row_path[2] != "all":
            table.other_has_subrows = True
        row = table.rows.setdefault(row_path, {})
        for column, value in placed.items():
            row.setdefault(column, value)
    single = table.rows.get(("outcomes", "other", tables_2019.OTHER_SINGLE_ROW))
    table.other_single_row = bool(single) and not table.other_has_subrows
    table.end = end
    table.doubts = doubts
    return table
