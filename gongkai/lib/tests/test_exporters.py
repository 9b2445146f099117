"""The shared exporters: every format re-opened and read back, spans placed alike."""

import io
import shutil
import subprocess
from datetime import date

import pytest

from gongkai.lib.exporters import Cell, Document, Heading, Paragraph, Signature, Table, render
from gongkai.lib.exporters.document import grid
from gongkai.lib.exporters.html import fragment


def letter() -> Document:
    return Document(
        title="政府信息公开申请答复告知书",
        number="沪司信公〔2026〕第12号",
        addressee="张三：",
        blocks=[
            Heading("一、申请情况"),
            Paragraph("本机关于2026年9月29日收到您提出的政府信息公开申请。"),
            Table(
                caption="收到和处理政府信息公开申请情况",
                sheet_name="表三",
                header_rows=2,
                rows=[
                    [
                        Cell("申请人情况", rowspan=2),
                        Cell("自然人", rowspan=2),
                        Cell("法人或其他组织", colspan=2),
                    ],
                    ["商业企业", "科研机构"],
                    [Cell("本年新收", header=True), "263", "1,204", None],
                ],
            ),
            Paragraph("如对本答复不服，可以在收到本告知书之日起60日内申请行政复议。"),
        ],
        signature=Signature("上海市司法局", date(2026, 10, 9)),
    )


def test_spans_are_placed_on_one_grid_for_every_format():
    cells = grid(letter().tables()[0])
    assert [c.text if c else None for c in cells[0]] == [
        "申请人情况",
        "自然人",
        "法人或其他组织",
        None,
    ]
    # The second header row starts under the column-spanning cell, past the two row spans.
    assert [c.text if c else None for c in cells[1]] == [None, None, "商业企业", "科研机构"]
    assert [c.text if c else None for c in cells[2]] == ["本年新收", "263", "1,204", ""]


def test_docx_has_the_title_number_body_table_and_signature():
    from docx import Document as WordDocument

    word = WordDocument(io.BytesIO(render(letter(), "docx")))
    texts = [p.text for p in word.paragraphs]
    assert texts[:3] == ["政府信息公开申请答复告知书", "沪司信公〔2026〕第12号", "张三："]
    assert "本机关于2026年9月29日收到您提出的政府信息公开申请。" in texts
    assert texts[-2:] == ["上海市司法局", "2026年10月9日"]
    (table,) = word.tables
    assert table.cell(0, 2).text == "法人或其他组织"
    assert table.cell(0, 3).text == "法人或其他组织"  # merged across two columns
    assert table.cell(1, 0).text == "申请人情况"  # merged down two rows
    assert [table.cell(2, c).text for c in range(4)] == ["本年新收", "263", "1,204", ""]
    assert word.core_properties.title == "政府信息公开申请答复告知书"


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(letter(), "xlsx")))
    assert book.sheetnames == ["表三"]
    sheet = book["表三"]
    assert sheet["A1"].value == "收到和处理政府信息公开申请情况"
    assert sheet["A4"].value == "本年新收"
    assert sheet["B4"].value == 263
    assert sheet["C4"].value == 1204
    assert "C2:D2" in {str(r) for r in sheet.merged_cells.ranges}


def test_pdf_carries_the_text_with_chinese_fonts_embedded(tmp_path):
    data = render(letter(), "pdf")
    assert data.startswith(b"%PDF")
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for expected in (
        "政府信息公开申请答复告知书",
        "沪司信公〔2026〕第12号",
        "上海市司法局",
        "1,204",
    ):
        assert expected in text.replace("\r", "").replace("\n", "")
    if shutil.which("pdffonts"):
        path = tmp_path / "letter.pdf"
        path.write_bytes(data)
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        cjk = [line for line in fonts.splitlines() if "CJK" in line]
        assert cjk and all(" yes " in line for line in cjk)  # embedded


def test_html_escapes_what_it_is_given():
    doc = Document(title="<script>alert(1)</script>", blocks=[Paragraph("a & b")])
    html = fragment(doc)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "a &amp; b" in html
    assert render(doc, "html").startswith(b"<!DOCTYPE html>")


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        render(letter(), "odt")


def test_the_agency_and_date_never_stand_alone_on_the_last_page_of_a_pdf():
    import pypdfium2

    for n in range(14, 26):  # around the length where the signature would spill over
        doc = Document(
            title="政府信息公开告知书",
            blocks=[Paragraph(f"第{i}段正文。") for i in range(1, n + 1)],
            signature=Signature("上海市司法局", date(2026, 10, 9)),
        )
        pdf = pypdfium2.PdfDocument(render(doc, "pdf"))
        last = pdf[len(pdf) - 1].get_textpage().get_text_range()
        pdf.close()
        assert "上海市司法局" in last
        assert f"第{n}段正文" in last, n


def test_a_cell_with_a_link_is_a_link_in_html_and_plain_text_in_files():
    from docx import Document as WordDocument

    doc = Document(
        title="表",
        blocks=[
            Table([["项目", "数量"], ["新收", Cell("6", href="/x?a=1&b=2", label="新收 总计")]])
        ],
    )
    html = fragment(doc)
    assert '<a href="/x?a=1&amp;b=2" aria-label="新收 总计">6</a>' in html
    # The header row in <thead>, the rest in one <tbody>.
    assert "<table><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody><tr>" in html
    word = WordDocument(io.BytesIO(render(doc, "docx")))
    assert word.tables[0].cell(1, 1).text == "6"
