"""A document as DOCX: real Word paragraphs and tables in the official document look."""

import io

from .document import Document, Heading, PageBreak, Paragraph, Table, chinese_date, grid, is_number

BODY_FONT = "仿宋_GB2312"  # what Word in a Chinese office has; Noto CJK where it has not
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
FALLBACK_FONT = "Noto Serif CJK SC"


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FALLBACK_FONT
    # East Asian text takes the eastAsia font of the run, not its ASCII one.
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, *, size=16, font=BODY_FONT, bold=False, align=None, indent=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(28)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        None: None,
    }[align]
    if text:
        _font(p.add_run(text), font, size, bold=bold)
    return p


def _table(doc, block: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if block.caption:
        _paragraph(doc, block.caption, size=14, font=HEADING_FONT, bold=True, align="center")
    cells = grid(block)
    width = len(cells[0]) if cells else 0
    if not width:
        return
    table = doc.add_table(rows=len(cells), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, line in enumerate(cells):
        row = table.rows[r]
        header = r < block.header_rows
        if header:  # repeat the header rows on every page
            trpr = row._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trpr.append(el)
        trpr = row._tr.get_or_add_trPr()  # never split a row across pages
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        trpr.append(cant)
        for c, cell in enumerate(line):
            if cell is None:
                continue
            target = table.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            target.text = ""
            p = target.paragraphs[0]
            bold = header or cell.header
            if bold:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif (cell.align or ("num" if is_number(cell.text) else "")) in ("num", "right"):
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif cell.align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if cell.text:
                _font(p.add_run(cell.text), BODY_FONT, 10.5, bold=bold)


def render(document: Document) -> bytes:
    from docx import Document as WordDocument
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    doc = WordDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    doc.core_properties.title = document.title
    doc.core_properties.subject = document.subject
    doc.core_properties.author = document.signature.agency if document.signature else ""
    doc.core_properties.comments = ""

    _paragraph(doc, document.title, size=22, font=TITLE_FONT, bold=True, align="center")
    if document.number:
        _paragraph(doc, document.number, align="center")
    if document.addressee:
        _paragraph(doc, document.addressee, align="left")
    for block in document.blocks:
        if isinstance(block, Heading):
            font = HEADING_FONT if block.level <= 1 else BODY_FONT
            _paragraph(doc, block.text, font=font, bold=block.level > 1, indent=True)
        elif isinstance(block, Paragraph):
            _paragraph(doc, block.text, bold=block.bold, align=block.align, indent=block.indent)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if document.signature:
        _paragraph(doc, "")
        _paragraph(doc, document.signature.agency, align="right")
        if document.signature.on:
            _paragraph(doc, chinese_date(document.signature.on), align="right")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
