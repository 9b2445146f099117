"""A PDF report → text: table cells rebuilt from the ruling lines, prose reflowed.

A PDF has no tables and no paragraphs, only runs of text at positions and the strokes that
draw the table's borders. The cells are the smallest rectangles the strokes enclose (a merged
cell is simply a larger one, an empty cell one with no text); each run of text belongs to the
cell around it. Outside the tables, runs on the same baseline make a line, and a line that
reaches the right margin continues on the next one (a figure such as "18,7" + "58条" must not be
cut in two). A page without any text is a scan: it goes to OCR (:mod:`.ocr`).
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .errors import ReportParseError
from .files import SourceText

_SNAP = 2.0  # ruling lines this close are the same line
_MIN_CELL = 3.0
# Runs of one line further apart than this (× the text height) are cells of a table drawn
# without borders; the runs of a sentence touch (a font change splits them, a gap does not).
_CELL_GAP = 0.3


@dataclass(frozen=True)
class Run:
    """One run of text on one baseline: its box (PDF points, y upwards) and text."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, run: Run) -> bool:
        return self.x0 - 1 <= run.cx <= self.x1 + 1 and self.y0 - 1 <= run.cy <= self.y1 + 1


def read_pdf(data: bytes, name: str, max_ocr_pages: int | None = None) -> SourceText:
    """The text of a PDF; pages with an image and no text layer are read by OCR.

    ``max_ocr_pages`` bounds the pages OCR may take (about ten seconds each): a web request
    must not wait minutes for a long scan.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ReportParseError(
            f"文件已损坏或不是 PDF 文件：{name}", f"damaged or not a PDF file: {name}: {error}"
        ) from None
    try:
        pages: list[list[str]] = []
        scanned: list[int] = []
        for index in range(len(document)):
            page = document[index]
            runs = _runs(page)
            if runs:
                pages.append(page_lines(runs, _ruling(page), page.get_width()))
                continue
            pages.append([])
            if next(iter(page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=4)), None):
                scanned.append(index)  # an image and no text: a scanned page
        ocr = False
        if max_ocr_pages is not None and len(scanned) > max_ocr_pages:
            raise ReportParseError(
                f"扫描件有 {len(scanned)} 页需要文字识别，超过网页导入的 {max_ocr_pages} 页上限；"
                "请只上传含统计表格的几页，或由管理员用 gongkai report parse 命令处理：" + name,
                f"{len(scanned)} scanned pages exceed the limit of {max_ocr_pages}: {name}",
            )
        if scanned:
            from .ocr import ocr_pages

            for index, text in zip(scanned, ocr_pages(document, scanned, name), strict=True):
                pages[index] = text
            ocr = True
        # A sentence cut by a page break continues on the next page.
        text = _reflow([line for page in pages for line in page])
    finally:
        document.close()
    if not text.strip():
        raise ReportParseError(f"PDF 中没有文字：{name}", f"the PDF has no text: {name}")
    return SourceText(text, "pdf", ocr=ocr, pages=len(pages))


def _runs(page) -> list[Run]:
    textpage = page.get_textpage()
    try:
        runs = []
        for index in range(textpage.count_rects()):
            x0, y0, x1, y1 = textpage.get_rect(index)
            text = textpage.get_text_bounded(x0, y0, x1, y1).strip()
            if text:
                runs.append(Run(x0, y0, x1, y1, text))
        return runs
    finally:
        textpage.close()


def _ruling(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling lines of a page.

    Every straight horizontal or vertical piece of every path counts: borders come as lines,
    as thin filled rectangles (both long sides are then the same line, once snapped) or as
    one path drawing several borders at once.
    """
    import pypdfium2.raw as raw

    horizontal, vertical = [], []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4):
        a, b, c, d, e, f = obj.get_matrix().get()
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for index in range(raw.FPDFPath_CountSegments(obj.raw)):
            segment = raw.FPDFPath_GetPathSegment(obj.raw, index)
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                _add_edge(points[-1], point, horizontal, vertical)
            points.append(point)
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_edge(point, start, horizontal, vertical)
    return merge_lines(horizontal), merge_lines(vertical)


def _add_edge(p: tuple[float, float], q: tuple[float, float], horizontal, vertical) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > _MIN_CELL:
        horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > _MIN_CELL:
        vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def merge_lines(lines: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Snap lines at nearly the same position to one position, then join touching pieces."""
    groups: list[list[tuple[float, float, float]]] = []
    for line in sorted(lines):
        if groups and line[0] - groups[-1][-1][0] <= _SNAP:
            groups[-1].append(line)
        else:
            groups.append([line])
    merged: list[tuple[float, float, float]] = []
    for group in groups:
        pos = round(sum(line[0] for line in group) / len(group), 1)
        pieces: list[list[float]] = []
        for _, start, end in sorted(group, key=lambda line: line[1]):
            if pieces and start <= pieces[-1][1] + _SNAP:
                pieces[-1][1] = max(pieces[-1][1], end)
            else:
                pieces.append([start, end])
        merged += [(pos, a, b) for a, b in pieces]
    return merged


# -- cells ----------------------------------------------------------------------------------------
def cells(
    horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]]
) -> list[Box]:
    """The smallest rectangles enclosed by the ruling lines."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    xs = sorted({round(x, 1) for x, _, _ in vertical})
    ys = sorted({round(y, 1) for y, _, _ in horizontal})

    def h_covers(y: float, a: float, b: float) -> bool:
        return any(
            abs(hy - y) <= _SNAP and x0 - _SNAP <= a and b <= x1 + _SNAP
            for hy, x0, x1 in horizontal
        )

    def v_covers(x: float, a: float, b: float) -> bool:
        return any(
            abs(vx - x) <= _SNAP and y0 - _SNAP <= a and b <= y1 + _SNAP for vx, y0, y1 in vertical
        )

    boxes: list[Box] = []
    for top in reversed(ys):
        for left in xs:
            if not (h_covers(top, left, left) and v_covers(left, top, top)):
                continue
            box = _smallest_box(left, top, xs, ys, h_covers, v_covers)
            if box:
                boxes.append(box)
    return boxes


def _smallest_box(left, top, xs, ys, h_covers, v_covers) -> Box | None:
    for right in xs[bisect_right(xs, left + _MIN_CELL) :]:
        if not h_covers(top, left, right):
            return None  # the top border ends before any right border
        if not v_covers(right, top, top):
            continue
        for bottom in reversed(ys[: bisect_left(ys, top - _MIN_CELL)]):
            if not v_covers(left, bottom, top):
                break
            if v_covers(right, bottom, top) and h_covers(bottom, left, right):
                return Box(left, bottom, right, top)
        # the right border never closes a box here: the cell is wider
    return None


# -- the page's text ------------------------------------------------------------------------------
def page_lines(runs: list[Run], ruling, page_width: float) -> list[str]:
    """The page as text lines, each table row as ``| a | b |``; a prose line that runs to the
    right margin ends with a mark saying that its sentence continues on the next line."""
    boxes = cells(*ruling)
    in_cells: dict[Box, list[Run]] = {box: [] for box in boxes}
    loose: list[Run] = []
    for run in runs:
        box = next((b for b in boxes if b.holds(run)), None)
        if box is None:
            loose.append(run)
        else:
            in_cells[box].append(run)
    # Each element is placed on the page by its top: table rows and prose lines interleave.
    elements: list[tuple[float, float, str]] = []
    for top, row in rows_of(boxes):
        texts = [_cell_text(in_cells[box]) for box in row]
        if any(texts):
            elements.append((top, 0.0, "| " + " | ".join(texts) + " |"))
    # Pages are laid out with equal side margins: a page of short lines (cells one per line)
    # must not make its longest line look like one that runs to the margin.
    left = min((r.x0 for r in runs), default=0.0)
    right_margin = max([page_width - left, *(r.x1 for r in loose)])
    for line in _lines(loose):
        top = max(r.y1 for r in line)
        elements.append((top, min(r.x0 for r in line), _line_text(line, right_margin)))
    elements.sort(key=lambda e: (-e[0], e[1]))
    return [text for _, _, text in elements]


def rows_of(boxes: list[Box]) -> list[tuple[float, list[Box]]]:
    rows: dict[float, list[Box]] = {}
    for box in boxes:
        key = next((k for k in rows if abs(k - box.y1) <= _SNAP), box.y1)
        rows.setdefault(key, []).append(box)
    return [(top, sorted(row, key=lambda b: b.x0)) for top, row in rows.items()]


def _cell_text(runs: list[Run]) -> str:
    # A cell's wrapped lines are one label or one number: joined without a space.
    return "".join(run.text for line in _lines(runs) for run in line).replace("|", "¦")


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into lines: a run joins the line whose vertical extent it overlaps.

    (A full stop or a comma sits low and a digit is shorter than a character: their centres
    are not on the line's centre, but they overlap it.)
    """
    lines: list[tuple[list[Run], list[float]]] = []
    for run in sorted(runs, key=lambda r: -r.cy):
        if lines:
            members, (bottom, top) = lines[-1]
            overlap = min(top, run.y1) - max(bottom, run.y0)
            # Measured against the line's first run, not a growing envelope: one tall box
            # (OCR's) would otherwise swallow the next line.
            if overlap > 0.4 * min(run.y1 - run.y0, top - bottom):
                members.append(run)
                continue
        lines.append(([run], [run.y0, run.y1]))
    return [sorted(members, key=lambda r: r.x0) for members, _ in lines]


_CONTINUES = "\x00"  # marks a line that runs to the right margin (its sentence continues)


def _line_text(line: list[Run], right_margin: float) -> str:
    parts = [line[0].text]
    for before, run in zip(line, line[1:], strict=False):
        height = max(run.y1 - run.y0, 1.0)
        parts.append("\t" if run.x0 - before.x1 > _CELL_GAP * height else "")
        parts.append(run.text)
    text = "".join(parts)
    height = max(line[-1].y1 - line[-1].y0, 1.0)
    if right_margin - line[-1].x1 < 3 * height and "\t" not in text:
        text += _CONTINUES
    return text


def _reflow(lines: list[str]) -> str:
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and out and not line.startswith("|"):
            out[-1] += line
        else:
            out.append(line)
        joining = out[-1].endswith(_CONTINUES)
        out[-1] = out[-1].rstrip(_CONTINUES)
    return "\n".join(out)
