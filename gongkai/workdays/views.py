from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, can, require
from gongkai.lib import workdays

from . import services
from .forms import CalculatorForm, ScheduleForm
from .models import OfficialYear


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    if not 2004 <= year <= 2100:
        raise Http404("年份超出范围")
    return year


def _days_of(year: int, calendar: workdays.Calendar) -> list[tuple[date, str, str]]:
    days = [(d, "放假", n) for d, n in calendar.holidays.items() if d.year == year]
    days += [(d, "上班", n) for d, n in calendar.makeup_workdays.items() if d.year == year]
    return sorted(days)


@login_required
def calendar_view(request):
    require(request.user, Action.VIEW_WORKSPACE)
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today.year)
    calendar = workdays.current_calendar()
    calculator = CalculatorForm(request.GET if "start" in request.GET else None)
    result = None
    if calculator.is_valid():
        start, n = calculator.cleaned_data["start"], calculator.cleaned_data["n"]
        try:
            end = workdays.add_workdays(start, n, calendar)
        except workdays.DateOutOfRange as exc:
            calculator.add_error("start", str(exc))
        else:
            result = {
                "end": end,
                "crossed": [c.describe() for c in workdays.crossed(start, end, calendar)],
                "uncovered": workdays.uncovered_years(start, end, calendar),
            }
    context = {
        "year": year,
        "covered": calendar.covers(year),
        "days": _days_of(year, calendar),
        "entry": OfficialYear.objects.filter(year=year).select_related("entered_by").first(),
        "workday_count": workdays.workdays_between(
            date(year, 1, 1) - timedelta(days=1), date(year, 12, 31), calendar
        ),
        "years": [
            {"year": y, "covered": calendar.covers(y)}
            for y in range(today.year - 1, today.year + 3)
        ],
        "calculator": calculator,
        "result": result,
        "can_edit": can(request.user, Action.WORKDAYS_MANAGE),
    }
    status = 400 if calculator.is_bound and calculator.errors else 200
    return render(request, "workdays/calendar.html", context, status=status)


@login_required
def edit(request, year: int):
    require(request.user, Action.WORKDAYS_MANAGE)
    year = _year(year, year)
    entry = OfficialYear.objects.filter(year=year).first()
    initial = {
        "notice": entry.notice if entry else "",
        "schedule": "\n".join(
            f"{d.isoformat()} {kind} {name}"
            for d, kind, name in _days_of(year, workdays.current_calendar())
        ),
    }
    form = ScheduleForm(request.POST or None, year=year, initial=initial)
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["schedule"]
        services.official_year_replace(
            year=year, notice=form.cleaned_data["notice"], days=days, actor=request.user
        )
        messages.success(request, services.entry_summary(year, days))
        return redirect(f"{reverse('workdays:calendar')}?year={year}")
    status = 400 if form.errors else 200
    return render(
        request, "workdays/edit.html", {"form": form, "year": year, "entry": entry}, status=status
    )


@login_required
@require_POST
def forget(request, year: int):
    require(request.user, Action.WORKDAYS_MANAGE)
    services.official_year_delete(year=year, actor=request.user)
    messages.success(request, f"已删除本机关录入的{year}年安排。")
    return redirect(f"{reverse('workdays:calendar')}?year={year}")
