from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, can, organizations_for, require

from .models import ImportedReport


def get_imported_report_for(user, pk: int) -> ImportedReport:
    """The imported report, if `user` may work on its owner's imports; else PermissionDenied."""
    report = get_object_or_404(
        ImportedReport.objects.select_related("owner", "confirmed_by"), pk=pk
    )
    require(user, Action.REPORT_IMPORT, report.owner)
    return report


def get_annual_report_for(user, pk: int):
    """The annual report, if `user` may compose or approve its organization's reports."""
    from .models import AnnualReport

    report = get_object_or_404(AnnualReport.objects.select_related("organization"), pk=pk)
    if not (
        can(user, Action.REPORT_COMPOSE, report.organization)
        or can(user, Action.REPORT_APPROVE, report.organization)
    ):
        require(user, Action.REPORT_COMPOSE, report.organization)
    return report


def annual_report_organizations(user):
    """The organizations whose annual reports `user` may see (composers and approvers)."""
    return organizations_for(user, Action.REPORT_COMPOSE) | organizations_for(
        user, Action.REPORT_APPROVE
    )
