from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, require, scoped_ids

from . import forms, selectors, services
from .models import AppealDocument, AppealStatus
from .permissions import get_appeal_for, visible_appeals


@login_required
def appeal_list(request):
    require(request.user, Action.APPEAL_RECORD)
    today = timezone.localdate()
    appeals = visible_appeals(request.user)
    decided = appeals.filter(status=AppealStatus.DECIDED).select_related("application")
    year = today.year
    org_ids = scoped_ids(request.user, Action.APPEAL_RECORD)
    context = {
        "open_rows": selectors.open_with_next_dates(appeals, today),
        "page": Paginator(decided, 30).get_page(request.GET.get("page")),
        "year": year,
        "figures": selectors.year_figures(org_ids, year),
        "today": today,
    }
    return render(request, "appeals/list.html", context)


@login_required
def appeal_new(request):
    require(request.user, Action.APPEAL_RECORD)
    form = forms.AppealForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["application"] = data.pop("application_number")
        try:
            appeal = services.appeal_file(actor=request.user, **data)
        except services.AppealError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记{appeal.get_kind_display()}案件。")
            return redirect(appeal)
    status = 400 if request.method == "POST" else 200
    return render(request, "appeals/form.html", {"form": form}, status=status)


def _detail(request, appeal, *, status=200, **bound):
    context = {
        "appeal": appeal,
        "events": appeal.events.all(),
        "documents": appeal.documents.all(),
        "next": appeal.next_date(),
        "schedule_form": bound.get("schedule")
        or forms.ScheduleForm(
            initial={"hearing_on": appeal.hearing_on, "deadline_on": appeal.deadline_on}
        ),
        "decide_form": bound.get("decide") or forms.DecideForm(kind=appeal.kind),
        "document_form": bound.get("document") or forms.DocumentForm(),
        "open_form": next(iter(bound), ""),
    }
    return render(request, "appeals/detail.html", context, status=status)


@login_required
def detail(request, pk: int):
    return _detail(request, get_appeal_for(request.user, pk))


def _act(request, appeal, name: str, form, call):
    """Run one step from a detail-page form: redirect on success, else the page with the
    form's errors (400) or the refusal (409)."""
    if not form.is_valid():
        messages.error(request, "请更正下列错误。")
        return _detail(request, appeal, status=400, **{name: form})
    try:
        call(form.cleaned_data)
    except services.AppealError as exc:
        messages.error(request, str(exc))
        return _detail(request, appeal, status=409, **{name: form})
    return redirect(appeal)


@login_required
@require_POST
def schedule(request, pk: int):
    appeal = get_appeal_for(request.user, pk)

    def call(data):
        services.appeal_schedule(appeal=appeal, actor=request.user, **data)
        messages.success(request, "已更新听证、开庭日期和期限。")

    return _act(request, appeal, "schedule", forms.ScheduleForm(request.POST), call)


@login_required
@require_POST
def decide(request, pk: int):
    appeal = get_appeal_for(request.user, pk)

    def call(data):
        decided = services.appeal_decide(appeal=appeal, actor=request.user, **data)
        text = f"已登记结果：{decided.result_label}。"
        if decided.reopened:
            text += f"申请 {decided.application.tracking_number} 已重新进入办理。"
        messages.success(request, text)

    form = forms.DecideForm(request.POST, kind=appeal.kind)
    return _act(request, appeal, "decide", form, call)


@login_required
@require_POST
def document_add(request, pk: int):
    appeal = get_appeal_for(request.user, pk)

    def call(data):
        services.appeal_add_document(
            appeal=appeal, actor=request.user, title=data["title"], upload=data["file"]
        )
        messages.success(request, f"已上传“{data['title']}”。")

    form = forms.DocumentForm(request.POST, request.FILES)
    return _act(request, appeal, "document", form, call)


@login_required
def document(request, pk: int, document_pk: int):
    appeal = get_appeal_for(request.user, pk)
    item = get_object_or_404(AppealDocument, pk=document_pk, appeal=appeal)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
