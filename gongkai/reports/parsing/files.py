"""A report file as it was collected → its text for the parser.

Supervisors keep reports as they found them: a text copied from a page, a page saved by the
browser (.html, or .mhtml with everything in one MIME file, in whatever encoding the site
used), a DOCX attachment, a PDF with a text layer, or a scan. Each becomes the same kind of
text the parser reads: prose lines, and table rows written as ``| a | b |`` rows so that no
reader has to guess where a cell ends when the file itself says so.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import zipfile
from dataclasses import dataclass, field

from .errors import ReportParseError, decode_report

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".mhtml", ".mht")
DOCUMENT_SUFFIXES = (".docx", ".pdf")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCUMENT_SUFFIXES
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Sites that say gb2312 write GBK/GB18030 characters all the same: read with the superset.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


@dataclass
class SourceText:
    """The text read out of a file and how it was read (``kind``: txt, html, mhtml, docx, pdf)."""

    text: str
    kind: str
    ocr: bool = False
    pages: int = 0
    notes: list[str] = field(default_factory=list)

    def describe(self) -> dict:
        """The ``source`` entry of the statistics document (outside the statistics)."""
        out: dict = {"kind": self.kind}
        if self.pages:
            out["pages"] = self.pages
        if self.ocr:
            out["ocr"] = True
        return out


def read_report_bytes(data: bytes, name: str, max_ocr_pages: int | None = None) -> SourceText:
    """The text of a report file, chosen by its content first and its name second.

    ``max_ocr_pages``: see :func:`.pdf.read_pdf`.
    """
    if not data.strip():
        raise ReportParseError(f"文件为空：{name}", f"the file is empty: {name}")
    lower = name.lower()
    if data.startswith(b"%PDF-"):
        from .pdf import read_pdf

        return read_pdf(data, name, max_ocr_pages)
    if data.startswith(b"PK\x03\x04"):
        return SourceText(read_docx(data, name), "docx")
    if lower.endswith((".pdf", ".docx")):
        kind = "PDF" if lower.endswith(".pdf") else "DOCX"
        raise ReportParseError(
            f"文件已损坏或不是 {kind} 文件：{name}", f"damaged or not a {kind} file: {name}"
        )
    if lower.endswith((".mhtml", ".mht")) or _looks_like_mime(data):
        return SourceText(read_mhtml(data, name), "mhtml")
    if lower.endswith((".html", ".htm")) or data.lstrip()[:1] == b"<":
        return SourceText(decode_html(data, name), "html")
    return SourceText(decode_report(data, name), "txt")


# -- saved web pages ------------------------------------------------------------------------------
def decode_html(data: bytes, name: str) -> str:
    """An HTML page's text in the encoding its ``<meta charset>`` names, else UTF-8/GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return decode_report(data, name)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        charset = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(_CHARSET_ALIASES.get(charset, charset))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: fall back to guessing
    try:
        return decode_report(data, name)
    except ReportParseError:
        return data.decode("big5hkscs", errors="strict")


def _looks_like_mime(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"mime-version:" in head and b"content-type: multipart/related" in head


def read_mhtml(data: bytes, name: str) -> str:
    """The first HTML part of a browser's single-file page (.mhtml), decoded."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True) or b""
        charset = (part.get_content_charset() or "").lower()
        if charset:
            try:
                return payload.decode(_CHARSET_ALIASES.get(charset, charset))
            except (LookupError, UnicodeDecodeError):
                pass
        return decode_html(payload, name)
    raise ReportParseError(f"网页存档中没有网页：{name}", f"no HTML page in the archive: {name}")


# -- DOCX ---------------------------------------------------------------------------------------
def read_docx(data: bytes, name: str) -> str:
    """Paragraphs as lines and tables as ``| a | b |`` rows, in the document's order.

    A merged cell is one cell (python-docx repeats it once per grid column it spans), and an
    empty cell stays an empty cell: the table readers count positions.
    """
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise ReportParseError(
            f"文件已损坏或不是 DOCX 文件：{name}", f"damaged or not a DOCX file: {name}: {error}"
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_docx_table_rows(block))
            lines.append("")
    return "\n".join(lines)


def _docx_table_rows(table) -> list[str]:
    from docx.table import _Cell

    rows: list[str] = []
    for tr in table._tbl.tr_lst:
        cells = []
        # One <w:tc> per printed cell: a cell spanning columns (gridSpan) is one cell, and the
        # lower parts of a vertically merged cell (vMerge "continue") print nothing.
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                continue
            cell = _Cell(tc, table)
            # A cell's wrapped lines are one label or one number.
            text = "".join(p.text.strip() for p in cell.paragraphs)
            cells.append(text.replace("|", "¦"))
        if cells:
            rows.append("| " + " | ".join(cells) + " |")
    return rows
