from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, require

from .models import ImportedReport


def get_imported_report_for(user, pk: int) -> ImportedReport:
    """The imported report, if `user` may work on its owner's imports; else PermissionDenied."""
    report = get_object_or_404(
        ImportedReport.objects.select_related("owner", "confirmed_by"), pk=pk
    )
    require(user, Action.REPORT_IMPORT, report.owner)
    return report
