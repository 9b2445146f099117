from django.urls import reverse

from gongkai.accounts.permissions import Action, can, organizations_for

from .models import ImportedReport, ImportStatus


def counters(user) -> list[dict]:
    if not can(user, Action.REPORT_IMPORT):
        return []
    drafts = ImportedReport.objects.filter(
        owner__in=organizations_for(user, Action.REPORT_IMPORT), status=ImportStatus.DRAFT
    ).count()
    return [
        {
            "label": "导入的年度报告待确认",
            "value": drafts,
            "url": reverse("reports:import_list") + "?status=draft",
            "tone": "warn" if drafts else "",
        }
    ]
