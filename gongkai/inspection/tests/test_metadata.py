"""Hidden metadata removed from each file type, read back with the libraries offices' files
are read with; the visible content stays."""

import io

from gongkai.inspection.metadata import strip

from .files import docx_with_everything, pdf_with_everything, xlsx_with_everything


def test_a_docx_loses_author_company_comments_and_tracked_changes_but_keeps_its_text():
    from docx import Document

    cleaned, removed = strip(docx_with_everything(), "docx")
    assert "作者：张科员" in removed and "最后修改者：李处长" in removed
    assert "单位：某某科技有限公司" in removed and "修订次数：7" in removed
    assert "批注 1 条" in removed
    assert any(r.startswith("修订记录 2 处") and "赵修订" in r for r in removed)
    document = Document(io.BytesIO(cleaned))
    assert document.core_properties.author == ""
    assert document.core_properties.last_modified_by == ""
    text = "\n".join(p.text for p in document.paragraphs)
    assert "公示名单：张三" in text and "保留的正文。" in text
    assert "新增的一句。" in text  # the insertion accepted
    assert "删掉的内部意见" not in cleaned.decode("latin-1", "ignore")
    assert b"comments.xml" not in cleaned and "王审核".encode() not in cleaned
    assert "赵修订".encode() not in cleaned and "某某科技".encode() not in cleaned


def test_an_xlsx_loses_its_author_and_comments_but_keeps_its_cells():
    from openpyxl import load_workbook

    cleaned, removed = strip(xlsx_with_everything(), "xlsx")
    assert "作者：张科员" in removed and "最后修改者：李处长" in removed
    assert any(r.startswith("批注") for r in removed)
    book = load_workbook(io.BytesIO(cleaned))
    sheet = book.active
    assert sheet["A2"].value == "张三"
    assert sheet["A2"].comment is None
    assert book.properties.creator in ("", None)
    assert "王审核".encode() not in cleaned


def test_a_pdf_loses_author_programs_and_comments_and_keeps_its_title():
    from pypdf import PdfReader

    cleaned, removed = strip(pdf_with_everything(), "pdf")
    assert "作者：张科员" in removed and "创建程序：WPS 文字" in removed
    assert "批注 1 条" in removed
    reader = PdfReader(io.BytesIO(cleaned))
    assert reader.metadata.get("/Author") is None
    assert reader.metadata.get("/Title") == "公示名单"
    assert not reader.pages[0].get("/Annots")


def test_a_clean_file_comes_back_unchanged():
    cleaned, removed = strip(b"%PDF-1.4 not really", "png")
    assert removed == [] and cleaned == b"%PDF-1.4 not really"
    once, _ = strip(docx_with_everything(), "docx")
    twice, removed_again = strip(once, "docx")
    assert removed_again == [] and twice == once
