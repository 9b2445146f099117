import calendar
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.middleware import client_ip
from gongkai.accounts.permissions import Action, require, scoped_ids

from . import forms, search, selectors, services
from .models import ConsultationStatus
from .permissions import get_consultation_for, visible_consultations

# ---------------------------------------------------------------- public


def public_list(request):
    """The published Q&A, newest first, or the pairs matching `q` best first."""
    pairs, error = selectors.published(), ""
    query = request.GET.get("q", "")
    try:
        query = search.clean_query(query)
    except search.SearchError as exc:
        error, query, pairs = str(exc), "", pairs.none()
    if query:
        ids = search.search(query)
        found = pairs.in_bulk(ids)
        pairs = [found[i] for i in ids if i in found]
    page = Paginator(pairs, 20).get_page(request.GET.get("page"))
    status = 400 if error else 200
    context = {"page": page, "query": query, "error": error}
    return render(request, "consultations/public_list.html", context, status=status)


def ask(request):
    form = forms.AskForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_ask(**form.cleaned_data, ip=client_ip(request))
        except services.ConsultationError as exc:
            form.add_error(None, str(exc))
            status = 429
        else:
            return redirect("consultations:ask_done")
    return render(request, "consultations/ask.html", {"form": form}, status=status)


def ask_done(request):
    return render(request, "consultations/ask_done.html")


# ---------------------------------------------------------------- staff


def _period(filters: forms.FilterForm) -> tuple[date, date, str]:
    today = timezone.localdate()
    data = filters.cleaned_data if filters.is_valid() else {}
    year, month = data.get("year") or today.year, data.get("month")
    if month:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), f"{year}年{month}月"
    return date(year, 1, 1), date(year, 12, 31), f"{year}年"


@login_required
def staff_list(request):
    require(request.user, Action.CONSULTATION_RECORD)
    form = forms.LogForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["application"] = data.pop("application_number")
        try:
            logged = services.consultation_log(actor=request.user, **data)
        except services.ConsultationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记{logged.get_channel_display()}咨询：{logged.topic}")
            return redirect("consultations:list")
    filters = forms.FilterForm(request.GET or None)
    start, end, label = _period(filters)
    org_ids = scoped_ids(request.user, Action.CONSULTATION_RECORD)
    rows = visible_consultations(request.user).filter(asked_on__gte=start, asked_on__lte=end)
    channel = filters.cleaned_data.get("channel") if filters.is_valid() else ""
    if channel:
        rows = rows.filter(channel=channel)
    context = {
        "form": form,
        "filters": filters,
        "period": label,
        "counts": selectors.counts(org_ids, start, end),
        "page": Paginator(rows.select_related("application"), 30).get_page(request.GET.get("page")),
        "waiting": visible_consultations(request.user)
        .filter(status=ConsultationStatus.OPEN)
        .count(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/list.html", context, status=status)


def _detail(request, consultation, *, status=200, answer_form=None, publish_form=None):
    context = {
        "consultation": consultation,
        "events": consultation.events.all(),
        "answer_form": answer_form or forms.AnswerForm(initial={"answer": consultation.answer}),
        "publish_form": publish_form
        or forms.PublishForm(
            initial={
                "question": consultation.public_question
                or consultation.question
                or consultation.topic,
                "answer": consultation.public_answer or consultation.answer,
            }
        ),
    }
    return render(request, "consultations/detail.html", context, status=status)


@login_required
def detail(request, pk: int):
    return _detail(request, get_consultation_for(request.user, pk))


@login_required
@require_POST
def answer(request, pk: int):
    consultation = get_consultation_for(request.user, pk)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, consultation, status=400, answer_form=form)
    try:
        services.consultation_answer(
            consultation=consultation, actor=request.user, answer=form.cleaned_data["answer"]
        )
    except services.ConsultationError as exc:
        messages.error(request, str(exc))
        return _detail(request, consultation, status=409, answer_form=form)
    messages.success(request, "已保存答复。")
    return redirect(consultation)


@login_required
@require_POST
def publish(request, pk: int):
    consultation = get_consultation_for(request.user, pk)
    form = forms.PublishForm(request.POST)
    if not form.is_valid():
        return _detail(request, consultation, status=400, publish_form=form)
    try:
        services.consultation_publish(
            consultation=consultation, actor=request.user, **form.cleaned_data
        )
    except services.ConsultationError as exc:
        messages.error(request, str(exc))
        return _detail(request, consultation, status=409, publish_form=form)
    messages.success(request, "已公开为问答，公众可在“咨询问答”栏目查看和检索。")
    return redirect(consultation)


@login_required
@require_POST
def unpublish(request, pk: int):
    consultation = get_consultation_for(request.user, pk)
    try:
        services.consultation_unpublish(consultation=consultation, actor=request.user)
    except services.ConsultationError as exc:
        messages.error(request, str(exc))
        return _detail(request, consultation, status=409)
    messages.success(request, "已撤下该问答。")
    return redirect(consultation)
