"""A document as HTML: a fragment for a page of the site, or a whole page for PDF and download."""

from django.utils.html import escape

from .document import (
    Cell,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    chinese_date,
    grid,
    is_number,
)

# The official look: 方正小标宋-like title, 仿宋-like body; Noto CJK stands in for both.
STYLESHEET = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font-size: 10.5pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 16pt;
       line-height: 1.75; color: #000; }
.gk-doc h1 { font-size: 22pt; text-align: center; font-weight: bold; margin: 0 0 0.6em; }
.gk-doc .gk-number { text-align: center; margin: 0 0 1.2em; }
.gk-doc .gk-addressee { margin: 0; }
.gk-doc h2 { font-size: 16pt; font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold;
             margin: 0.8em 0 0.2em; text-indent: 2em; }
.gk-doc h3 { font-size: 16pt; font-weight: bold; margin: 0.5em 0 0.2em; text-indent: 2em; }
.gk-doc p { margin: 0; text-align: justify; }
.gk-doc p.gk-indent { text-indent: 2em; }
.gk-doc p.gk-center { text-align: center; }
.gk-doc p.gk-right { text-align: right; }
.gk-doc p.gk-left { text-align: left; }
.gk-doc p.gk-bold { font-weight: bold; }
.gk-doc table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 10.5pt;
                line-height: 1.4; }
.gk-doc caption { font-weight: bold; padding: 0.3em; }
.gk-doc th, .gk-doc td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
.gk-doc th { font-weight: bold; text-align: center; }
.gk-doc td.gk-num { text-align: right; }
.gk-doc td.gk-center { text-align: center; }
.gk-doc tr { page-break-inside: avoid; break-inside: avoid; }
.gk-doc thead { display: table-header-group; }
.gk-doc .gk-signature { margin-top: 2em; padding-right: 2em; break-before: avoid;
                   page-break-before: avoid; break-inside: avoid; page-break-inside: avoid; }
.gk-doc .gk-signature p { text-align: right; }
.gk-doc .gk-break { page-break-after: always; break-after: page; }
"""


def _paragraph(block: Paragraph) -> str:
    classes = []
    if block.indent:
        classes.append("gk-indent")
    if block.align in ("center", "right", "left"):
        classes.append(f"gk-{block.align}")
    if block.bold:
        classes.append("gk-bold")
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<p{attr}>{escape(block.text)}</p>"


def _cell(cell: Cell, *, header: bool) -> str:
    tag = "th" if header or cell.header else "td"
    attrs = []
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if tag == "td":
        align = cell.align or ("num" if is_number(cell.text) else "")
        if align in ("num", "right"):
            attrs.append('class="gk-num"')
        elif align == "center":
            attrs.append('class="gk-center"')
    if tag == "th" and not header:
        attrs.append('scope="row"')
    joined = (" " + " ".join(attrs)) if attrs else ""
    text = escape(cell.text)
    if cell.href and cell.text:
        named = f' aria-label="{escape(cell.label)}"' if cell.label else ""
        text = f'<a href="{escape(cell.href)}"{named}>{text}</a>'
    return f"<{tag}{joined}>{text}</{tag}>"


def _table(block: Table) -> str:
    parts = ["<table>"]
    if block.caption:
        parts.append(f"<caption>{escape(block.caption)}</caption>")
    for r, line in enumerate(grid(block)):
        header = r < block.header_rows
        if r == 0 and header:
            parts.append("<thead>")
        if r == block.header_rows and block.header_rows:
            parts.append("</thead><tbody>")
        elif r == 0 and not block.header_rows:
            parts.append("<tbody>")
        parts.append("<tr>")
        parts.extend(_cell(cell, header=header) for cell in line if cell is not None)
        parts.append("</tr>")
    if len(block.rows) <= block.header_rows and block.header_rows:
        parts.append("</thead>")
    else:
        parts.append("</tbody>")
    parts.append("</table>")
    return "".join(parts)


def fragment(document: Document) -> str:
    """The document's body as HTML inside `<article class="gk-doc">`, for a site template."""
    parts = ['<article class="gk-doc">', f"<h1>{escape(document.title)}</h1>"]
    if document.number:
        parts.append(f'<p class="gk-number">{escape(document.number)}</p>')
    if document.addressee:
        parts.append(f'<p class="gk-addressee">{escape(document.addressee)}</p>')
    for block in document.blocks:
        if isinstance(block, Heading):
            tag = "h2" if block.level <= 1 else "h3"
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            parts.append(_paragraph(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, PageBreak):
            parts.append('<div class="gk-break"></div>')
    if document.signature:
        parts.append('<div class="gk-signature">')
        parts.append(f"<p>{escape(document.signature.agency)}</p>")
        if document.signature.on:
            parts.append(f"<p>{chinese_date(document.signature.on)}</p>")
        parts.append("</div>")
    parts.append("</article>")
    return "".join(parts)


def page(document: Document) -> str:
    """A whole HTML page with the official stylesheet: what the PDF is made from, and what an
    HTML download contains."""
    return (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title><style>{STYLESHEET}</style></head>"
        f"<body>{fragment(document)}</body></html>"
    )
