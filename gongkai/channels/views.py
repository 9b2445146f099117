"""Staff pages: one page per year for the channel figures, and an account's monthly grid."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import permissions, selectors, services
from .forms import MediaAccountForm, MediaMonthsForm, PressConferenceForm, ServiceFiguresForm
from .models import SERVICE_FIGURE_FIELDS, MediaMonth, Platform, PressConference, ServiceFigures


def _year(year: int) -> int:
    try:
        return services.check_year(year)
    except services.ChannelError as exc:
        raise Http404(str(exc)) from None


@login_required
def current_year(request):
    permissions.organization_for(request.user)
    return redirect("channels:year", year=timezone.localdate().year)


def _page(request, year: int, status: int = 200, **forms):
    org = permissions.organization_for(request.user)
    figures = ServiceFigures.objects.filter(organization=org, year=year).first()
    initial = {f: getattr(figures, f) for f in SERVICE_FIGURE_FIELDS} if figures else None
    this_year = timezone.localdate().year
    context = {
        "year": year,
        "organization": org,
        "years": range(this_year, max(services.FIRST_YEAR, this_year - 8) - 1, -1),
        "figures": figures,
        "summary": selectors.year_figures([org.pk], year),
        "conferences": PressConference.objects.filter(organization=org, held_on__year=year)
        .select_related("entered_by")
        .order_by("held_on", "pk"),
        "platforms": Platform,
        "figures_form": forms.get("figures_form") or ServiceFiguresForm(initial=initial),
        "press_form": forms.get("press_form") or PressConferenceForm(),
        "account_form": forms.get("account_form") or MediaAccountForm(),
    }
    return render(request, "channels/year.html", context, status=status)


@login_required
def year_page(request, year: int):
    return _page(request, _year(year))


def _run(request, form, service, success: str, **kwargs) -> bool:
    try:
        service(actor=request.user, **kwargs)
    except services.ChannelError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def figures_save(request, year: int):
    year = _year(year)
    org = permissions.organization_for(request.user)
    form = ServiceFiguresForm(request.POST)
    if form.is_valid() and _run(
        request,
        form,
        services.service_figures_save,
        f"已保存{year}年热线与大厅数据。",
        organization=org,
        year=year,
        data=form.cleaned_data,
    ):
        return redirect("channels:year", year=year)
    return _page(request, year, status=400, figures_form=form)


@login_required
@require_POST
def press_add(request, year: int):
    year = _year(year)
    org = permissions.organization_for(request.user)
    form = PressConferenceForm(request.POST)
    if form.is_valid() and _run(
        request,
        form,
        services.press_conference_add,
        "已登记发布会。",
        organization=org,
        year=year,
        **form.cleaned_data,
    ):
        return redirect("channels:year", year=year)
    return _page(request, year, status=400, press_form=form)


@login_required
@require_POST
def press_remove(request, pk: int):
    conference = permissions.get_conference_for(request.user, pk)
    services.press_conference_remove(actor=request.user, conference=conference)
    messages.success(request, f"已删除发布会“{conference.title}”。")
    return redirect("channels:year", year=conference.held_on.year)


@login_required
@require_POST
def account_add(request, year: int):
    year = _year(year)
    org = permissions.organization_for(request.user)
    form = MediaAccountForm(request.POST)
    if form.is_valid() and _run(
        request,
        form,
        services.media_account_add,
        "已添加账号，请录入其月度数据。",
        organization=org,
        **form.cleaned_data,
    ):
        return redirect("channels:year", year=year)
    return _page(request, year, status=400, account_form=form)


@login_required
def account_months(request, year: int, pk: int):
    year = _year(year)
    account = permissions.get_account_for(request.user, pk)
    rows = MediaMonth.objects.filter(account=account, year=year)
    form = MediaMonthsForm(request.POST or None, initial=MediaMonthsForm.initial_from(rows))
    if request.method == "POST" and form.is_valid():
        try:
            count = services.media_months_save(
                actor=request.user, account=account, year=year, months=form.months()
            )
        except services.ChannelError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存{account}{year}年的月度数据（{count}个月）。")
            return redirect("channels:year", year=year)
    return render(
        request,
        "channels/account_months.html",
        {"account": account, "year": year, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
