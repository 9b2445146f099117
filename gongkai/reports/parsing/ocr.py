"""Scanned pages: the table's ruling lines found in the image, the words read by tesseract.

Tesseract reads a bordered table badly (it takes the borders for letters), so the borders are
found first, in the image itself (long runs of dark pixels), and painted out; tesseract then
reads the page once and gives each word with its box. Words and borders go through the same
cell rebuilding as a PDF's text layer (:func:`.pdf.page_lines`), so a scanned table comes out
as ``| a | b |`` rows like any other.

Debian's ``tesseract-ocr`` with ``tesseract-ocr-chi-sim`` does the reading (``bin/system-deps``
installs them).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

from .errors import ReportParseError

DPI = 300
_DARK = 128
_RUN = 48  # pixels of unbroken ink that make a ruling line at 300 dpi (a character is ~37)
_TIMEOUT = 120
_CHINESE = ("-l", "chi_sim", "--psm", "6")
_DIGITS = ("-l", "eng", "--psm", "6", "-c", "tessedit_char_whitelist=0123456789,./%-")


def tesseract_available() -> bool:
    """True when tesseract and its Simplified Chinese model are installed."""
    if not shutil.which("tesseract"):
        return False
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in listed.stdout.split()


def ocr_pages(document, indexes: list[int], name: str) -> list[list[str]]:
    """The text lines of the given pages of a pdfium document, read by OCR."""
    if not tesseract_available():
        raise ReportParseError(
            f"扫描件需要文字识别，但本机未安装 tesseract-ocr 和 tesseract-ocr-chi-sim：{name}",
            f"a scanned PDF needs OCR but tesseract with chi_sim is not installed: {name}",
        )
    from .pdf import Run, merge_lines, page_lines

    scale = DPI / 72
    out = []
    for index in indexes:
        image = document[index].render(scale=scale, grayscale=True).to_pil().convert("L")
        horizontal, vertical = ruling_lines(image)
        clean = erase(image, horizontal, vertical)
        words = split_at_lines(read_words(clean, name), vertical)
        height = image.height
        # Image pixels (y downwards) → points (y upwards), as in a PDF's text layer.
        runs = [
            Run(
                left / scale,
                (height - top - h) / scale,
                (left + w) / scale,
                (height - top) / scale,
                t,
            )
            for left, top, w, h, t in words
        ]
        ruling = (
            merge_lines(
                [((height - y) / scale, x0 / scale, x1 / scale) for y, x0, x1 in horizontal]
            ),
            merge_lines(
                [
                    (x / scale, (height - y1) / scale, (height - y0) / scale)
                    for x, y0, y1 in vertical
                ]
            ),
        )
        runs = reread_figures(clean, runs, ruling, scale, name)
        out.append(page_lines(runs, ruling, image.width / scale))
    return out


_FIGURE = re.compile(r"^[0-9][0-9,.]*%?$|^[/-]$")


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def reread_figures(image, runs, ruling, scale: float, name: str):
    """Runs with the figure cells of each table row read again as figures.

    The Chinese model takes a lone "1" in a wide empty cell for "｜" or "工" and a "0" for
    "品". The cells after each row's label (where the national tables put figures) are cut
    out, stacked on one sheet and read once more by the English model limited to digits; a
    cell whose second reading is a figure takes it.
    """
    from PIL import Image

    from .pdf import Run, cells, rows_of

    boxes = cells(*ruling)
    texts: dict = {}
    for run in runs:
        for box in boxes:
            if box.holds(run):
                texts[box] = texts.get(box, "") + run.text
                break
    narrow = []
    for _, row in rows_of(boxes):
        readings = [texts.get(box, "") for box in row]
        if not any(_FIGURE.match(t) for t in readings):
            continue  # a header or a row of labels: nothing to read as figures
        # The row's label (when it has one) stays as the Chinese model read it.
        start = 0 if _FIGURE.match(readings[0]) or not readings[0] else 1
        narrow += [
            box
            for box, text in zip(row[start:], readings[start:], strict=True)
            if (box.x1 - box.x0) * scale < image.width / 4 and (len(text) <= 2 or _has_digit(text))
        ]
    if not narrow:
        return runs
    pad, crops = 12, []
    for box in narrow:
        left, right = round(box.x0 * scale) + 4, round(box.x1 * scale) - 4
        top, bottom = (
            image.height - round(box.y1 * scale) + 4,
            image.height - round(box.y0 * scale) - 4,
        )
        if right - left > 4 and bottom - top > 4:
            crop = image.crop((left, top, right, bottom))
            # Twice the size: tesseract drops a lone thin "1" of body-text size as a speck.
            crops.append((box, crop.resize((crop.width * 2, crop.height * 2))))
    if not crops:
        return runs
    width = max(c.width for _, c in crops) + 2 * pad
    sheet = Image.new("L", (width, sum(c.height + 2 * pad for _, c in crops)), 255)
    slots, y = [], 0
    for box, crop in crops:
        sheet.paste(crop, (pad, y + pad))
        slots.append((y, y + crop.height + 2 * pad, box))
        y += crop.height + 2 * pad
    read: dict = {}
    try:
        words = read_words(sheet, name, digits=True)
    except ReportParseError:
        return runs  # no second reading (tesseract-ocr-eng missing): keep the first
    for left, top, _w, h, text in words:
        middle = top + h / 2
        for start, end, box in slots:
            if start <= middle < end:
                read.setdefault(box, []).append((left, text))
    figures = {}
    for box, words in read.items():
        text = "".join(t for _, t in sorted(words))
        if _FIGURE.match(text):
            figures[box] = text
    kept = [r for r in runs if not any(box.holds(r) for box in figures)]
    for box, text in figures.items():
        middle_y = (box.y0 + box.y1) / 2
        kept.append(Run(box.x0 + 1, middle_y - 3, box.x0 + 8, middle_y + 3, text))
    return kept


def ruling_lines(image) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) lines of ink longer than ``_RUN``.

    Only whole blocks of ``_RUN`` dark pixels survive the box reduction, so the search runs on
    an image ``_RUN`` times smaller; each line's ends are then found on the full image.
    """
    from PIL import Image

    ink = image.point(lambda v: 0 if v < _DARK else 255)
    # A vertical line is a horizontal one of the transposed image: (x, y0, y1) directly.
    return _lines_along(ink), _lines_along(ink.transpose(Image.Transpose.TRANSPOSE))


def _lines_along(ink) -> list[tuple[int, int, int]]:
    width, height = ink.size
    blocks = ink.reduce((_RUN, 1))
    reduced_width = blocks.width
    data = blocks.tobytes()
    pixels = ink.tobytes()
    lines = []
    for y in range(height):
        row = data[y * reduced_width : (y + 1) * reduced_width]
        start = None
        for b in range(reduced_width + 1):
            dark = b < reduced_width and row[b] < 40
            if dark and start is None:
                start = b
            elif not dark and start is not None:
                x0 = _extend(pixels, y * width, start * _RUN, -1, width)
                x1 = _extend(pixels, y * width, b * _RUN - 1, 1, width)
                lines.append((y, x0, x1))
                start = None
    return lines


def _extend(pixels: bytes, offset: int, x: int, step: int, width: int) -> int:
    # Follow the ink past the block edge (a gap of two pixels does not end a line).
    gap = 0
    last = x
    while 0 <= x + step < width and gap <= 2:
        x += step
        if pixels[offset + x] < _DARK:
            last, gap = x, 0
        else:
            gap += 1
    return last


def split_at_lines(words, vertical):
    """Words cut where a (painted-out) vertical line crossed them.

    With the borders gone, tesseract reads the figures of narrow neighbouring cells as one
    word ("0000"); digits are of equal width, so each character's place in the word's box says
    which cell it was in.
    """
    out = []
    for left, top, width, height, text in words:
        middle = top + height / 2
        cuts = sorted(x for x, y0, y1 in vertical if left < x < left + width and y0 <= middle <= y1)
        if not cuts:
            out.append((left, top, width, height, text))
            continue
        step = width / len(text)
        pieces: dict[int, list[int]] = {}
        for index in range(len(text)):
            centre = left + (index + 0.5) * step
            pieces.setdefault(sum(1 for x in cuts if x < centre), []).append(index)
        for indexes in pieces.values():
            start = left + indexes[0] * step
            piece = "".join(text[i] for i in indexes)
            out.append((round(start), top, round(step * len(indexes)), height, piece))
    return out


def erase(image, horizontal, vertical):
    """The image with its ruling lines painted white (tesseract reads them as letters)."""
    from PIL import ImageDraw

    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for y, x0, x1 in horizontal:
        draw.line([(x0, y), (x1, y)], fill=255, width=7)
    for x, y0, y1 in vertical:
        draw.line([(x, y0), (x, y1)], fill=255, width=7)
    return clean


def read_words(image, name: str, digits: bool = False) -> list[tuple[int, int, int, int, str]]:
    """Tesseract's words (left, top, width, height, text) of one page image (``digits``: a
    sheet of figure cells, read by the English model limited to what figures are made of)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", *(_DIGITS if digits else _CHINESE), "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise ReportParseError(f"文字识别失败：{name}", f"OCR failed: {name}: {error}") from None
    if done.returncode != 0:
        raise ReportParseError(
            f"文字识别失败：{name}", f"OCR failed: {name}: {done.stderr[-200:]!r}"
        )
    words = []
    reader = csv.DictReader(io.StringIO(done.stdout.decode("utf-8")), delimiter="\t", quoting=3)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            words.append(
                (int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]), text)
            )
    return words
