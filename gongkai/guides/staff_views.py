"""Staff pages: writing guides and powers. Review, publication and withdrawal happen on the
catalog's own item page, where every save here leads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.accounts.models import Organization
from gongkai.accounts.permissions import Action, can, organizations_for, require
from gongkai.catalog.models import ItemStatus
from gongkai.catalog.permissions import can_edit

from . import permissions, services
from .forms import GuideForm, PowerForm


@login_required
def staff_list(request):
    require(request.user, Action.CATALOG_DRAFT)
    guides = (
        permissions.visible_guides(request.user)
        .select_related("item")
        .order_by("-item__updated_at", "-pk")
    )
    powers = (
        permissions.visible_powers(request.user)
        .select_related("item")
        .order_by("power_type", "item__title")
    )
    return render(
        request,
        "guides/staff/list.html",
        {
            "guides": guides,
            "powers": powers,
            "may_correct": can(request.user, Action.CATALOG_WITHDRAW),
        },
    )


def _editable(request, item) -> bool:
    """A draft is edited, a published entry corrected; one under review or withdrawn neither."""
    if can_edit(request.user, item) or (
        item.status == ItemStatus.PUBLISHED
        and can(request.user, Action.CATALOG_WITHDRAW, item.organization_id)
    ):
        return True
    messages.error(request, f"该事项当前状态为“{item.get_status_display()}”，不能修改。")
    return False


def _save(request, form, service, **kwargs):
    """Call the service for a valid form; the rules' refusal goes on the form (None returned)."""
    try:
        return service(actor=request.user, **kwargs)
    except services.catalog.CatalogError as exc:  # GuideError is one too
        form.add_error(None, str(exc))
    return None


def _organizations(request, item=None):
    if item is not None:
        return Organization.objects.filter(pk=item.organization_id)
    return organizations_for(request.user, Action.CATALOG_DRAFT)


@login_required
def guide_edit(request, pk: int | None = None):
    guide = permissions.get_guide_for(request.user, pk) if pk else None
    if guide is None:
        require(request.user, Action.CATALOG_DRAFT)
    elif not _editable(request, guide.item):
        return redirect("catalog:staff_detail", pk=guide.item_id)
    form = GuideForm(
        request.POST or None,
        request.FILES or None,
        guide=guide,
        materials=services.materials_text(guide) if guide else "",
        organizations=_organizations(request, guide.item if guide else None),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request,
            form,
            services.service_guide_save,
            guide=guide,
            organization=form.cleaned_data["organization"],
            item_data=form.item_data(),
            guide_data=form.guide_data(),
            materials=form.cleaned_data["materials"],
            flowchart=form.cleaned_data.get("flowchart"),
            reason=form.cleaned_data.get("reason", ""),
        )
        if saved is not None:
            messages.success(request, _saved_message(saved.item))
            return redirect("catalog:staff_detail", pk=saved.item_id)
    return render(
        request,
        "guides/staff/form.html",
        {"form": form, "entry": guide, "kind": "办事指南"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def power_edit(request, pk: int | None = None):
    power = permissions.get_power_for(request.user, pk) if pk else None
    if power is None:
        require(request.user, Action.CATALOG_DRAFT)
    elif not _editable(request, power.item):
        return redirect("catalog:staff_detail", pk=power.item_id)
    form = PowerForm(
        request.POST or None,
        power=power,
        organizations=_organizations(request, power.item if power else None),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request,
            form,
            services.power_save,
            power=power,
            organization=form.cleaned_data["organization"],
            item_data=form.item_data(),
            power_data=form.power_data(),
            reason=form.cleaned_data.get("reason", ""),
        )
        if saved is not None:
            messages.success(request, _saved_message(saved.item))
            return redirect("catalog:staff_detail", pk=saved.item_id)
    return render(
        request,
        "guides/staff/form.html",
        {"form": form, "entry": power, "kind": "权责清单事项"},
        status=400 if request.method == "POST" else 200,
    )


def _saved_message(item) -> str:
    if item.status == ItemStatus.PUBLISHED:
        return "已更正，公开页面已更新，修改记录已留存。"
    return "已保存草稿。提交审核并经审核通过后在门户网站公开。"
