"""The saved HTML page of a report → text lines, with table rows kept as rows.

Only the standard library's :mod:`html.parser` is used. Block elements end lines; each
``<tr>`` becomes one markdown-style row ``| a | b | c |``; a cell's inner line breaks become
spaces. A *blank* cell spanning several columns is written once per column, because blanks
are value positions; a cell with text is written once, because the table readers find
labels by their words and a repeated label would read as a second row.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "pre",
        "blockquote",
        "hr",
        "dd",
        "dt",
        "dl",
        "center",
        "form",
        "nav",
        "main",
        "aside",
    }
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
# A report's widest table (四) has 15 columns; a wider blank span is page layout or garbage.
_MAX_COLSPAN = 100
# "<![if !supportLists]>" (Word) or a broken "<![ …": html.parser raises on marked sections it
# does not know, so a page that trips it is read again without them.
_MARKED_SECTION = re.compile(r"<!\[[^<>]*>")
_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|table|div|p|meta)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when the text is (most likely) an HTML document rather than plain text."""
    head = text.lstrip()[:2000]
    return head.startswith("<") and bool(_HTML_SNIFF.search(head))


class _ReportHTMLParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.skip_depth = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.cell_span = 1
        self.table_depth = 0

    # -- helpers -------------------------------------------------------------------------
    def _flush(self) -> None:
        line = "".join(self.current).strip()
        if line:
            self.lines.append(re.sub(r"\s+", " ", line))
        self.current = []

    def _close_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = re.sub(r"\s+", " ", "".join(self.cell)).strip().replace("|", "/")
        self.row.extend([text] * (self.cell_span if not text else 1))
        self.cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self.row is not None:
            if any(cell for cell in self.row):
                self.lines.append("| " + " | ".join(self.row) + " |")
            self.row = None

    # -- parser callbacks ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "table":
            self._flush()
            self.table_depth += 1
            return
        if self.table_depth:
            if tag == "tr":
                self._close_row()
                self.row = []
            elif tag in {"td", "th"}:
                if self.row is None:
                    self.row = []
                self._close_cell()
                self.cell = []
                span = (dict(attrs).get("colspan") or "1").strip()
                # colspan 0, -3, "２" or "abc" is 1 (as browsers read it); huge spans are capped.
                digits = span.isascii() and span.isdigit()
                self.cell_span = min(max(int(span[:4]) if digits else 1, 1), _MAX_COLSPAN)
            elif tag in {"br", "p", "div"} and self.cell is not None:
                self.cell.append(" ")
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if tag == "table":
            self._close_row()
            self.table_depth = max(0, self.table_depth - 1)
            return
        if self.table_depth:
            if tag in {"td", "th"}:
                self._close_cell()
            elif tag == "tr":
                self._close_row()
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in {"td", "th", "tr", "table"}:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.in_title:
            self.title.append(data)
        elif self.cell is not None:
            self.cell.append(data)
        elif self.table_depth and self.row is not None:
            return  # stray text between cells
        else:
            self.current.append(data)


def html_to_text(html: str) -> str:
    """Convert a saved report page to text lines; the page ``<title>`` comes first."""
    try:
        parser = _read_html(html)
    except AssertionError:  # html.parser's complaint about a malformed "<![…"
        parser = _read_html(_MARKED_SECTION.sub("", html).replace("<![", "&lt;!["))
    lines = parser.lines
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
    if title:
        # Page titles often append the site name: "…年度报告_某某市人民政府".
        parts = [p for p in re.split(r"\s*(?:_|\||｜| - | — |－)\s*", title) if p]
        best = next((p for p in parts if "报告" in p), parts[0] if parts else title)
        if not lines or lines[0].replace(" ", "") != best.replace(" ", ""):
            lines = [best, *lines]
    return "\n".join(lines)


def _read_html(html: str) -> _ReportHTMLParser:
    parser = _ReportHTMLParser()
    parser.feed(html)
    parser.close()
    parser._close_row()
    parser._flush()
    return parser
