"""Office files of our own making, with hidden metadata to remove."""

import io
import re
import zipfile

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_everything(text="公示名单：张三") -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.author = "张科员"
    document.core_properties.last_modified_by = "李处长"
    document.core_properties.revision = 7
    paragraph = document.add_paragraph(text)
    document.add_comment(paragraph.runs, text="这个名单要再核一下", author="王审核", initials="W")
    document.add_paragraph("保留的正文。")
    out = io.BytesIO()
    document.save(out)
    # A tracked insertion and deletion by 赵修订, and a company in app.xml.
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                tracked = (
                    '<w:p><w:ins w:id="91" w:author="赵修订" w:date="2026-01-01T00:00:00Z">'
                    "<w:r><w:t>新增的一句。</w:t></w:r></w:ins>"
                    '<w:del w:id="92" w:author="赵修订" w:date="2026-01-01T00:00:00Z">'
                    "<w:r><w:delText>删掉的内部意见。</w:delText></w:r></w:del></w:p>"
                )
                content = content.replace(b"<w:sectPr", tracked.encode() + b"<w:sectPr", 1)
            if info.filename == "docProps/app.xml":
                content = re.sub(
                    rb"</Properties>",
                    "<Company>某某科技有限公司</Company></Properties>".encode(),
                    content,
                )
            target.writestr(info, content)
    return result.getvalue()


def xlsx_with_everything() -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    book = Workbook()
    book.properties.creator = "张科员"
    book.properties.lastModifiedBy = "李处长"
    sheet = book.active
    sheet["A1"] = "姓名"
    sheet["A2"] = "张三"
    sheet["A2"].comment = Comment("身份证号码另附", "王审核")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_with_everything() -> bytes:
    from pypdf import PdfWriter
    from pypdf.annotations import Text

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata(
        {"/Title": "公示名单", "/Author": "张科员", "/Creator": "WPS 文字", "/Producer": "某转换器"}
    )
    writer.add_annotation(0, Text(rect=(10, 10, 30, 30), text="内部意见：先别公开"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
