"""Cleaning table labels so that they can be matched by their words.

Real labels carry enumerators ("(三)", "1.", "一、"), long bracketed explanations (Hubei's
2019 tables), typos ("三类内容事务信息") and stray spaces ("本年新 制作数量"). The readers
compare the *core* of a label: no enumerator, no bracketed notes, no spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import collapse_spaces

_ENUMERATOR = re.compile(
    r"^(?:[(（]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]"
    r"|\d+\s*[.、．)）](?!\d)|[(（]\s*\d+\s*[)）])\s*"
)
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
# A compound cell such as "三、本年度办理结果(一)予以公开" or "(三)不予公开1.属于国家秘密".
_COMPOUND_SPLIT = re.compile(
    r"(?<=[^\s(（])\s*(?=[(（][一二三四五六七八九十][)）])|(?<=[^\d.\s])\s*(?=\d\.\D)"
)


def strip_enumerator(label: str) -> str:
    """Remove a leading "(一)", "1.", "一、" or "(1)"."""
    return _ENUMERATOR.sub("", label.strip(), count=1)


def strip_brackets(label: str) -> str:
    """Remove bracketed notes, innermost first, so nested brackets also go."""
    previous = None
    while previous != label:
        previous, label = label, _BRACKETED.sub("", label)
    return label


@lru_cache(maxsize=4096)
def core(label: str) -> str:
    """The words of a label: no enumerator, no bracketed notes, no spaces or quotes."""
    text = collapse_spaces(label)
    text = strip_enumerator(text)
    text = strip_brackets(text)
    text = strip_enumerator(text)
    return text.strip("“”\"'‘’:：,，。;； ")


def split_compound(label: str) -> list[str]:
    """Split a cell that holds a parent label and its first child label."""
    parts = [p for p in _COMPOUND_SPLIT.split(label) if p.strip()]
    return parts or [label]


def has_cjk(text: str) -> bool:
    """True when the text contains at least one CJK ideograph."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
