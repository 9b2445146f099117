from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.models import Organization
from gongkai.accounts.permissions import Action, require
from gongkai.catalog.permissions import get_item_for

from . import selectors, selfcheck, services
from .forms import TermForm
from .models import Finding, Term


@login_required
@require_POST
def decide(request, pk: int):
    finding = get_object_or_404(Finding.objects.select_related("item"), pk=pk)
    # Only those who may see the item hear of its findings (403/404 like the item's page).
    get_item_for(request.user, finding.item_id)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "dismiss"):
        messages.error(request, "请选择“排除”或“确认有误”。")
    else:
        try:
            services.finding_decide(
                finding=finding,
                actor=request.user,
                confirm=decision == "confirm",
                reason=request.POST.get("reason", "")[:300],
            )
        except services.InspectionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已记录处理结果。")
    return redirect("catalog:staff_detail", finding.item_id)


@login_required
def terms(request):
    """The office's own lists: 规范表述, 禁用表述, 易错字词, renamed agencies."""
    require(request.user, Action.CATALOG_EDIT_GUIDE)
    organization = request.user.organization.organ()
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.term_add(actor=request.user, organization=organization, data=form.cleaned_data)
        except services.InspectionError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(request, f"已添加“{form.cleaned_data['text']}”。")
            return redirect("inspection:terms")
    return render(
        request,
        "inspection/terms.html",
        {
            "form": form,
            "organization": organization,
            "terms": Term.objects.filter(organization=organization),
            "shipped": selectors.shipped_terms(),
        },
    )


@login_required
@require_POST
def term_delete(request, pk: int):
    term = get_object_or_404(Term, pk=pk)
    services.term_delete(actor=request.user, term=term)
    messages.success(request, f"已删除“{term.text}”。")
    return redirect("inspection:terms")


@login_required
def rescan_findings(request):
    require(request.user, Action.CATALOG_WITHDRAW)
    findings = selectors.open_rescan_findings(request.user)
    return render(request, "inspection/rescan_findings.html", {"findings": findings})


@login_required
def self_inspection(request):
    require(request.user, Action.CATALOG_WITHDRAW)
    from .models import LinkCheck

    organization = request.user.organization.organ()
    risks = selfcheck.risks(organization)
    scope = Organization.objects.subtree_ids(organization)
    broken = LinkCheck.objects.filter(
        ok=False, item__organization_id__in=scope, item__status="published"
    ).select_related("item")[:200]
    return render(
        request,
        "inspection/self_inspection.html",
        {
            "organization": organization,
            "risks": [(r, selfcheck.who_acts(r, request.user)) for r in risks],
            "score": selfcheck.score(risks),
            "vetoes": sum(r.veto for r in risks),
            "broken_links": broken,
        },
    )
