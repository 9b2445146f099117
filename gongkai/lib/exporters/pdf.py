"""A document as PDF: the HTML page through WeasyPrint, Noto CJK embedded (Debian's fonts)."""

from .document import Document
from .html import page


def render(document: Document) -> bytes:
    from weasyprint import HTML  # heavy: imported when a PDF is asked for

    return HTML(string=page(document)).write_pdf()
