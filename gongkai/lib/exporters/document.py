"""The format-neutral shape of an official document: what every exporter reads.

Modelled on the official document look (GB/T 9704): a title, an optional 文号 under it, an
optional addressee (主送), body blocks, and the agency with the date at the end.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 一、 sections; 2 （一） subsections


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # official prose indents every paragraph by two characters
    align: str = "justify"  # justify, left, center, right
    bold: bool = False


@dataclass(frozen=True)
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    align: str = ""  # "" = numbers right, text left
    # HTML only: the cell's text links here (a figure to the records behind it); the file
    # formats print the text alone. `label` is the link's accessible name when the text is bare.
    href: str = ""
    label: str = ""


@dataclass(frozen=True)
class Table:
    """Rows of cells; a cell covered by a span to its left or above is simply left out of its row,
    as in HTML. `header_rows` rows repeat on each page of a PDF and are bold elsewhere."""

    rows: list[list[Cell | str | int | None]]
    header_rows: int = 1
    caption: str = ""
    sheet_name: str = ""  # XLSX: the sheet's name (default: the caption)
    widths: list[float] | None = None  # relative column widths


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Signature:
    agency: str
    on: date | None = None


Block = Heading | Paragraph | Table | PageBreak


@dataclass
class Document:
    title: str
    number: str = ""  # 文号, e.g. 沪司信公〔2026〕第12号
    addressee: str = ""  # 主送: "张三：" above the body
    blocks: list[Block] = field(default_factory=list)
    signature: Signature | None = None
    subject: str = ""  # file metadata (core properties), not printed

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def as_cell(value) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell("" if value is None else str(value))


def chinese_date(on: date) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def grid(table: Table) -> list[list[Cell | None]]:
    """The table laid on a full grid: per row and column the cell that starts there, or None
    where a span from the left or above covers it.

    Every exporter places spans through this, so they agree; a row shorter than the widest is
    padded with empty cells.
    """
    occupied: set[tuple[int, int]] = set()
    starts: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for raw in row:
            cell = as_cell(raw)
            while (r, c) in occupied:
                c += 1
            starts[(r, c)] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, c + dc))
            c += cell.colspan
    height = len(table.rows)
    width = max((c + 1 for (_, c) in occupied), default=0)
    return [
        [
            starts.get((r, c)) if (r, c) in starts else (None if (r, c) in occupied else Cell(""))
            for c in range(width)
        ]
        for r in range(height)
    ]


def is_number(text: str) -> bool:
    t = text.replace(",", "").replace("%", "").strip()
    if not t:
        return False
    try:
        float(t)
    except ValueError:
        return False
    return True
