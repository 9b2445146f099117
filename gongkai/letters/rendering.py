"""Templates → letters: checking a template's fields, and filling it in without blanks.

Syntax: each line of the body is a paragraph; `{字段}` is a required field, `{字段?}` an
optional one (a paragraph with an empty optional field is left out). `{{` and `}}` print braces.
"""

import re
from dataclasses import dataclass

from gongkai.applications.services import TransitionError
from gongkai.lib.exporters import Document, Paragraph, Signature

from .fields import FIELDS
from .models import LetterKind

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class LetterError(TransitionError):
    """A letter cannot be made (a bad template, a required field empty); shown to staff."""


@dataclass(frozen=True)
class Ref:
    name: str
    optional: bool


def _tokens(line: str):
    """Yield str (literal text) and Ref (a field) pieces; raise ValueError on a stray brace."""
    pos = 0
    for m in _FIELD.finditer(line):
        if m.start() > pos:
            yield line[pos : m.start()]
        token = m.group(0)
        if token in ("{{", "}}"):
            yield token[0]
        elif m.group(1) is None:
            raise ValueError(token)
        else:
            name = m.group(1).strip()
            optional = name.endswith(("?", "？"))
            yield Ref(name.rstrip("?？").strip(), optional)
        pos = m.end()
    if pos < len(line):
        yield line[pos:]


def problems(text: str, kind: LetterKind) -> list[str]:
    """What is wrong with a template text for letters of `kind` (empty when it is fine)."""
    found = []
    kind = LetterKind(kind)
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            refs = [t for t in _tokens(line) if isinstance(t, Ref)]
        except ValueError as exc:
            found.append(f"第{number}行有不成对的括号“{exc}”；字段请写作“{{字段名}}”。")
            continue
        for ref in refs:
            field = FIELDS.get(ref.name)
            if field is None:
                found.append(f"第{number}行引用了不存在的字段“{ref.name}”。")
            elif kind not in field.kinds:
                found.append(f"第{number}行的字段“{ref.name}”不适用于{kind.label}。")
    return found


def fill(text: str, values: dict[str, str], *, what: str) -> list[str]:
    """The template's paragraphs with the values in; `what` names the letter in errors."""
    paragraphs, missing = [], []
    for line in text.splitlines():
        parts, skip = [], False
        for token in _tokens(line):
            if isinstance(token, str):
                parts.append(token)
                continue
            value = values.get(token.name, "")
            if not value:
                if token.optional:
                    skip = True
                else:
                    missing.append(token.name)
            parts.append(value)
        text_line = "".join(parts).strip()
        if not skip and text_line:
            paragraphs.append(text_line)
    if missing:
        names = "、".join(f"“{name}”" for name in dict.fromkeys(missing))
        raise LetterError(f"不能生成{what}：必填字段{names}没有内容，请补充后再办理。")
    return paragraphs


def document(letter) -> Document:
    """The frozen letter as the shared exporters' document."""
    c = letter.content
    return Document(
        title=letter.title,
        number=letter.number,
        addressee=c.get("addressee", ""),
        blocks=[Paragraph(p) for p in c.get("paragraphs", [])],
        signature=Signature(c.get("agency", ""), letter.issued_on),
        subject=f"{letter.application.tracking_number} {letter.get_kind_display()}",
    )
