"""Wording checks over the whole text at once: one Aho–Corasick automaton over every term.

The terms are the shipped reform list and misused characters (defaults.py) plus what the office
entered (models.Term). A matched obsolete agency name is reported only in documents dated on or
after the reform that renamed it: a 2017 notice rightly names 环境保护部.
"""

from dataclasses import dataclass
from datetime import date

import ahocorasick

from .findings import FindingKind, Hit


@dataclass(frozen=True)
class Rule:
    kind: FindingKind
    text: str
    suggestion: str
    since: date | None = None


class Matcher:
    def __init__(self, rules: list[Rule]):
        self.automaton = ahocorasick.Automaton()
        by_text: dict[str, list[Rule]] = {}
        for rule in rules:
            if rule.text:
                by_text.setdefault(rule.text, []).append(rule)
        for text, found in by_text.items():
            self.automaton.add_word(text, (len(text), tuple(found)))
        self.by_text = by_text
        self.empty = not by_text
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str, *, on: date | None = None) -> list[Hit]:
        """Leftmost-longest, non-overlapping matches (国家卫生和计划生育委员会 is one finding, not
        also 卫生)."""
        if self.empty or not text:
            return []
        matches = []
        for end, (length, rules) in self.automaton.iter(text):
            start = end - length + 1
            matches.append((start, -length, rules))
        matches.sort(key=lambda m: (m[0], m[1]))
        hits: list[Hit] = []
        reached = 0
        for start, negative_length, rules in matches:
            if start < reached:
                continue
            rule = _applicable(rules, on)
            if rule is None:
                continue
            end = start - negative_length
            reached = end
            hit = Hit(rule.kind, text[start:end], self._suggestion(rule, on), start, end)
            hits.append(hit.with_context(text, lambda s: s))
        return hits

    def current_name(self, name: str, on: date | None) -> str:
        """Follow renamings (银监会 → 银保监会 in 2018 → 国家金融监督管理总局 in 2023) up to `on`."""
        seen = {name}
        while True:
            rule = _applicable(tuple(self.by_text.get(name, ())), on)
            if rule is None or rule.kind != FindingKind.OBSOLETE_NAME or rule.suggestion in seen:
                return name
            name = rule.suggestion
            seen.add(name)

    def _suggestion(self, rule: Rule, on: date | None) -> str:
        if rule.kind == FindingKind.OBSOLETE_NAME:
            name = self.current_name(rule.text, on)
            if rule.since is None:
                return f"应称“{name}”"
            return f"应称“{name}”（{rule.since.year}年{rule.since.month}月机构改革后）"
        if rule.kind == FindingKind.FORBIDDEN:
            return rule.suggestion or "删除或改写该表述"
        return f"应为“{rule.suggestion}”"


def _applicable(rules: tuple[Rule, ...], on: date | None) -> Rule | None:
    """The rule that applies to a document of date `on` (None: undated, every rule applies).

    Of two reforms renaming the same name, the latest in force at `on` gives the suggestion.
    """
    usable = [r for r in rules if r.since is None or on is None or on >= r.since]
    if not usable:
        return None
    return max(usable, key=lambda r: r.since or date.min)
