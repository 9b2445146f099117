"""The text of a file to check: DOCX paragraphs and tables, XLSX cells, a PDF's text layer,
plain text in the usual Chinese encodings."""

import io
import zipfile


class Unreadable(Exception):
    """The file is not one of the kinds read here, or is damaged. The message is Chinese."""


def kind_of(name: str, data: bytes) -> str:
    lowered = name.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise Unreadable(f"“{name}”不是有效的压缩文档。") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise Unreadable(f"“{name}”不是 Word（.docx）或 Excel（.xlsx）文档。")
    if (
        lowered.endswith((".txt", ".text", ".md", ".html", ".htm"))
        or not lowered.rpartition(".")[1]
    ):
        return "text"
    raise Unreadable(f"“{name}”的格式无法检查（支持 .txt、.docx、.xlsx、.pdf）。")


def text_of(name: str, data: bytes) -> str:
    kind = kind_of(name, data)
    try:
        return {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "text": _text}[kind](data)
    except Unreadable:
        raise
    except Exception as exc:  # a damaged file of a known kind
        raise Unreadable(f"“{name}”无法读取：文件可能已损坏（{type(exc).__name__}）。") from exc


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable("文本文件的编码无法识别（支持 UTF-8、GB18030、Big5）。")


def _docx(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            if any(cells):
                lines.append("\t".join(cells))
    book.close()
    return "\n".join(lines)


def _pdf(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return "\n".join(p.replace("\r\n", "\n") for p in pages)
