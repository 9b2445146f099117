import csv
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.lib.chart import bar_chart

from . import selectors
from .forms import FIRST_YEAR, PeriodForm
from .permissions import analytics_scope_for
from .sections import NAVIGATION_SECTIONS


def _series(period, scope) -> list[dict]:
    if period.daily:
        rows = selectors.daily_visits(start=period.start, end=period.end, scope=scope)
        return [
            {
                "label": f"{r['period']:%m-%d}",
                "title": f"{r['period'].year}年{r['period'].month}月{r['period'].day}日",
                **r,
            }
            for r in rows
        ]
    rows = selectors.monthly_visits(start=period.start, end=period.end, scope=scope)
    same_year = period.start.year == period.end.year
    return [
        {
            "label": f"{r['period'].month}月" if same_year else f"{r['period']:%Y-%m}",
            "title": f"{r['period'].year}年{r['period'].month}月",
            **r,
        }
        for r in rows
    ]


def _with_bars(ranking: list[dict]) -> list[dict]:
    """Bar lengths relative to the most visited section, so the differences are visible."""
    most = max((r["visits"] for r in ranking), default=0) or 1
    return [{**r, "bar": round(100 * r["visits"] / most, 1)} for r in ranking]


@login_required
def overview(request):
    scope = analytics_scope_for(request.user)
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "analytics/overview.html", {"form": form}, status=400)
    if not form.is_bound:
        form = PeriodForm({})
        form.is_valid()
    period = form.period()
    start, end = period.start, period.end
    series = _series(period, scope)
    total = sum(r["visits"] for r in series)
    ranking = selectors.section_ranking(start=start, end=end, scope=scope)
    context = {
        "form": form,
        "period": period,
        "total": total,
        "per_day": round(total / ((end - start).days + 1)),
        "visitors": (
            selectors.unique_visitors(start=start, end=end) if scope.unattributed else None
        ),
        "series": series,
        "peak": max(series, key=lambda r: r["visits"]) if total else None,
        "chart": bar_chart([(r["label"], r["visits"]) for r in series]),
        "ranking": _with_bars(ranking),
        # The annual report's "按点击率排序": the same order without the navigation pages.
        "columns": [r["section"] for r in ranking if r["section"] not in NAVIGATION_SECTIONS][:5],
        "top_objects": selectors.top_objects(start=start, end=end, scope=scope, limit=10),
        "years": selectors.visits_by_period(
            start=date(FIRST_YEAR, 1, 1), end=timezone.localdate(), period="year", scope=scope
        ),
        "csv_query": urlencode({k: v for k, v in form.cleaned_data.items() if v is not None}),
    }
    return render(request, "analytics/overview.html", context)


@login_required
def series_csv(request):
    scope = analytics_scope_for(request.user)
    form = PeriodForm(request.GET or {})
    if not form.is_valid():
        errors = "；".join(e for errors in form.errors.values() for e in errors)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    period = form.period()
    series = _series(period, scope)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="visits.csv"'
    response.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(response)
    writer.writerow(["日期" if period.daily else "月份", "访问量"])
    for row in series:
        writer.writerow([row["title"], row["visits"]])
    writer.writerow(["合计", sum(r["visits"] for r in series)])
    return response
