"""Consistency rules of the annual statistics document (annual-stats.md).

:func:`check` works on any document of the ``gongkai/annual-stats@1`` schema — one parsed
from a published report or one the platform composed itself — and, when the report's text is
given, also checks the percentages written in it. Violations come in a fixed order: rule 1
for every column, rule 2 for every column, rule 3 row by row, appeals, channels,
consultations, then percentages in reading order.

An absent addend counts as 0; a check is skipped when its stated total is absent or when
none of its addends is present.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .parsing.html import html_to_text, looks_like_html
from .parsing.numbers import Number, tidy
from .parsing.percentages import find_percentages
from .statistics import APPEAL_RESULT_KEYS, APPLICANT_KEYS, COLUMN_KEYS

APPEAL_PARTS = APPEAL_RESULT_KEYS[:-1]  # every result but the total

Violation = dict[str, Any]


def check(document: dict, text: str | None = None) -> list[Violation]:
    """Every broken consistency rule of ``document`` as ``{"rule","where","expected","found"}``.

    ``text`` is the report's text (plain or a saved HTML page); when given, percentages
    written in it are checked too.
    """
    violations: list[Violation] = []
    applications = _mapping(document.get("applications"))
    violations.extend(_rule_1(applications))
    violations.extend(_rule_2(applications))
    violations.extend(_rule_3(applications))
    violations.extend(_appeals(_mapping(document.get("appeals"))))
    violations.extend(_channels(applications))
    violations.extend(_consultations(_mapping(document.get("consultations"))))
    if text:
        violations.extend(_percentages(html_to_text(text) if looks_like_html(text) else text))
    return violations


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


# A figure of an annual report is far below this; anything larger (or NaN, Infinity, as a JSON
# document may hold) is not a statistic and is skipped like a non-number.
_LARGEST = 10**15


def _number(value: object) -> Number | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if abs(value) >= _LARGEST:
        return None
    return value


def _sum(values: list[Number]) -> Number:
    # Decimal arithmetic so that 0.1 + 0.2 compares equal to 0.3 for money columns.
    return tidy(sum((Decimal(str(v)) for v in values), Decimal(0)))


def _violation(rule: str, where: str, expected: Number, found: Number) -> Violation:
    return {"rule": rule, "where": where, "expected": expected, "found": found}


def _compare(
    rule: str, where: str, stated: object, addends: list[object], signs: list[int] | None = None
) -> Violation | None:
    """Compare a stated total with the (signed) sum of its addends, skipping as the spec says."""
    total = _number(stated)
    if total is None:
        return None
    present = [(_number(a), s) for a, s in zip(addends, signs or [1] * len(addends), strict=True)]
    if all(value is None for value, _ in present):
        return None
    expected = _sum([value * sign for value, sign in present if value is not None])
    if Decimal(str(expected)) != Decimal(str(total)):
        return _violation(rule, where, expected, total)
    return None


# -- section 三 ------------------------------------------------------------------------------
def outcome_leaves(outcomes: dict) -> Iterator[tuple[str, dict]]:
    """Every outcome leaf (a column set) under ``outcomes``, except the total, with its path."""
    for name, value in outcomes.items():
        if name == "total" or not isinstance(value, dict):
            continue
        if _is_column_set(value):
            yield f"applications.outcomes.{name}", value
        else:
            for leaf, columns in value.items():
                if isinstance(columns, dict):
                    yield f"applications.outcomes.{name}.{leaf}", columns


def _is_column_set(value: dict) -> bool:
    return not value or any(key in COLUMN_KEYS for key in value)


def _columns_in(*rows: object) -> list[str]:
    seen = {key for row in rows if isinstance(row, dict) for key in row}
    return [c for c in COLUMN_KEYS if c in seen] + sorted(seen - set(COLUMN_KEYS))


def _rule_1(applications: dict) -> list[Violation]:
    new = _mapping(applications.get("new"))
    carried_in = _mapping(applications.get("carried_in"))
    carried_out = _mapping(applications.get("carried_out"))
    total = _mapping(_mapping(applications.get("outcomes")).get("total"))
    out = []
    for column in _columns_in(new, carried_in, total, carried_out):
        violation = _compare(
            "1",
            f"applications.outcomes.total.{column}",
            total.get(column),
            [new.get(column), carried_in.get(column), carried_out.get(column)],
            [1, 1, -1],
        )
        if violation:
            out.append(violation)
    return out


def _rule_2(applications: dict) -> list[Violation]:
    outcomes = _mapping(applications.get("outcomes"))
    total = _mapping(outcomes.get("total"))
    leaves = [columns for _, columns in outcome_leaves(outcomes)]
    out = []
    for column in _columns_in(total, *leaves):
        violation = _compare(
            "2",
            f"applications.outcomes.total.{column}",
            total.get(column),
            [leaf.get(column) for leaf in leaves],
        )
        if violation:
            out.append(violation)
    return out


def _rows(applications: dict) -> Iterator[tuple[str, dict]]:
    for name in ("new", "carried_in"):
        if isinstance(applications.get(name), dict):
            yield f"applications.{name}", applications[name]
    outcomes = _mapping(applications.get("outcomes"))
    yield from outcome_leaves(outcomes)
    if isinstance(outcomes.get("total"), dict):
        yield "applications.outcomes.total", outcomes["total"]
    if isinstance(applications.get("carried_out"), dict):
        yield "applications.carried_out", applications["carried_out"]


def _rule_3(applications: dict) -> list[Violation]:
    out = []
    for path, row in _rows(applications):
        violation = _compare(
            "3", f"{path}.total", row.get("total"), [row.get(c) for c in APPLICANT_KEYS]
        )
        if violation:
            out.append(violation)
    return out


# -- section 四 and legacy sums ----------------------------------------------------------------
def _appeals(appeals: dict) -> list[Violation]:
    out = []
    for group, values in appeals.items():
        if not isinstance(values, dict):
            continue
        violation = _compare(
            "appeals",
            f"appeals.{group}.total",
            values.get("total"),
            [values.get(part) for part in APPEAL_PARTS],
        )
        if violation:
            out.append(violation)
    return out


def _channels(applications: dict) -> list[Violation]:
    channels = _mapping(applications.get("by_channel"))
    violation = _compare(
        "channels",
        "applications.received_total",
        applications.get("received_total"),
        list(channels.values()),
    )
    return [violation] if violation else []


def _consultations(consultations: dict) -> list[Violation]:
    parts = [v for k, v in consultations.items() if k != "total"]
    violation = _compare("consultations", "consultations.total", consultations.get("total"), parts)
    return [violation] if violation else []


# -- percentages in the text ------------------------------------------------------------------
def _percentages(text: str) -> list[Violation]:
    out = []
    for stated in find_percentages(text):
        recomputed = stated.recomputed()
        if recomputed != stated.value:
            out.append(
                _violation(
                    "percentage", f"text:{stated.printed}", tidy(recomputed), tidy(stated.value)
                )
            )
    return out
