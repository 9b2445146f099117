"""One check over a text: wording (the shipped lists and the office's) and personal data.

Used alike by the review chain, the nightly rescan and `gongkai content check`.
"""

from dataclasses import dataclass
from datetime import date

from . import defaults, personal
from .findings import FindingKind, Hit
from .wording import Matcher, Rule


def shipped_rules() -> list[Rule]:
    rules = [
        Rule(FindingKind.OBSOLETE_NAME, old, new, since)
        for old, new, since in defaults.RENAMED_AGENCIES
    ]
    rules += [Rule(FindingKind.MISUSED, wrong, right) for wrong, right in defaults.MISUSED]
    return rules


def office_rules(organization_ids) -> list[Rule]:
    from .models import Term

    return [
        Rule(FindingKind(t.kind), t.text, t.suggestion, t.since)
        for t in Term.objects.filter(organization_id__in=list(organization_ids))
    ]


@dataclass(frozen=True)
class PlacedHit:
    place: str  # 标题, 正文, 附件“x.docx”
    hit: Hit


class Checker:
    def __init__(self, rules: list[Rule]):
        self.matcher = Matcher(rules)

    @classmethod
    def for_organization(cls, organization) -> "Checker":
        ids = _lineage(organization) if organization is not None else []
        return cls(shipped_rules() + office_rules(ids))

    def check(self, text: str, *, on: date | None = None) -> list[Hit]:
        hits = self.matcher.find(text, on=on) + personal.find(text)
        return sorted(hits, key=lambda h: h.start)


def _lineage(organization) -> list[int]:
    """The organization and those above it: a division follows its agency's lists."""
    ids = []
    node = organization
    while node is not None and node.pk not in ids:
        ids.append(node.pk)
        node = node.parent
    return ids
