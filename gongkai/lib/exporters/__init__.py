"""One document model, one small exporter per format: letters, reports and data exports share them.

Build a `Document` (document.py) and hand it to `html.fragment`/`html.page`, `docx.render`,
`pdf.render` or `xlsx.render`. The heavy libraries (python-docx, WeasyPrint, openpyxl) are imported
by the exporter that needs them, when it is called.
"""

from .document import Cell, Document, Heading, PageBreak, Paragraph, Signature, Table

__all__ = ["Cell", "Document", "Heading", "PageBreak", "Paragraph", "Signature", "Table", "render"]

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(document: Document, fmt: str) -> bytes:
    """The document as a file of the given format (html, docx, pdf, xlsx)."""
    if fmt == "html":
        from . import html

        return html.page(document).encode()
    if fmt == "docx":
        from . import docx

        return docx.render(document)
    if fmt == "pdf":
        from . import pdf

        return pdf.render(document)
    if fmt == "xlsx":
        from . import xlsx

        return xlsx.render(document)
    raise ValueError(f"unknown export format: {fmt}")
