"""Transitions of this platform's own annual reports: create, edit, recompute, publish.

A report with violations cannot be published unless a leader gives a written reason; the reason
and the violations it overrode go into the audit log with the publication. Publication
recomputes the figures: when they no longer are those the publisher was shown (`seen`), nothing
is published and the publisher is shown the new ones first.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, can

from .. import composer, review, statistics
from ..models import AnnualReport, AnnualReportStatus
from . import checks
from .figures import ENTERED_PATHS, FORMATS, compute

FIRST_YEAR = 2008  # the first year of the 2007 条例's reports


class AnnualReportError(Exception):
    """A refused change of an annual report; the message is shown to staff as it is."""


class FiguresChanged(AnnualReportError):
    """Publication found other figures than the publisher saw: recomputed, not published."""

    def __init__(self, changed: dict[str, list]):
        self.changed = changed
        lines = [
            f"{_label(path)}：{_shown(old)} → {_shown(new)}"
            for path, (old, new) in sorted(changed.items())
        ]
        listed = "；".join(lines[:8]) + (f"；等 {len(lines)} 项" if len(lines) > 8 else "")
        super().__init__(
            "报告未发布：按最新业务记录重新计算后，报告与您看到的不同"
            + (f"（{listed}）" if listed else "（正文或填报数据已被修改）")
            + "。请核对本页现在的数字后再发布。"
        )


def _label(path: str) -> str:
    field = statistics.FIELDS_BY_PATH.get(path)
    return field.label if field else "其他数字"


def _shown(value) -> str:
    return "无" if value is None else str(value)


def _require(user: User, action: Action, organization: Organization) -> None:
    if not can(user, action, organization):
        raise AnnualReportError(f"您没有权限对“{organization.name}”执行“{action.label}”。")


def may_recompute(user: User, report: AnnualReport) -> bool:
    """Whoever composes the report or may publish it: a leader about to publish must be able to
    look at current figures."""
    return any(
        can(user, action, report.organization)
        for action in (Action.REPORT_COMPOSE, Action.REPORT_APPROVE)
    )


def digest(report: AnnualReport) -> str:
    """A fingerprint of what a reader of the draft sees: its figures, its text, its entries.
    The publish form carries it, so that publication can tell whether anything moved."""
    shown = {
        "figures": statistics.flatten(report.document),
        "sections": report.sections,
        "entered": report.entered,
    }
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def year_not_over(year: int, today: date | None = None) -> str | None:
    """The warning for a report of a year that has not ended yet, or None."""
    today = today or timezone.localdate()
    if today <= date(year, 12, 31):
        return f"{year}年尚未结束，报告数据可能不完整。"
    return None


def _changes(before: dict, after: dict) -> dict[str, list]:
    return {
        p: [before.get(p), after.get(p)]
        for p in after.keys() | before.keys()
        if before.get(p) != after.get(p)
    }


def _refresh(report: AnnualReport) -> None:
    """Recompute the figures and their checks from the records (drafts only)."""
    document = compute(
        report.organization,
        report.year,
        report.format,
        subtree=report.subtree,
        entered=report.entered,
    )
    sections = composer.drafts(document) | {k: v for k, v in report.sections.items() if v}
    report.document = document
    report.violations = checks.run(
        document,
        text=composer.full_text(document, sections),
        organization=report.organization,
        subtree=report.subtree,
    )
    report.computed_at = timezone.now()


def _lock(report: AnnualReport) -> AnnualReport:
    report = (
        AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)
    )
    if report.status != AnnualReportStatus.DRAFT:
        raise AnnualReportError("该年度报告已发布，不能再修改。")
    return report


@transaction.atomic
def annual_report_create(
    *, organization: Organization, year: int, fmt: str, subtree: bool = False, actor: User
) -> AnnualReport:
    """Start the report of `organization` for `year` with figures and drafts from the records."""
    _require(actor, Action.REPORT_COMPOSE, organization)
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise AnnualReportError(f"年度须在{FIRST_YEAR}年至{this_year}年之间。")
    if fmt not in FORMATS:
        raise AnnualReportError("请选择报告格式：2021版、2019版或旧版。")
    report = AnnualReport(
        organization=organization,
        year=year,
        format=fmt,
        subtree=subtree,
        created_by=actor,
        created_at=timezone.now(),
    )
    _refresh(report)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        scope = "（含下级机关合计）" if subtree else ""
        raise AnnualReportError(
            f"“{organization.name}”{year}年度报告{scope}已经存在，请在列表中打开它。"
        ) from None
    audit.record(
        "reports.annual_create",
        report,
        actor=actor,
        changes={"format": fmt, "subtree": subtree, "violations": len(report.violations)},
    )
    return report


@transaction.atomic
def annual_report_recompute(*, report: AnnualReport, actor: User) -> AnnualReport:
    """Take the figures afresh from the records (a case mended since, a late entry)."""
    report = _lock(report)
    if not may_recompute(actor, report):
        _require(actor, Action.REPORT_COMPOSE, report.organization)
    _recompute(report, actor)
    return report


def _recompute(report: AnnualReport, actor: User) -> None:
    before = statistics.flatten(report.document)
    _refresh(report)
    report.save()
    changed = _changes(before, statistics.flatten(report.document))
    audit.record("reports.annual_recompute", report, actor=actor, changes=changed)


@transaction.atomic
def annual_report_edit(
    *, report: AnnualReport, sections: dict[str, str], entered: dict, actor: User
) -> AnnualReport:
    """Save the staff's text and hand-entered figures, then recheck."""
    report = _lock(report)
    _require(actor, Action.REPORT_COMPOSE, report.organization)
    keys = {s.key for s in composer.SECTIONS[report.format]}
    unknown = set(sections) - keys
    if unknown:
        raise AnnualReportError("报告正文含有本格式没有的章节。")
    allowed = set(ENTERED_PATHS[report.format])
    if set(entered) - allowed:
        raise AnnualReportError("填报数据含有本格式没有的项目。")
    drafts = composer.drafts(report.document)
    # Only what staff wrote is kept: a section left as drafted (or emptied) follows the figures
    # when they are recomputed.
    sections = {k: v for k, v in sections.items() if v.strip() and v.strip() != drafts.get(k)}
    headings = {s.key: s.heading for s in composer.SECTIONS[report.format]}
    changes = {
        f"正文“{headings[key]}”": "已修改"
        for key in sorted(keys)
        if report.sections.get(key, "") != sections.get(key, "")
    }
    changes |= {
        path: [report.entered.get(path), value]
        for path, value in entered.items()
        if report.entered.get(path) != value
    }
    report.sections = sections
    report.entered = {k: v for k, v in {**report.entered, **entered}.items() if v is not None}
    _refresh(report)
    report.save()
    audit.record("reports.annual_edit", report, actor=actor, changes=changes)
    return report


def annual_report_publish(
    *,
    report: AnnualReport,
    actor: User,
    override_reason: str = "",
    seen: str | None = None,
    incomplete_year_confirmed: bool = False,
    dated_on: date | None = None,
) -> AnnualReport:
    """Publish (figures recomputed and frozen). With violations only on a leader's written reason.

    `seen` is the `digest` of the draft as the publisher was shown it (the page passes it; a
    command has no page): if the recomputation changes anything, the new figures are saved, the
    report stays a draft and `FiguresChanged` says what moved. A year not yet over needs
    `incomplete_year_confirmed`. `dated_on` is the date the report bears (default today).
    """
    with transaction.atomic():
        report = _lock(report)
        _require(actor, Action.REPORT_APPROVE, report.organization)
        warning = year_not_over(report.year)
        if warning and not incomplete_year_confirmed:
            raise AnnualReportError(warning + "确需现在发布的，请勾选确认后再发布。")
        dated_on = dated_on or timezone.localdate()
        if not date(report.year, 1, 1) <= dated_on <= timezone.localdate():
            raise AnnualReportError(f"报告日期须在{report.year}年1月1日至今天之间。")
        before = statistics.flatten(report.document)
        _refresh(report)
        if seen is None or digest(report) == seen:
            return _publish(report, actor, override_reason, dated_on)
        # Keep the new figures (the page shows them next), publish nothing.
        report.save()
        moved = _changes(before, statistics.flatten(report.document))
        audit.record("reports.annual_recompute", report, actor=actor, changes=moved)
    raise FiguresChanged(moved)


def _publish(report: AnnualReport, actor: User, override_reason: str, dated_on: date):
    reason = override_reason.strip()
    if report.violations and not reason:
        raise AnnualReportError(
            f"该报告有 {len(report.violations)} 处勾稽问题，须修正后发布；"
            "确需发布的，请由领导填写书面理由。"
        )
    report.override_reason = reason if report.violations else ""
    # The published text is fixed as it reads now, drafts included.
    report.sections = composer.drafts(report.document) | report.sections
    report.status = AnnualReportStatus.PUBLISHED
    report.published_by = actor
    report.published_at = timezone.now()
    report.dated_on = dated_on
    report.save()
    audit.record(
        "reports.annual_publish",
        report,
        actor=actor,
        changes={
            # In words, as the report page shows them: an inspector reads the log, not keys.
            "violations": [
                f"{v['rule']}：{v['row']} {v['column']}（应为{v['expected']}，实为{v['found']}）"
                for v in review.violation_rows(report.violations)
            ],
            "override_reason": report.override_reason,
        },
    )
    return report
