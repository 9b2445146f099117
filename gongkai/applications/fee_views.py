"""The fee panel's steps on a case and the office's fee setting (thin views over fees.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.models import OrganizationKind
from gongkai.accounts.permissions import Action, organizations_for, require
from gongkai.lib import workdays

from . import fee_forms, fees
from .fee_panel import STEP_KINDS
from .models import FeeSetting
from .permissions import get_application_for
from .services import FEE_TRANSITIONS, TransitionError


def _detail_again(request, application, form, step, status, fee_quote=None):
    from .views import _detail_context

    context = _detail_context(request, application, fee_bound=form, fee_step=step)
    if fee_quote is not None:
        context["fee_panel"]["quote"] = fee_quote
    return render(request, "applications/detail.html", context, status=status)


@login_required
@require_POST
def step(request, pk: int, step: str):
    if step not in STEP_KINDS:
        raise Http404("没有这一收费步骤")
    rule = FEE_TRANSITIONS[STEP_KINDS[step]]
    application = get_application_for(request.user, pk, rule.action)
    form = fee_forms.FORMS[step](request.POST, prefix=f"fee-{step}")
    if not form.is_valid():
        messages.error(request, f"{rule.label}：请更正下列错误。")
        return _detail_again(request, application, form, step, 400)
    data = form.cleaned_data
    try:
        if step == "notice" and "preview" in request.POST:
            quote = fees.quote(application=application, method=data["method"], pages=data["pages"])
            return _detail_again(request, application, form, step, 200, fee_quote=quote)
        if step == "notice":
            notice = fees.application_fee_notice(
                application=application,
                actor=request.user,
                method=data["method"],
                pages=data["pages"],
                page_note=data["page_note"],
                on=data["on"],
            )
            done = (
                f"已发出收费通知：{notice.amount} 元，缴费期限 {notice.pay_by}。答复期限暂停计算。"
            )
        elif step == "pay":
            fees.application_fee_pay(
                application=application,
                actor=request.user,
                amount=data["amount"],
                receipt_number=data["receipt_number"],
                on=data["on"],
            )
            done = "已登记缴费，答复期限自次日起恢复计算。"
        elif step == "waive":
            fees.application_fee_waive(
                application=application, actor=request.user, reason=data["reason"], on=data["on"]
            )
            done = "已登记减免，答复期限自次日起恢复计算。"
        else:
            fees.application_fee_lapse(application=application, actor=request.user, on=data["on"])
            done = "已按逾期未缴费处理，本申请不再处理。"
    except (TransitionError, workdays.DateOutOfRange) as exc:
        messages.error(request, str(exc))
        return _detail_again(request, application, form, step, 409)
    messages.success(request, done)
    return redirect(application)


@login_required
def setting(request):
    """The office turns fees on or off, and sees the year's figures for the annual report."""
    require(request.user, Action.APPLICATION_ASSIGN)
    # Fees are an agency's decision; its divisions follow it.
    organizations = (
        organizations_for(request.user, Action.APPLICATION_ASSIGN)
        .exclude(kind=OrganizationKind.DIVISION)
        .order_by("pk")
    )
    form = fee_forms.FeeSettingForm(request.POST or None, organizations=organizations)
    if request.method == "POST":
        if form.is_valid():
            fees.fee_setting_save(
                organization=form.cleaned_data["organization"],
                enabled=form.cleaned_data["enabled"],
                actor=request.user,
            )
            messages.success(request, "已保存信息处理费设置。")
            return redirect("applications:fee_setting")
        messages.error(request, "请更正下列错误。")
    year = timezone.localdate().year
    enabled = set(
        FeeSetting.objects.filter(organization__in=organizations, enabled=True).values_list(
            "organization_id", flat=True
        )
    )
    rows = [
        {
            "organization": org,
            "enabled": org.pk in enabled,
            "figures": fees.fee_figures(year=year, organization_ids=[org.pk]),
        }
        for org in organizations
    ]
    context = {"form": form, "rows": rows, "year": year}
    return render(
        request, "applications/fee_setting.html", context, status=400 if form.errors else 200
    )
