"""The checks of a computed report: the consistency rules every statistics document obeys
(reports.checks — one set of rules for parsed and computed documents), and the carry-over rule
across years: this year's 上年结转 equals last year's published 结转下年度, column by column."""

from __future__ import annotations

from .. import statistics
from ..checks import Violation, check
from ..models import AnnualReport, AnnualReportStatus, ImportedReport, ImportStatus

CARRY_RULE = "carry"


def previous_carried_out(organization, year: int, *, subtree: bool = False) -> dict | None:
    """Last year's published 结转下年度 (our own published report, else a confirmed import of
    the agency's published one), or None when no published report of last year is known."""
    own = (
        AnnualReport.objects.filter(
            organization=organization,
            year=year - 1,
            subtree=subtree,
            status=AnnualReportStatus.PUBLISHED,
        )
        .only("document")
        .first()
    )
    if own is not None:
        return statistics.get(own.document, "applications.carried_out")
    if subtree:
        return None
    imported = (
        ImportedReport.objects.filter(
            owner=organization,
            reporting_body=organization.name,
            year=year - 1,
            status=ImportStatus.CONFIRMED,
        )
        .only("document")
        .first()
    )
    return statistics.get(imported.document, "applications.carried_out") if imported else None


def carry_violations(document: dict, previous: dict | None) -> list[Violation]:
    """One violation per column where 上年结转 differs from last year's 结转下年度."""
    carried_in = statistics.get(document, "applications.carried_in")
    if not isinstance(previous, dict) or not isinstance(carried_in, dict):
        return []
    out = []
    for column in statistics.COLUMN_KEYS:
        before, now = previous.get(column), carried_in.get(column)
        if before is None or now is None:
            continue
        if before != now:
            out.append(
                {
                    "rule": CARRY_RULE,
                    "where": f"applications.carried_in.{column}",
                    "expected": before,
                    "found": now,
                }
            )
    return out


def run(
    document: dict, *, text: str | None = None, organization=None, subtree: bool = False
) -> list[Violation]:
    """Every violation of `document` (and of the percentages in `text`), carry-over included
    when the organization is given."""
    violations = check(document, text)
    if organization is not None and isinstance(document.get("year"), int):
        previous = previous_carried_out(organization, document["year"], subtree=subtree)
        violations += carry_violations(document, previous)
    return violations


RULE_LABELS = {
    "1": "新收加上年结转应等于办结加结转下年度",
    "2": "办理结果总计应等于各项办理结果之和",
    "3": "总计应等于各类申请人之和",
    "appeals": "复议诉讼总计应等于各项结果之和",
    "channels": "申请总数应等于各渠道之和",
    "consultations": "咨询总数应等于各方式之和",
    "percentage": "正文中的百分比应与其数字相符",
    CARRY_RULE: "上年结转应等于上年度已发布报告的结转下年度",
}


def describe(violation: Violation) -> dict:
    """A violation for people: the rule in words, the place as the table labels it, the numbers."""
    where = violation["where"]
    if where.startswith("text:"):
        place = f"正文“{where.removeprefix('text:')}”"
    else:
        field = statistics.FIELDS_BY_PATH.get(where)
        place = field.label if field else where
    return {
        "rule": RULE_LABELS.get(violation["rule"], violation["rule"]),
        "place": place,
        "expected": violation["expected"],
        "found": violation["found"],
        "where": where,
    }
