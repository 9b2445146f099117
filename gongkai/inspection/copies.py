"""How much of a text is copied from another, sentence by sentence.

Inspections found annual reports ~90 % identical to the previous year's. A sentence counts as
copied when it appears, exactly, in the other text (numbers included: a report regenerated from
this year's figures differs where the figures do; one copied from last year keeps last year's).
Very short sentences (headings, "无。") say nothing about copying and are left out.
"""

import re

_SPLIT = re.compile(r"[。！？；!?;\n]+")
_BLANKS = re.compile(r"[\s\u3000]+")
MIN_LENGTH = 12


def sentences(text: str) -> list[str]:
    found = []
    for part in _SPLIT.split(text or ""):
        sentence = _BLANKS.sub("", part).strip("，,、：: ")
        if len(sentence) >= MIN_LENGTH:
            found.append(sentence)
    return found


def copied_share(text: str, other: str) -> tuple[float, int, int]:
    """(share of `text`'s sentences found in `other`, how many, of how many)."""
    own = sentences(text)
    if not own:
        return 0.0, 0, 0
    theirs = set(sentences(other))
    same = sum(1 for s in own if s in theirs)
    return same / len(own), same, len(own)
