"""Staff pages of the sign-off chain: submit a draft, approve or return it, the "待我签发" queue
and the office's chain settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, can, organizations_for
from gongkai.lib import workdays

from . import signoff, signoff_forms
from .models import SignoffKind, SignoffRequest
from .permissions import SIGNOFF_ACTIONS, get_application_for
from .services import TransitionError

DRAFT_FORMS = {
    SignoffKind.REPLY: signoff_forms.ReplyDraftForm,
    SignoffKind.EXTENSION: signoff_forms.ExtensionDraftForm,
}


def _kind(value: str) -> SignoffKind:
    try:
        return SignoffKind(value)
    except ValueError as exc:
        raise Http404("没有这一签发事项") from exc


def refused(form, label: str, exc: Exception) -> None:
    """A step the service refused: the reason goes on the form, where the user is looking
    (`refusal_banner` then has the page's banner point to it: each error shown once)."""
    form.add_error(None, str(exc))
    form.refused_label = label


def refusal_banner(request, bound, rendered: list) -> None:
    """The banner for a refused form: a pointer to the form when the page shows it again, else
    (the step is no longer offered: the case moved on meanwhile) the reason itself."""
    label = getattr(bound, "refused_label", "")
    if not label:
        return
    if bound in rendered:
        messages.error(request, f"{label}未能办理，原因见表单中的说明。")
    else:
        for error in bound.non_field_errors():
            messages.error(request, error)


def _back_to_case(request, application, bound=None, status=409):
    from .views import _detail_context

    context = _detail_context(request, application, bound=bound)
    if bound is not None:
        context["open_form"] = bound.prefix
    return render(request, "applications/detail.html", context, status=status)


@login_required
@require_POST
def submit(request, pk: int, kind: str):
    kind = _kind(kind)
    application = get_application_for(request.user, pk, Action.APPLICATION_HANDLE)
    form = DRAFT_FORMS[kind](request.POST, prefix=f"draft-{kind.value}")
    if not form.is_valid():
        messages.error(request, f"提交{kind.label}审核：请更正下列错误。")
        return _back_to_case(request, application, bound=form, status=400)
    try:
        draft = signoff.signoff_submit(
            application=application, actor=request.user, kind=kind, **form.cleaned_data
        )
    except (TransitionError, workdays.DateOutOfRange) as exc:
        refused(form, f"提交{kind.label}审核", exc)
        return _back_to_case(request, application, bound=form)
    messages.success(request, f"已提交{kind.label}审核，待“{draft.stage_name}”。")
    return redirect(application)


def _decide(request, rid: int, verb: str):
    draft = get_object_or_404(SignoffRequest.objects.select_related("application"), pk=rid)
    application = get_application_for(request.user, draft.application_id)
    form = signoff_forms.SignoffDecisionForm(
        request.POST, prefix=f"decide-{draft.pk}", returning=verb == "return"
    )
    label = "退回修改" if verb == "return" else "同意"
    if not form.is_valid():
        messages.error(request, f"{label}：请更正下列错误。")
        return _back_to_case(request, application, bound=form, status=400)
    comment = form.cleaned_data["comment"]
    stage = draft.stage_name
    try:
        if verb == "approve":
            draft = signoff.signoff_approve(request=draft, actor=request.user, comment=comment)
        else:
            draft = signoff.signoff_return(request=draft, actor=request.user, comment=comment)
    except (TransitionError, workdays.DateOutOfRange) as exc:
        refused(form, label, exc)
        return _back_to_case(request, application, bound=form)
    if verb == "return":
        messages.success(request, f"已在“{stage}”环节退回拟稿人修改。")
    elif draft.stage_name:
        messages.success(request, f"“{stage}”已同意，转“{draft.stage_name}”。")
    else:
        done = "已签发答复" if draft.kind == SignoffKind.REPLY else "已批准延期答复"
        messages.success(request, f"{done}。")
    return redirect("applications:detail", draft.application_id)


@login_required
@require_POST
def approve(request, rid: int):
    return _decide(request, rid, "approve")


@login_required
@require_POST
def send_back(request, rid: int):
    return _decide(request, rid, "return")


def may_sign(user) -> bool:
    return any(can(user, action) for action in SIGNOFF_ACTIONS)


@login_required
def queue(request):
    if not may_sign(request.user):
        raise PermissionDenied("您没有权限审核或签发答复")
    rows = signoff.queue_for(request.user)
    context = {
        "rows": rows,
        "can_configure": organizations_for(request.user, Action.CATALOG_EDIT_GUIDE).exists(),
    }
    return render(request, "applications/signoff_queue.html", context)


@login_required
def chain(request):
    """The office's sign-off chains: shown to whoever may set them, per organization."""
    organizations = list(organizations_for(request.user, Action.CATALOG_EDIT_GUIDE))
    if not organizations:
        raise PermissionDenied("您没有权限设置签发流程")
    chosen = organizations[0]
    wanted = request.POST.get("organization") or request.GET.get("organization")
    if wanted:
        chosen = next((o for o in organizations if str(o.pk) == wanted), None)
        if chosen is None:
            raise Http404("没有这个机构")
    bound = None
    if request.method == "POST":
        kind = _kind(request.POST.get("kind", ""))
        form = signoff_forms.SignoffChainForm(request.POST, kind=kind, organization=chosen)
        if form.is_valid():
            try:
                if request.POST.get("reset"):
                    signoff.signoff_chain_reset(organization=chosen, kind=kind, actor=request.user)
                else:
                    signoff.signoff_chain_save(
                        organization=chosen, kind=kind, actor=request.user, stages=form.stages()
                    )
            except TransitionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"已保存{chosen.name}的{kind.label}签发流程。")
                return redirect(f"{request.path}?organization={chosen.pk}")
        else:
            messages.error(request, "签发流程：请更正下列错误。")
            bound = form
    chains = []
    for kind in SignoffKind:
        owner, stages = signoff.configured_chain(chosen, kind)
        chains.append(
            {
                "kind": kind,
                "own": owner == chosen,
                "owner": owner,
                "stages": stages,
                "form": bound
                if bound is not None and bound.kind == kind
                else signoff_forms.SignoffChainForm(kind=kind, organization=chosen, stages=stages),
            }
        )
    context = {"organizations": organizations, "chosen": chosen, "chains": chains}
    return render(request, "applications/signoff_chain.html", context)
