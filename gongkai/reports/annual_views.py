"""Staff pages of this platform's own annual reports, and the published report on the portal."""

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.models import OrganizationKind
from gongkai.accounts.permissions import Action, can, organizations_for, require
from gongkai.lib.exporters import CONTENT_TYPES, Table
from gongkai.lib.exporters.html import fragment

from . import copies, statistics
from .annual_forms import EditReportForm, NewReportForm, PublishForm
from .engine import checks, services
from .engine.figures import drilldown, record_link, records_changed_since
from .engine.tables import FigureCell
from .exports import EXPORT_FORMATS, export, report_document
from .models import AnnualReport, AnnualReportStatus
from .permissions import annual_report_organizations, get_annual_report_for


def _linked(table: Table, report: AnnualReport) -> Table:
    """`table` with every figure linked to the list of records behind it."""
    base = reverse("reports:annual_cell", args=[report.pk])
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            if isinstance(cell, FigureCell) and cell.text:
                full = f"{cell.path}.{cell.column}" if cell.column else cell.path
                field = statistics.FIELDS_BY_PATH.get(full)
                # report-sources.md: a figure staff entered is marked as such (填报).
                entered = "（填报）" if full in report.entered else ""
                label = f"{field.label if field else ''}：{cell.text}{entered}，查看明细"
                query = urlencode({"path": cell.path, "column": cell.column})
                cell = replace(cell, href=f"{base}?{query}", label=label)
            cells.append(cell)
        rows.append(cells)
    return replace(table, rows=rows)


def _staff_fragment(report: AnnualReport) -> str:
    document = report_document(report.document, report.sections)
    document.blocks = [_linked(b, report) if isinstance(b, Table) else b for b in document.blocks]
    return fragment(document)


@login_required
def staff_list(request):
    organizations = annual_report_organizations(request.user)
    if not organizations.exists():
        require(request.user, Action.REPORT_COMPOSE)
    reports = AnnualReport.objects.filter(organization__in=organizations).select_related(
        "organization", "published_by"
    )
    composable = organizations_for(request.user, Action.REPORT_COMPOSE)
    form = NewReportForm(request.POST or None, organizations=composable)
    if request.method == "POST":
        require(request.user, Action.REPORT_COMPOSE)
        if form.is_valid():
            try:
                report = services.annual_report_create(
                    organization=form.cleaned_data["organization"],
                    year=form.cleaned_data["year"],
                    fmt=form.cleaned_data["format"],
                    subtree=form.cleaned_data["subtree"],
                    actor=request.user,
                )
            except services.AnnualReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已根据业务记录生成年度报告草稿，请核对数字并修改正文。")
                return redirect("reports:annual_detail", pk=report.pk)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/annual_list.html",
        {
            "page": page,
            "form": form,
            "can_compose": composable.exists(),
            "can_import": can(request.user, Action.REPORT_IMPORT),
        },
        status=400 if form.errors else 200,
    )


def _detail_context(request, report, edit_form=None, publish_form=None) -> dict:
    draft = not report.is_published
    return {
        "report": report,
        "body": _staff_fragment(report),
        "violations": [checks.describe(v) for v in report.violations],
        "copies": copies.copies(report),
        "edit_form": edit_form or EditReportForm(report=report),
        "publish_form": publish_form or PublishForm(report=report),
        "can_compose": can(request.user, Action.REPORT_COMPOSE, report.organization),
        "can_publish": can(request.user, Action.REPORT_APPROVE, report.organization),
        "can_recompute": draft and services.may_recompute(request.user, report),
        # Only a draft's figures follow the records; a published report's are frozen.
        "stale": draft and records_changed_since(report),
        "exports": [(fmt, fmt.upper()) for fmt in EXPORT_FORMATS],
    }


@login_required
def annual_detail(request, pk: int):
    report = get_annual_report_for(request.user, pk)
    form = None
    if request.method == "POST":
        require(request.user, Action.REPORT_COMPOSE, report.organization)
        form = EditReportForm(request.POST, report=report)
        if form.is_valid():
            try:
                services.annual_report_edit(
                    report=report,
                    sections=form.cleaned_data["sections"],
                    entered=form.cleaned_data["entered"],
                    actor=request.user,
                )
            except services.AnnualReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存正文和填报数据，并重新核对。")
                return redirect("reports:annual_detail", pk=report.pk)
    status = 400 if form is not None and form.errors else 200
    return render(
        request, "reports/annual_detail.html", _detail_context(request, report, form), status=status
    )


@login_required
@require_POST
def annual_recompute(request, pk: int):
    report = get_annual_report_for(request.user, pk)
    try:
        services.annual_report_recompute(report=report, actor=request.user)
    except services.AnnualReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已按最新业务记录重新计算。")
    # Back to the drill-down the button was pressed on, which now agrees with its figure.
    cell = reverse("reports:annual_cell", args=[report.pk])
    back = request.POST.get("next", "")
    if back.startswith(cell + "?"):
        return redirect(back)
    return redirect("reports:annual_detail", pk=report.pk)


@login_required
@require_POST
def annual_publish(request, pk: int):
    report = get_annual_report_for(request.user, pk)
    form = PublishForm(request.POST, report=report)
    if form.is_valid():
        try:
            services.annual_report_publish(
                report=report,
                actor=request.user,
                override_reason=form.cleaned_data["override_reason"],
                seen=form.cleaned_data["seen"],
                incomplete_year_confirmed=form.cleaned_data.get("incomplete_year", False),
                dated_on=form.cleaned_data["dated_on"],
            )
        except services.FiguresChanged as exc:
            # The page now shows the recomputed figures, and a form that carries them.
            report.refresh_from_db()
            messages.warning(request, str(exc))
            return redirect("reports:annual_detail", pk=report.pk)
        except services.AnnualReportError as exc:
            # Refused for want of the unfinished-year confirmation: said beside its checkbox.
            unconfirmed = form.warning and not form.cleaned_data.get("incomplete_year")
            form.add_error("incomplete_year" if unconfirmed else None, str(exc))
        else:
            messages.success(request, "年度报告已发布，公众可在“年度报告”栏目查看。")
            return redirect("reports:annual_detail", pk=report.pk)
    report.refresh_from_db()
    return render(
        request,
        "reports/annual_detail.html",
        _detail_context(request, report, publish_form=form),
        status=400,
    )


@login_required
def annual_export(request, pk: int, fmt: str):
    report = get_annual_report_for(request.user, pk)
    if fmt not in EXPORT_FORMATS:
        raise Http404("没有这种导出格式")
    return _download(report, fmt)


def _download(report: AnnualReport, fmt: str) -> HttpResponse:
    data = export(report.document, report.sections, fmt, on=report.date_shown)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"{report.organization.code}-{report.year}-annual-report.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def annual_cell(request, pk: int):
    """The records behind one figure of the report, as they are now, against the figure as it
    was computed (a draft is recomputed to make them agree; a published report keeps its own)."""
    report = get_annual_report_for(request.user, pk)
    path, column = request.GET.get("path", ""), request.GET.get("column", "")
    full = f"{path}.{column}" if column else path
    field = statistics.FIELDS_BY_PATH.get(full)
    if field is None:
        raise Http404("没有这一项统计数据")
    records = drilldown(report.organization, report.year, path, column, subtree=report.subtree)
    page = Paginator(records, 50).get_page(request.GET.get("page")) if records is not None else None
    figure = statistics.get(report.document, full)
    listed = page.paginator.count if page is not None else None
    draft = not report.is_published
    return render(
        request,
        "reports/annual_cell.html",
        {
            "report": report,
            "field": field,
            "figure": figure,
            "entered": full in report.entered,
            "page": page,
            "rows": [(record, record_link(record, request.user)) for record in page or ()],
            "listed": listed,
            "differs": listed is not None and listed != figure and full not in report.entered,
            "can_recompute": draft and services.may_recompute(request.user, report),
        },
    )


def public_report(request, pk: int):
    """A published report as a page of the 年度报告 column."""
    report = get_object_or_404(
        AnnualReport.objects.select_related("organization"),
        pk=pk,
        status=AnnualReportStatus.PUBLISHED,
    )
    request.analytics = {"section": "年度报告", "object": report}
    document = report_document(report.document, report.sections, on=report.date_shown)
    return render(
        request, "reports/annual_public.html", {"report": report, "body": fragment(document)}
    )


def public_download(request, pk: int, fmt: str):
    report = get_object_or_404(AnnualReport, pk=pk, status=AnnualReportStatus.PUBLISHED)
    if fmt not in EXPORT_FORMATS:
        raise Http404("没有这种下载格式")
    return _download(report, fmt)


@login_required
def supervision(request):
    """A supervising organization's year: its agencies side by side, the sum, the comparison."""
    from . import charts
    from . import supervision as figures
    from .annual_forms import SupervisionForm
    from .selectors import METRICS_BY_KEY

    organizations = annual_report_organizations(request.user).exclude(
        kind=OrganizationKind.DIVISION
    )
    if not organizations.exists():
        require(request.user, Action.REPORT_COMPOSE)
    data = request.GET if "year" in request.GET else None
    form = SupervisionForm(data, organizations=organizations)
    context = {"form": form}
    if form.is_valid():
        root, year = form.cleaned_data["organization"], form.cleaned_data["year"]
        metric = METRICS_BY_KEY.get(form.cleaned_data["metric"] or "received")
        result = figures.overview(root, year)
        context.update(
            root=root,
            year=year,
            metric=metric,
            metrics=figures.METRICS,
            rows=result["rows"],
            total=result["total"],
            chart=charts.grouped_bars(
                [year - 1, year],
                figures.series(result["documents"], metric),
                metric.unit,
                metric.label,
            ),
            own=figures.own_against_reports(root, year),
        )
    return render(request, "reports/supervision.html", context, status=400 if form.errors else 200)


@login_required
def performance(request):
    """Time to reply, openness and appeals of an organization's year, with charts and CSV."""
    import csv

    from . import charts
    from .annual_forms import PerformanceForm
    from .performance import performance as measure

    organizations = annual_report_organizations(request.user).exclude(
        kind=OrganizationKind.DIVISION
    )
    if not organizations.exists():
        require(request.user, Action.REPORT_COMPOSE)
    data = request.GET if "year" in request.GET else None
    form = PerformanceForm(data, organizations=organizations)
    context = {"form": form}
    if form.is_valid():
        org, year = form.cleaned_data["organization"], form.cleaned_data["year"]
        result = measure(org, year, subtree=form.cleaned_data["subtree"])
        if request.GET.get("download") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="performance-{year}.csv"'
            response.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese only with a BOM
            writer = csv.writer(response)
            writer.writerow(["机关", "年度", "指标", "数量", "比例（%）"])
            writer.writerow([org.name, year, "答复用时中位数（工作日）", result.median_days, ""])
            writer.writerow([org.name, year, "答复用时第90百分位（工作日）", result.p90_days, ""])
            for label, n, share in result.shares():
                writer.writerow([org.name, year, label, n, "" if share is None else share])
            for label, n in result.histogram:
                writer.writerow([org.name, year, f"答复用时 {label}", n, ""])
            return response
        labels = [label for label, _ in result.histogram]
        context.update(
            organization=org,
            year=year,
            result=result,
            csv_query=request.GET.urlencode() + "&download=csv",
            chart=charts.grouped_bars(
                labels,
                [{"body": "已答复申请", "values": [n for _, n in result.histogram]}],
                "件",
                "答复用时分布",
            ),
        )
    return render(request, "reports/performance.html", context, status=400 if form.errors else 200)
