"""Deterministic mutations of real-looking reports, for the robustness tests.

Each mutation is what a real page, PDF copy or careless export does to a report, pushed to
the extreme: lines lost, repeated or swapped, a file cut short, digits turned into letters,
full-width digits, Chinese numerals or dashes, 100 000-character lines, stray ``|`` and tabs,
HTML tags (balanced or not, odd spans, Word's ``<![if …]>``), control and private-use
characters (never NUL: that is "binary" and refused up front), two reports mixed, and the
whole text saved as an HTML page. Everything comes from a seeded :class:`random.Random`.
"""

from __future__ import annotations

import random
from pathlib import Path

# The worktree's parent directory holds shared/ (as in test_examples.py).
EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "examples" / "reports"
UNSEEN = Path(__file__).resolve().parent / "unseen"

_FULL_WIDTH = "０１２３４５６７８９"
_NUMERALS = "〇一二三四五六七八九十百千万亿零两"
_GARBAGE = "\x01\x02\x07\x1b\x7f\ufffd\ue000\u202e\u200b\u0300\U0001f600\\$^*+?()[]{}<>&;#%"
_TAGS = (
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<p>",
    "<br>",
    '<td rowspan="999999">',
    '<td colspan="99999999">',
    "<th colspan=0>",
    "<td colspan=-3>",
    '<td colspan="²">',
    "<script>",
    "<!--",
    "<![CDATA[",
    "<![ ]>",
    "<![if !supportLists]>",
    "&#99999999;",
    "&amp",
    "<div",
    "</div>",
)
_LONG_UNITS = (
    "1",
    "一",
    "|",
    "\t",
    "\u3000",
    "件",
    "12 ",
    "<td>",
    "a",
    "十百",
    "%",
    "（一）",
    ".",
    "3,",
    "1.",
)


def corpus() -> list[tuple[str, str]]:
    """The published examples (when present) and the unseen-style fixtures, as (name, text)."""
    files = sorted(EXAMPLES.glob("*.txt")) if EXAMPLES.is_dir() else []
    files += sorted(p for p in UNSEEN.iterdir() if p.suffix in {".txt", ".html"})
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def _digits(rng: random.Random, line: str) -> str:
    out = []
    for ch in line:
        if "0" <= ch <= "9" and rng.random() < 0.3:
            ch = rng.choice(
                ["a", "O", "l", _FULL_WIDTH[int(ch)], rng.choice(_NUMERALS), "—", "", "-", ".", "%"]
                + ["余", "99999999999999999999", "1.234567890123", "十万亿亿亿"]
            )
        out.append(ch)
    return "".join(out)


def _insert(rng: random.Random, line: str, piece: str) -> str:
    at = rng.randrange(len(line) + 1)
    return line[:at] + piece + line[at:]


def mutate(rng: random.Random, texts: list[tuple[str, str]]) -> tuple[str, str]:
    """One mutated report: (the source's name, the text)."""
    name, text = rng.choice(texts)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(14)
        n = len(lines)
        i = rng.randrange(n) if n else 0
        if op == 0 and n > 1:
            del lines[i : i + rng.randint(1, 5)]
        elif op == 1:
            lines[i:i] = lines[i : i + rng.randint(1, 5)] * rng.randint(1, 4)
        elif op == 2 and n > 1:
            j = rng.randrange(n)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            joined = "\n".join(lines)
            lines = joined[: rng.randrange(len(joined) + 1)].split("\n")
        elif op == 4:
            lines = [_digits(rng, line) if rng.random() < 0.3 else line for line in lines]
        elif op == 5:
            unit = rng.choice(_LONG_UNITS)
            lines.insert(i, unit * (100_000 // len(unit)))
        elif op == 6 and n:
            cut = rng.choice(["|", "||", "\t", "\t\t", " | "]) * rng.randint(1, 30)
            lines[i] = _insert(rng, lines[i], cut)
        elif op == 7 and n:
            tags = "".join(rng.choice(_TAGS) for _ in range(rng.randint(1, 6)))
            lines[i] = _insert(rng, lines[i], tags)
        elif op == 8 and n:
            junk = "".join(rng.choice(_GARBAGE) for _ in range(rng.randint(1, 20)))
            lines[i] = _insert(rng, lines[i], junk)
        elif op == 9:
            other = rng.choice(texts)[1].split("\n")
            start = rng.randrange(len(other))
            lines[i:i] = other[start : start + rng.randint(1, len(other))]
        elif op == 10:
            rng.shuffle(lines)
        elif op == 11 and n:
            split = lines[i].split() if rng.random() < 0.5 else lines[i].split("|")
            lines[i] = ("\t" if rng.random() < 0.5 else " ").join(split)
        elif op == 12:
            lines.insert(i, "\n" * rng.randint(1, 50))
        elif op == 13 and n and len(lines[i]) < 2_000:
            lines[i] = lines[i] * rng.randint(2, 50)
    text = "\n".join(lines)
    if rng.random() < 0.25:
        text = as_html(rng, text)
    return name, text


def as_html(rng: random.Random, text: str) -> str:
    """The text saved as a (sloppy) HTML page: rows with separators become table rows."""
    out = ["<html><head><title>" + text.split("\n")[0][:200] + "</title></head><body>"]
    in_table = False
    for line in text.split("\n"):
        cells = line.replace("\t", "|").split("|")
        if len(cells) > 2:
            if not in_table:
                out.append("<table>")
                in_table = True
            spans = ["", " colspan=2", " rowspan=3", " colspan=0", " colspan=99999"]
            row = "".join(f"<td{rng.choice(spans)}>{cell}</td>" for cell in cells)
            out.append("<tr>" + row + rng.choice(["</tr>", ""]))
        else:
            if in_table and rng.random() < 0.8:
                out.append("</table>")
                in_table = False
            opening = rng.choice(["<p>", "<div>", "<br>", "<![if x]>", "<![ ]>", ""])
            out.append(opening + line + rng.choice(["</p>", "</div>", ""]))
    out.append("</body></html>")
    return "\n".join(out)


def mutated_reports(seed: int, count: int) -> list[tuple[str, str]]:
    """``count`` mutated reports from one seed (the same list on every run)."""
    rng = random.Random(seed)
    texts = corpus()
    return [mutate(rng, texts) for _ in range(count)]
