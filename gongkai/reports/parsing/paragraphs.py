"""Paragraphs of prose, each with the section heading it sits under.

Figures in sentences are read per paragraph (one text line), and some readings depend on
the section: a consultation count only counts under a heading about 咨询 unless the sentence
itself says it is about 政府信息公开.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import normalize_line, prose_form, split_lines

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章))")


@dataclass(frozen=True)
class Paragraph:
    """One line of prose (prepared by :func:`prose_form`) and its section heading."""

    text: str
    section: str
    line: int


def is_heading(line: str) -> bool:
    """A numbered section heading such as "三、依申请公开政府信息情况" (short, no full stop)."""
    squeezed = line.replace(" ", "")
    return bool(_HEADING.match(squeezed)) and len(squeezed) <= 40 and "。" not in squeezed


def paragraphs(lines: list[str]) -> list[Paragraph]:
    """All non-empty lines as paragraphs, with the latest section heading before each."""
    section = ""
    out: list[Paragraph] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if is_heading(line) and "|" not in line:
            section = line.replace(" ", "")
        out.append(Paragraph(prose_form(line), section, index))
    return out


@lru_cache(maxsize=4)
def normalized_lines(text: str) -> tuple[str, ...]:
    """The NFKC-normalised lines of a text (cached: the parser and the checker both need them)."""
    return tuple(normalize_line(line) for line in split_lines(text))


@lru_cache(maxsize=4)
def text_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The paragraphs of a whole text (cached for the same reason)."""
    return tuple(paragraphs(list(normalized_lines(text))))
