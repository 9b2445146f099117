"""Staff pages: drafting, attachments, review queue and decisions, withdrawal, the guide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.models import Organization
from gongkai.accounts.permissions import Action, can, organizations_for, require

from . import permissions, services
from .forms import (
    AttachmentForm,
    GuideForm,
    ItemForm,
    ReviewForm,
    StaffFilterForm,
    ValidityForm,
    WithdrawForm,
)
from .models import Attachment, GuidePage, ItemStatus
from .uploads import UploadRejected


def _form_data(form: ItemForm) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k in services.EDITABLE_FIELDS}


@login_required
def staff_list(request):
    require(request.user, Action.CATALOG_DRAFT)
    form = StaffFilterForm(request.GET or None)
    items = permissions.visible_items(request.user).select_related("organization", "topic")
    if form.is_valid():
        if form.cleaned_data["status"]:
            items = items.filter(status=form.cleaned_data["status"])
        q = form.cleaned_data["q"].strip()
        if q:
            # Prefix matches use the indexes; full-text search is the public /search/.
            items = items.filter(Q(index_no__startswith=q) | Q(title__startswith=q))
    items = items.order_by("-updated_at", "-pk")
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/staff/list.html",
        {
            "form": form,
            "page": page,
            "can_edit_guide": can(request.user, Action.CATALOG_EDIT_GUIDE),
        },
    )


@login_required
def staff_create(request):
    require(request.user, Action.CATALOG_DRAFT)
    orgs = organizations_for(request.user, Action.CATALOG_DRAFT)
    form = ItemForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                actor=request.user,
                organization=form.cleaned_data["organization"],
                data=_form_data(form),
            )
        except services.CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存草稿，索引号 {item.index_no}。")
            return redirect("catalog:staff_detail", pk=item.pk)
    return render(request, "catalog/staff/form.html", {"form": form, "item": None})


@login_required
def staff_edit(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_DRAFT)
    if not permissions.can_edit(request.user, item):
        messages.error(request, f"该信息当前状态为“{item.get_status_display()}”，不能修改。")
        return redirect("catalog:staff_detail", pk=item.pk)
    orgs = Organization.objects.filter(pk=item.organization_id)
    form = ItemForm(request.POST or None, instance=item, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, actor=request.user, data=_form_data(form))
        except services.CatalogError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存修改。")
            return redirect("catalog:staff_detail", pk=item.pk)
    return render(request, "catalog/staff/form.html", {"form": form, "item": item})


@login_required
def staff_detail(request, pk: int):
    item = permissions.get_item_for(request.user, pk)
    user = request.user
    return render(
        request,
        "catalog/staff/detail.html",
        {
            "item": item,
            "steps": item.review_steps.select_related("actor"),
            "attachments": item.attachments.all(),
            "can_edit": permissions.can_edit(user, item),
            "can_submit": permissions.can_edit(user, item),
            "can_review": permissions.can_review(user, item),
            "own_draft_in_review": item.status == ItemStatus.IN_REVIEW
            and item.created_by_id == user.pk,
            "can_withdraw": permissions.can_withdraw(user, item),
            "attachment_form": AttachmentForm(),
            "review_form": ReviewForm(),
            "withdraw_form": WithdrawForm(),
            "validity_form": ValidityForm(initial={"validity": item.validity}),
        },
    )


def _back(item):
    return redirect("catalog:staff_detail", pk=item.pk)


@login_required
@require_POST
def attachment_upload(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_DRAFT)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(item)
    try:
        attachment = services.attachment_add(
            item=item, actor=request.user, upload=form.cleaned_data["file"]
        )
    except (UploadRejected, services.CatalogError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已上传附件“{attachment.original_name}”。")
    return _back(item)


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(Attachment, pk=pk)
    item = permissions.get_item_for(request.user, attachment.item_id, Action.CATALOG_DRAFT)
    try:
        services.attachment_remove(attachment=attachment, actor=request.user)
    except services.CatalogError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已删除附件“{attachment.original_name}”。")
    return _back(item)


@login_required
@require_POST
def submit(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_DRAFT)
    try:
        services.item_submit(item=item, actor=request.user)
    except services.CatalogError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已提交审核，等待“{item.current_stage_name()}”。")
    return _back(item)


@login_required
@require_POST
def review(request, pk: int):
    item = permissions.get_item_for(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "catalog/staff/detail.html",
            {
                "item": item,
                "steps": item.review_steps.select_related("actor"),
                "attachments": item.attachments.all(),
                "can_review": permissions.can_review(request.user, item),
                "review_form": form,
            },
            status=400,
        )
    data = form.cleaned_data
    try:
        if data["decision"] == "approve":
            stage = item.current_stage_name()
            services.item_approve(
                item=item,
                actor=request.user,
                confidentiality=data["confidentiality"],
                opinion=data["opinion"],
            )
            done = (
                "已发布。"
                if item.status == ItemStatus.PUBLISHED
                else f"已转“{item.current_stage_name()}”。"
            )
            messages.success(request, f"“{stage}”已同意，{done}")
        else:
            services.item_return(
                item=item,
                actor=request.user,
                opinion=data["opinion"],
                confidentiality=data["confidentiality"],
            )
            messages.success(request, "已退回拟稿人修改。")
    except services.CatalogError as exc:
        messages.error(request, str(exc))
        return _back(item)
    return redirect("catalog:review_queue")


@login_required
@require_POST
def withdraw(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_WITHDRAW)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤回原因。")
        return _back(item)
    try:
        services.item_withdraw(item=item, actor=request.user, reason=form.cleaned_data["reason"])
    except services.CatalogError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已撤回，公开页面将显示撤回时间和原因。")
    return _back(item)


@login_required
@require_POST
def set_validity(request, pk: int):
    item = permissions.get_item_for(request.user, pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择有效性并填写变更日期。")
        return _back(item)
    try:
        services.item_set_validity(
            item=item,
            actor=request.user,
            validity=form.cleaned_data["validity"],
            changed_on=form.cleaned_data["changed_on"],
        )
    except services.CatalogError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"有效性已改为“{item.get_validity_display()}”。")
    return _back(item)


@login_required
def review_queue(request):
    require(request.user, Action.VIEW_WORKSPACE)
    items = (
        permissions.review_queue(request.user)
        .select_related("organization", "topic", "created_by")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(request, "catalog/staff/review_queue.html", {"page": page})


@login_required
def guide_edit(request):
    require(request.user, Action.CATALOG_EDIT_GUIDE)
    orgs = organizations_for(request.user, Action.CATALOG_EDIT_GUIDE)
    code = request.GET.get("org") or request.POST.get("org")
    organization = (
        orgs.filter(code=code).first() if code else orgs.order_by("sort_order", "pk").first()
    )
    if organization is None:
        return redirect("accounts:dashboard")
    page = GuidePage.objects.filter(organization=organization).first()
    form = GuideForm(request.POST or None, initial={"body": page.body if page else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_save(
                organization=organization, actor=request.user, body=form.cleaned_data["body"]
            )
        except services.CatalogError as exc:
            form.add_error("body", str(exc))
        else:
            messages.success(request, f"已更新“{organization.name}”的公开指南。")
            return redirect("catalog:guide_org", code=organization.code)
    return render(
        request,
        "catalog/staff/guide_form.html",
        {"form": form, "organization": organization, "organizations": orgs},
    )
