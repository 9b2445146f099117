from django.urls import reverse

from gongkai.accounts.permissions import Action, can, in_scope

from .models import ImportedReport, ImportStatus


def counters(user) -> list[dict]:
    return _own_reports(user) + _imports(user)


def _own_reports(user) -> list[dict]:
    """Composers: last year's report deadline from January. Leaders: reports awaiting them."""
    from django.utils import timezone

    from .engine.deadlines import reminder
    from .models import AnnualReport, AnnualReportStatus

    out = []
    if can(user, Action.REPORT_COMPOSE) and user.organization_id is not None:
        due = reminder(user.organization.organ(), timezone.localdate())
        if due:
            out.append(due)
    if can(user, Action.REPORT_APPROVE):
        waiting = in_scope(
            AnnualReport.objects.filter(status=AnnualReportStatus.DRAFT),
            user,
            Action.REPORT_APPROVE,
        ).count()
        out.append(
            {
                "label": "年度报告待审定发布",
                "value": waiting,
                "url": reverse("reports:staff_list"),
                "tone": "warn" if waiting else "",
            }
        )
    return out


def _imports(user) -> list[dict]:
    if not can(user, Action.REPORT_IMPORT):
        return []
    drafts = in_scope(
        ImportedReport.objects.filter(status=ImportStatus.DRAFT),
        user,
        Action.REPORT_IMPORT,
        "owner",
    ).count()
    return [
        {
            "label": "导入的年度报告待确认",
            "value": drafts,
            "url": reverse("reports:import_list") + "?status=draft",
            "tone": "warn" if drafts else "",
        }
    ]
