"""Report files of our own making: the same report as a DOCX, a PDF and a scan.

A report's text (prose lines and ``| a | b |`` table rows) becomes a DOCX with real Word
tables (python-docx), a PDF with a text layer (WeasyPrint, Noto CJK, bordered tables) and a
scan (each PDF page rendered to an image, wrapped in an image-only PDF). A short row of a
table spans the remaining columns with its last cell, as merged cells do in real reports.
"""

from __future__ import annotations

import io
from html import escape

from gongkai.reports.parsing.text import split_lines


def blocks(text: str) -> list[tuple[str, object]]:
    """``("p", line)`` and ``("table", rows)`` blocks of a report text."""
    out: list[tuple[str, object]] = []
    table: list[list[str]] = []
    for line in split_lines(text):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            table.append([cell.strip() for cell in stripped[1:-1].split("|")])
            continue
        if table:
            out.append(("table", table))
            table = []
        if stripped:
            out.append(("p", stripped))
    if table:
        out.append(("table", table))
    return out


def report_docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    for kind, content in blocks(text):
        if kind == "p":
            document.add_paragraph(content)
            continue
        width = max(len(row) for row in content)
        table = document.add_table(rows=len(content), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, content, strict=True):
            for index, value in enumerate(cells):
                row.cells[index].text = value
            if len(cells) < width:
                row.cells[len(cells) - 1].merge(row.cells[width - 1])
                row.cells[len(cells) - 1].text = cells[-1]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_html(text: str) -> str:
    parts = []
    for kind, content in blocks(text):
        if kind == "p":
            parts.append(f"<p>{escape(content)}</p>")
            continue
        width = max(len(row) for row in content)
        rows = []
        for cells in content:
            tds = [f"<td>{escape(c)}</td>" for c in cells[:-1]]
            span = width - len(cells) + 1
            tds.append(f'<td colspan="{span}">{escape(cells[-1])}</td>')
            rows.append("<tr>" + "".join(tds) + "</tr>")
        parts.append("<table>" + "".join(rows) + "</table>")
    css = (
        "@page{size:A4;margin:2cm} body{font-family:'Noto Sans CJK SC';font-size:10.5pt}"
        "table{border-collapse:collapse;width:100%} td{border:0.5pt solid #000;padding:2pt;"
        "font-size:9pt}"
    )
    body = "".join(parts)
    return f"<html><head><meta charset=utf-8><style>{css}</style></head><body>{body}</body></html>"


def report_pdf(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=report_html(text)).write_pdf()


def scan_pdf(pdf: bytes, dpi: int = 200) -> bytes:
    """Every page of ``pdf`` rendered to a greyscale image; the images as an image-only PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = [
        document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        for i in range(len(document))
    ]
    document.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()
