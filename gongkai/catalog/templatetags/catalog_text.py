"""Official prose on the page: every line a paragraph, indented as paragraphs are."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def paragraphs(text: str | None) -> str:
    """Each non-empty line of `text` as its own <p>.

    Django's `linebreaks` turns single line breaks into <br> inside one paragraph, so only the
    first line of a body typed one paragraph per line got the two-character indent.
    """
    if not text:
        return ""
    lines = (line.strip() for line in re.split(r"\r\n|\r|\n", str(text)))
    return mark_safe("".join(f"<p>{escape(line)}</p>" for line in lines if line))


# Characters of unchanged text kept on each side of a change, so the reader can place it.
_CONTEXT = 12


def change_excerpts(before, after, width: int = 80) -> tuple[str, str]:
    """The part of `before` and `after` that differs, with a little unchanged text around it and
    "…" where text is left out: a sentence changed at the end of a long body shows that
    sentence, where cutting both at `width` characters showed the same opening twice."""
    before, after = str(before or ""), str(after or "")
    if len(before) <= width and len(after) <= width:
        return before, after
    shortest = min(len(before), len(after))
    head = 0
    while head < shortest and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < shortest - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    start = max(0, head - _CONTEXT)

    def cut(text: str) -> str:
        end = min(len(text), len(text) - tail + _CONTEXT)
        piece = text[start:end]
        if len(piece) > width:
            piece = piece[: width - 1] + "…"
        elif end < len(text):
            piece += "…"
        return ("…" if start else "") + piece

    return cut(before), cut(after)


@register.simple_tag
def changed_part(before, after, width: int = 80) -> tuple[str, str]:
    return change_excerpts(before, after, width)
