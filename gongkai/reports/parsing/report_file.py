"""A report file → the statistics document, with where it came from and what is in doubt."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .document import parse_report
from .files import read_report_bytes

# An OCR misreading changes a character or two of an agency's name; a different agency of the
# same city shares most of its name too, so the match must be close and the lengths alike.
_SIMILAR = 0.8


@dataclass
class ParsedFile:
    """The document parsed from a file and the text it was read from."""

    document: dict[str, Any]
    text: str


def parse_report_file(data: bytes, name: str, known_names: Iterable[str] = ()) -> ParsedFile:
    """Read a report file (text, saved page, DOCX, PDF or scan) and parse it.

    The document gains, outside the statistics, ``"source"`` (the kind of file, its pages,
    ``"ocr": true`` when its figures were read by OCR) and the doubts of :mod:`.doubts`.
    """
    source = read_report_bytes(data, name)
    document = parse_report(source.text)
    suggest_organization(document, known_names)
    document["source"] = source.describe()
    return ParsedFile(document, source.text)


def similar_name(printed: str, known_names: Iterable[str]) -> str | None:
    """The one known name that ``printed`` is probably a misreading of, else ``None``."""
    names = {n.strip() for n in known_names if n and n.strip()}
    if not printed or printed in names:
        return None
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, printed, name).ratio(), name)
            for name in names
            if abs(len(name) - len(printed)) <= 2
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < _SIMILAR:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # two names fit as well: offer neither
    return scored[0][1]


def suggest_organization(document: dict[str, Any], known_names: Iterable[str]) -> None:
    """Offer a known name for the printed organisation as a doubt; never replace it."""
    printed = document.get("organization") or ""
    suggestion = similar_name(printed, known_names)
    if suggestion:
        document.setdefault("doubts", []).insert(
            0,
            {
                "reason": "organization",
                "where": "organization",
                "printed": printed,
                "read": suggestion,
            },
        )
