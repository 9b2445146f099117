from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from gongkai.accounts.permissions import Action, organizations_for, require

from . import charts, review, selectors, services
from .forms import CompareForm, ConfirmForm, ImportForm, stat_field_name
from .models import ImportStatus
from .permissions import get_imported_report_for


@login_required
def import_list(request):
    require(request.user, Action.REPORT_IMPORT)
    status = request.GET.get("status")
    reports = selectors.import_list(organizations_for(request.user, Action.REPORT_IMPORT), status)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/import_list.html",
        {"page": page, "statuses": ImportStatus.choices, "status": status},
    )


@login_required
def import_new(request):
    require(request.user, Action.REPORT_IMPORT)
    organizations = organizations_for(request.user, Action.REPORT_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            source = None
            if upload:
                read = services.read_report_upload(upload)
                text, name, source = read.text, upload.name, read.describe()
            else:
                text, name = form.cleaned_data["text"], "粘贴的文本"
            report = services.report_import(
                owner=form.cleaned_data["owner"],
                text=text,
                source_name=name,
                actor=request.user,
                source=source,
            )
        except services.ReportImportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "报告已解析，请对照原文核对数字后确认。")
            return redirect("reports:import_review", pk=report.pk)
    status = 400 if form.errors else 200
    return render(request, "reports/import_new.html", {"form": form}, status=status)


@login_required
def import_review(request, pk: int):
    report = get_imported_report_for(request.user, pk)
    form = ConfirmForm(
        request.POST or None,
        document=report.document,
        initial={"reporting_body": report.reporting_body, "year": report.year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_import_confirm(
                report=report,
                reporting_body=form.cleaned_data["reporting_body"],
                year=form.cleaned_data["year"],
                values=form.cleaned_data["values"],
                actor=request.user,
                replace=form.cleaned_data["replace"],
            )
        except services.ReportImportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已确认并保存“{report.reporting_body}”的统计数据。")
            return redirect("reports:import_review", pk=report.pk)
    status = 400 if form.errors else 200
    doubts = report.document.get("doubts", [])
    context = {
        "report": report,
        "form": form,
        "violations": review.violation_rows(report.violations),
        "doubts": review.doubt_rows(doubts),
        "doubted": {stat_field_name(p) for p in review.doubted_paths(doubts)},
        "read_by_ocr": bool(report.document.get("source", {}).get("ocr")),
        "organization_suggestion": next(
            (d.get("read") for d in doubts if d.get("reason") == "organization"), ""
        ),
    }
    return render(request, "reports/import_review.html", context, status=status)


@login_required
def compare(request):
    require(request.user, Action.REPORT_IMPORT)
    reports = selectors.imported_reports_for(organizations_for(request.user, Action.REPORT_IMPORT))
    bodies, years = selectors.compared_bodies_and_years(reports)
    form = CompareForm(request.GET or None, bodies=bodies, years=years)
    context = {"form": form, "has_reports": bool(bodies)}
    if form.is_valid():
        metric = selectors.METRICS_BY_KEY[form.cleaned_data["metric"]]
        data = selectors.comparison(
            reports,
            metric,
            form.cleaned_data["bodies"],
            [int(y) for y in form.cleaned_data["years"]],
        )
        context.update(
            metric=metric,
            data=data,
            chart=charts.grouped_bars(data["years"], data["series"], metric.unit, metric.label),
        )
    return render(request, "reports/compare.html", context, status=400 if form.errors else 200)
