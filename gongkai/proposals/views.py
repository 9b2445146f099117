from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, require, scoped_ids

from . import forms, selectors, services
from .permissions import get_proposal_for, visible_proposals

# ---------------------------------------------------------------- public


def public_list(request):
    replies = selectors.published()
    years = sorted({d.year for d in replies.dates("replied_on", "year")}, reverse=True)
    year = request.GET.get("year", "")
    if year.isdigit() and int(year) in years:
        replies = replies.filter(replied_on__year=int(year))
    else:
        year = ""
    page = Paginator(replies, 20).get_page(request.GET.get("page"))
    context = {"page": page, "years": years, "year": year}
    return render(request, "proposals/public_list.html", context)


def public_detail(request, pk: int):
    proposal = get_object_or_404(selectors.published(), pk=pk)
    return render(request, "proposals/public_detail.html", {"proposal": proposal})


# ---------------------------------------------------------------- staff


@login_required
def staff_list(request):
    require(request.user, Action.PROPOSAL_RECORD)
    today = timezone.localdate()
    org_ids = scoped_ids(request.user, Action.PROPOSAL_RECORD)
    rows = visible_proposals(request.user)
    context = {
        "page": Paginator(rows, 30).get_page(request.GET.get("page")),
        "figures": selectors.year_figures(org_ids, today.year),
        "year": today.year,
        "today": today,
    }
    return render(request, "proposals/list.html", context)


@login_required
def register(request):
    require(request.user, Action.PROPOSAL_RECORD)
    form = forms.RegisterForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_register(actor=request.user, **form.cleaned_data)
        except services.ProposalError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记{proposal.get_kind_display()}{proposal.number}。")
            return redirect(proposal)
    status = 400 if request.method == "POST" else 200
    return render(request, "proposals/form.html", {"form": form}, status=status)


def _detail(request, proposal, *, status=200, reply_form=None, withhold_form=None):
    context = {
        "proposal": proposal,
        "events": proposal.events.all(),
        "reply_form": reply_form or forms.ReplyForm(initial={"replied_on": timezone.localdate()}),
        "withhold_form": withhold_form or forms.WithholdForm(),
        "today": timezone.localdate(),
    }
    return render(request, "proposals/detail.html", context, status=status)


@login_required
def detail(request, pk: int):
    return _detail(request, get_proposal_for(request.user, pk))


@login_required
@require_POST
def reply(request, pk: int):
    proposal = get_proposal_for(request.user, pk)
    form = forms.ReplyForm(request.POST)
    if not form.is_valid():
        return _detail(request, proposal, status=400, reply_form=form)
    try:
        services.proposal_reply(proposal=proposal, actor=request.user, **form.cleaned_data)
    except services.ProposalError as exc:
        messages.error(request, str(exc))
        return _detail(request, proposal, status=409, reply_form=form)
    messages.success(request, "已登记答复。")
    return redirect(proposal)


@login_required
@require_POST
def publish(request, pk: int):
    proposal = get_proposal_for(request.user, pk)
    try:
        services.proposal_publish(proposal=proposal, actor=request.user)
    except services.ProposalError as exc:
        messages.error(request, str(exc))
        return _detail(request, proposal, status=409)
    messages.success(request, "答复已在“建议提案”栏目公开。")
    return redirect(proposal)


@login_required
@require_POST
def withhold(request, pk: int):
    proposal = get_proposal_for(request.user, pk)
    form = forms.WithholdForm(request.POST)
    if not form.is_valid():
        return _detail(request, proposal, status=400, withhold_form=form)
    try:
        services.proposal_withhold(
            proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except services.ProposalError as exc:
        messages.error(request, str(exc))
        return _detail(request, proposal, status=409, withhold_form=form)
    messages.success(request, "已登记不予公开及理由。")
    return redirect(proposal)
