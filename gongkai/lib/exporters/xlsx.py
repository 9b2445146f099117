"""A document's tables as XLSX: one sheet per table, spans merged, figures stored as numbers."""

import io
import re

from .document import Document, grid

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _number(text: str):
    """A cell's figure as a number where it is one (so sums work in Excel), else its text."""
    plain = text.replace(",", "").strip()
    if re.fullmatch(r"-?\d+", plain):
        return int(plain)
    if re.fullmatch(r"-?\d+\.\d+", plain):
        return float(plain)
    return text


def _sheet_title(wanted: str, taken: set[str], n: int) -> str:
    title = _BAD_SHEET_CHARS.sub("", wanted).strip()[:31] or f"表{n}"
    base, i = title, 2
    while title in taken:
        suffix = f"({i})"
        title = base[: 31 - len(suffix)] + suffix
        i += 1
    taken.add(title)
    return title


def render(document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    book.properties.title = document.title
    book.properties.creator = document.signature.agency if document.signature else ""
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    taken: set[str] = set()
    for n, table in enumerate(document.tables(), start=1):
        sheet = book.create_sheet(_sheet_title(table.sheet_name or table.caption, taken, n))
        offset = 1
        if table.caption:
            sheet.cell(row=1, column=1, value=table.caption).font = Font(bold=True)
            offset = 2
        cells = grid(table)
        width = len(cells[0]) if cells else 0
        for r, line in enumerate(cells):
            for c, cell in enumerate(line):
                if cell is None:
                    continue
                target = sheet.cell(row=r + offset, column=c + 1, value=_number(cell.text))
                header = r < table.header_rows or cell.header
                target.font = Font(bold=header)
                target.alignment = Alignment(
                    wrap_text=True, vertical="center", horizontal="center" if header else None
                )
                if cell.colspan > 1 or cell.rowspan > 1:
                    sheet.merge_cells(
                        start_row=r + offset,
                        start_column=c + 1,
                        end_row=r + offset + cell.rowspan - 1,
                        end_column=c + cell.colspan,
                    )
        for r in range(len(cells)):
            for c in range(width):
                sheet.cell(row=r + offset, column=c + 1).border = border
        for c in range(width):
            sheet.column_dimensions[get_column_letter(c + 1)].width = 40 if c == 0 else 12
        if table.header_rows:
            sheet.freeze_panes = sheet.cell(row=offset + table.header_rows, column=1)
    if not book.sheetnames:
        book.create_sheet(_sheet_title(document.title, taken, 1))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
