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
