"""Staff pages: drafting, attachments, review queue and decisions, withdrawal, the guide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.models import Organization
from gongkai.accounts.permissions import Action, can, organizations_for, require
from gongkai.lib.discovery import app_modules
from gongkai.lib.labels import choice_labels
from gongkai.lib.lookups import among
from gongkai.lib.paging import CappedPaginator

from . import corrections, editors, next_step, permissions, search, selectors, services
from .forms import (
    AttachmentForm,
    ClericalFieldsForm,
    CorrectionForm,
    GuideForm,
    ItemForm,
    ReviewForm,
    RevisionDecisionForm,
    StaffFilterForm,
    StageFormSet,
    TermForm,
    ValidityForm,
    WithdrawForm,
    normative_documents_for,
)
from .models import (
    Attachment,
    Category,
    GuidePage,
    Item,
    ItemRevision,
    ItemStatus,
    RevisionPath,
    RevisionStatus,
    Topic,
)
from .uploads import UploadRejected


def _form_data(form: ItemForm) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k in services.EDITABLE_FIELDS}


def _back(item):
    return redirect("catalog:staff_detail", pk=item.pk)


def _perform(request, service, success, **kwargs) -> bool:
    """Call `service` with the user as actor for a button's POST: flash the rules' refusal, or
    `success` (a text, or a function of what the service returned). True when it went through.
    """
    try:
        result = service(actor=request.user, **kwargs)
    except (services.CatalogError, UploadRejected) as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def _save(request, form, service, success: str, field: str | None = None, **kwargs):
    """Call `service` with the user as actor for a valid `form`: flash `success` and return
    what it returned, or put the rules' refusal on the form (on `field`) and return None."""
    try:
        result = service(actor=request.user, **kwargs)
    except services.CatalogError as exc:
        form.add_error(field, str(exc))
        form.refusal = exc
        return None
    messages.success(request, success)
    return result


STAFF_LIST_COLUMNS = (
    "index_no",
    "title",
    "status",
    "updated_at",
    "organization__name",
    "organization__short_name",
    "topic__name",
)


def _staff_rows(items) -> list[dict]:
    """Each row's cells as text, worked out once here (the template's choice label, date
    filter and url tag cost more per page than its queries)."""
    statuses = choice_labels(Item, "status")["status"]
    rows = []
    for item in items:
        org = item.organization
        rows.append(
            {
                "index_no": item.index_no or "（发布时分配）",
                "url": reverse("catalog:staff_detail", args=[item.pk]),
                "title": item.title,
                "organization": org.short_name or org.name,
                "topic": item.topic.name if item.topic_id else "",
                "status": statuses.get(item.status, ""),
                "tone": item.status_tone,
                "updated_at": timezone.localtime(item.updated_at).strftime("%Y-%m-%d %H:%M"),
            }
        )
    return rows


@login_required
def staff_list(request):
    require(request.user, Action.CATALOG_DRAFT)
    form = StaffFilterForm(request.GET or None)
    # What a row shows, not the body: at 10⁶ items a page reads 30 narrow rows.
    items = (
        permissions.visible_items(request.user)
        .select_related("organization", "topic")
        .only(*STAFF_LIST_COLUMNS)
    )
    if form.is_valid():
        if form.cleaned_data["status"]:
            items = items.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["year"]:
            start, end = selectors.year_bounds(form.cleaned_data["year"])
            items = items.filter(published_at__gte=start, published_at__lt=end)
        if form.cleaned_data["mine"]:
            items = items.filter(created_by=request.user)
        q = form.cleaned_data["q"].strip()
        if q:
            # A 索引号 by its prefix; any word of the text through the search index, which
            # holds drafts too (the queryset above still decides what the user may see).
            try:
                found = search.staff_matches(
                    q,
                    organizations=permissions.visible_organization_ids(request.user),
                    status=form.cleaned_data["status"] or None,
                )
            except search.SearchError as exc:
                form.add_error("q", str(exc))
                found = []
            items = items.filter(Q(index_no__startswith=q) | among("pk", found))
    items = items.order_by("-updated_at", "-pk")
    page = CappedPaginator(items, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/staff/list.html",
        {
            "form": form,
            "page": page,
            "rows": _staff_rows(page),
            "can_edit_guide": can(request.user, Action.CATALOG_EDIT_GUIDE),
            "can_edit_vocabularies": services.can_edit_vocabularies(request.user),
        },
    )


@login_required
def staff_create(request):
    require(request.user, Action.CATALOG_DRAFT)
    orgs = organizations_for(request.user, Action.CATALOG_DRAFT)
    form = ItemForm(request.POST or None, organizations=orgs, user=request.user)
    if request.method == "POST" and form.is_valid():
        item = _save(
            request,
            form,
            services.item_create,
            "已保存草稿。索引号在信息审核通过、发布时分配。",
            organization=form.cleaned_data["organization"],
            data=_form_data(form),
        )
        if item is not None:
            return _back(item)
    return render(request, "catalog/staff/form.html", {"form": form, "item": None})


@login_required
def staff_edit(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_DRAFT)
    if structured := editors.structured_edit_url(item):
        return redirect(structured)
    if not permissions.can_edit(request.user, item):
        messages.error(request, f"该信息当前状态为“{item.get_status_display()}”，不能修改。")
        return _back(item)
    orgs = Organization.objects.filter(pk=item.organization_id)
    form = ItemForm(request.POST or None, instance=item, organizations=orgs, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request, form, services.item_update, "已保存修改。", item=item, data=_form_data(form)
        )
        if saved:
            return _back(item)
    return render(request, "catalog/staff/form.html", {"form": form, "item": item})


@login_required
def staff_correct(request, pk: int):
    """Propose a correction of a published item, with a reason; it takes effect once reviewed."""
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_WITHDRAW)
    if structured := editors.structured_edit_url(item):
        return redirect(structured)
    if item.status != ItemStatus.PUBLISHED:
        messages.error(request, f"该信息当前状态为“{item.get_status_display()}”，不能更正。")
        return _back(item)
    refusal = permissions.correction_refusal(request.user, item)
    if refusal is not None:
        raise PermissionDenied(refusal)
    orgs = Organization.objects.filter(pk=item.organization_id)
    form = CorrectionForm(
        request.POST or None,
        instance=item,
        organizations=orgs,
        user=request.user,
        initial={"seen": services.version_of(item)},
    )
    status = 200
    if request.method == "POST":
        proposed = form.is_valid() and _save(
            request,
            form,
            corrections.revision_propose,
            "已提交更正。审核通过前，公开页面仍显示原内容。",
            item=item,
            data=_form_data(form),
            reason=form.cleaned_data["reason"],
            seen=form.cleaned_data["seen"],
        )
        if proposed:
            return _back(item)
        status = 409 if isinstance(getattr(form, "refusal", None), services.Conflict) else 400
    return render(
        request,
        "catalog/staff/form.html",
        {"form": form, "item": item, "correcting": True},
        status=status,
    )


@login_required
@require_POST
def revision_decide(request, pk: int):
    """The clerical check or a review stage decides a proposed correction."""
    revision = get_object_or_404(ItemRevision.objects.select_related("item"), pk=pk)
    item = permissions.get_item_for(request.user, revision.item_id)
    form = RevisionDecisionForm(request.POST, substantive=revision.path == RevisionPath.SUBSTANTIVE)
    if not form.is_valid():
        return _render_detail(request, item, revision_form=form, status=400)
    data = form.cleaned_data
    if data["decision"] == "approve":
        done = _perform(
            request,
            corrections.revision_approve,
            lambda r: (
                "更正已生效，公开页面和检索已更新。"
                if r.status == RevisionStatus.APPLIED
                else f"已同意，转“{r.current_stage_name()}”。"
            ),
            revision=revision,
            confidentiality=data.get("confidentiality", ""),
            opinion=data["opinion"],
        )
    else:
        done = _perform(
            request,
            corrections.revision_return,
            "已退回该更正，公开页面保持原内容。",
            revision=revision,
            opinion=data["opinion"],
        )
    return redirect("catalog:review_queue") if done else _back(item)


def _render_detail(request, item, review_form=None, revision_form=None, status=200):
    """The staff page of an item; `review_form` (or `revision_form`, the decision on a proposed
    correction) given back with its errors when it failed."""
    user = request.user
    refusal = (
        permissions.reviewer_refusal(user, item) if item.status == ItemStatus.IN_REVIEW else None
    )
    pending = item.revisions.filter(status=RevisionStatus.PENDING).select_related("actor").first()
    revision_refusal = permissions.revision_refusal(user, pending) if pending else None
    if pending is not None and revision_form is None:
        revision_form = RevisionDecisionForm(substantive=pending.path == RevisionPath.SUBSTANTIVE)
    if pending is not None:
        pending.item = item
    can_correct = permissions.can_correct(user, item)
    return render(
        request,
        "catalog/staff/detail.html",
        {
            "item": item,
            "steps": item.review_steps.select_related("actor"),
            "attachments": item.attachments.all(),
            "revisions": item.revisions.select_related("actor"),
            "pending_revision": pending,
            "timeline": selectors.item_timeline(item),
            "can_decide_revision": pending is not None and revision_refusal is None,
            "revision_conflict": revision_refusal.message
            if revision_refusal and revision_refusal.conflict
            else "",
            "revision_form": revision_form,
            "can_correct": can_correct,
            "after_publication_hint": next_step.after_publication(user, item, can_correct),
            "next_step": next_step.for_item(item),
            "revision_next_step": next_step.for_revision(pending) if pending else None,
            "can_edit": permissions.can_edit(user, item),
            "can_review": item.status == ItemStatus.IN_REVIEW and refusal is None,
            "review_conflict": refusal.message if refusal and refusal.conflict else "",
            "can_withdraw": permissions.can_withdraw(user, item),
            "attachment_form": AttachmentForm(),
            "review_form": review_form or ReviewForm(initial={"stage": services.stage_token(item)}),
            "withdraw_form": WithdrawForm(),
            "validity_form": ValidityForm(
                initial={"validity": item.validity, "seen": services.version_of(item)}
            ),
            # Panels other apps add for the reviewers (the content check's findings).
            "review_panels": [
                panel
                for module in app_modules("review_checks")
                if (panel := module.panel(item, user)) is not None
            ],
        },
        status=status,
    )


@login_required
def staff_detail(request, pk: int):
    return _render_detail(request, permissions.get_item_for(request.user, pk))


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
    _perform(
        request,
        services.attachment_add,
        lambda attachment: f"已上传附件“{attachment.original_name}”。",
        item=item,
        upload=form.cleaned_data["file"],
    )
    return _back(item)


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(Attachment, pk=pk)
    item = permissions.get_item_for(request.user, attachment.item_id, Action.CATALOG_DRAFT)
    _perform(
        request,
        services.attachment_remove,
        f"已删除附件“{attachment.original_name}”。",
        attachment=attachment,
    )
    return _back(item)


@login_required
@require_POST
def submit(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_DRAFT)
    _perform(
        request,
        services.item_submit,
        lambda item: f"已提交审核，等待“{item.current_stage_name()}”。",
        item=item,
    )
    return _back(item)


@login_required
@require_POST
def review(request, pk: int):
    item = permissions.get_item_for(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, item, review_form=form, status=400)
    data = form.cleaned_data
    decision = {
        "confidentiality": data["confidentiality"],
        "opinion": data["opinion"],
        "stage": data["stage"] or None,
    }
    if data["decision"] == "approve":
        stage = item.current_stage_name()

        def approved(item):
            if item.status == ItemStatus.PUBLISHED:
                return f"“{stage}”已同意，已发布。"
            return f"“{stage}”已同意，已转“{item.current_stage_name()}”。"

        done = _perform(request, services.item_approve, approved, item=item, **decision)
    else:
        done = _perform(request, services.item_return, "已退回拟稿人修改。", item=item, **decision)
    return redirect("catalog:review_queue") if done else _back(item)


@login_required
@require_POST
def withdraw(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_WITHDRAW)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤回原因。")
        return _back(item)
    _perform(
        request,
        services.item_withdraw,
        "已撤回，公开页面将显示撤回时间和原因。",
        item=item,
        reason=form.cleaned_data["reason"],
    )
    return _back(item)


@login_required
@require_POST
def set_validity(request, pk: int):
    item = permissions.get_item_for(request.user, pk, Action.CATALOG_WITHDRAW)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择有效性并填写变更日期。")
        return _back(item)
    _perform(
        request,
        services.item_set_validity,
        lambda item: f"有效性已改为“{item.get_validity_display()}”。",
        item=item,
        validity=form.cleaned_data["validity"],
        changed_on=form.cleaned_data["changed_on"],
        seen=form.cleaned_data["seen"],
    )
    return _back(item)


@login_required
def review_queue(request):
    require(request.user, Action.VIEW_WORKSPACE)
    items = (
        permissions.review_queue(request.user)
        .select_related("organization", "created_by")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    revisions = permissions.revision_queue(request.user)
    return render(
        request, "catalog/staff/review_queue.html", {"page": page, "revisions": revisions}
    )


# -- configuration: the guide, the review chain, the vocabularies -------------------------------


def _config_organization(request):
    """(the organizations whose guide and chain the user sets, the one chosen by ?org=)."""
    orgs = organizations_for(request.user, Action.CATALOG_EDIT_GUIDE).order_by("sort_order", "pk")
    code = request.GET.get("org") or request.POST.get("org")
    organization = orgs.filter(code=code).first() if code else orgs.first()
    return orgs, organization


@login_required
def guide_edit(request):
    require(request.user, Action.CATALOG_EDIT_GUIDE)
    orgs, organization = _config_organization(request)
    if organization is None:
        return redirect("accounts:dashboard")
    page = GuidePage.objects.filter(organization=organization).first()
    form = GuideForm(request.POST or None, initial={"body": page.body if page else ""})
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request,
            form,
            services.guide_save,
            f"已更新“{organization.name}”的公开指南。",
            field="body",
            organization=organization,
            body=form.cleaned_data["body"],
        )
        if saved:
            return redirect("catalog:guide_org", code=organization.code)
    return render(
        request,
        "catalog/staff/guide_form.html",
        {"form": form, "organization": organization, "organizations": orgs},
    )


@login_required
def review_chain(request):
    """An organization's review chain (先审查、后公开): its own stages, or the inherited ones."""
    require(request.user, Action.CATALOG_EDIT_GUIDE)
    orgs, organization = _config_organization(request)
    if organization is None:
        return redirect("accounts:dashboard")
    status = 200
    if request.method == "POST" and request.POST.get("clerical"):
        clerical_form = ClericalFieldsForm(request.POST)
        if clerical_form.is_valid():
            _perform(
                request,
                corrections.correction_policy_save,
                f"已保存“{organization.name}”的文字性更正字段。",
                organization=organization,
                fields=clerical_form.cleaned_data["fields"],
            )
        return redirect(f"{reverse('catalog:review_chain')}?org={organization.code}")
    if request.method == "POST" and request.POST.get("reset"):
        _perform(
            request,
            services.review_chain_reset,
            f"“{organization.name}”已改为沿用上级或默认审核流程。",
            organization=organization,
        )
        return redirect(f"{reverse('catalog:review_chain')}?org={organization.code}")
    if request.method == "POST":
        formset = StageFormSet(request.POST)
        if formset.is_valid():
            rows = [
                (f.cleaned_data["name"], f.cleaned_data["action"])
                for f in formset
                if f.cleaned_data.get("action")
            ]
            saved = _perform(
                request,
                services.review_chain_save,
                f"已保存“{organization.name}”的审核流程。",
                organization=organization,
                stages=rows,
            )
            if saved:
                return redirect(f"{reverse('catalog:review_chain')}?org={organization.code}")
        status = 400
    owner, stages = services.configured_chain(organization)
    policy_owner, clerical = corrections.configured_clerical_fields(organization)
    if request.method != "POST":
        initial = [{"name": s["name"], "action": s["action"]} for s in stages]
        initial += [{}] * (services.MAX_STAGES - len(initial))
        formset = StageFormSet(initial=initial)
    return render(
        request,
        "catalog/staff/review_chain.html",
        {
            "organization": organization,
            "organizations": orgs,
            "owner": owner,
            "own": owner is not None and owner.pk == organization.pk,
            "stages": stages,
            "formset": formset,
            "policy_owner": policy_owner,
            "clerical_form": ClericalFieldsForm(initial={"fields": sorted(clerical)}),
        },
        status=status,
    )


@login_required
def vocabularies(request):
    """主题分类 and 信息类别: add, rename, deactivate; delete only what no item uses."""
    if not services.can_edit_vocabularies(request.user):
        raise PermissionDenied("您没有权限维护主题分类和信息类别")
    status = 200
    forms_by_kind = {"topic": TermForm(prefix="topic"), "category": TermForm(prefix="category")}
    if request.method == "POST":
        kind, op = request.POST.get("kind", ""), request.POST.get("op", "")
        try:
            if op == "add":
                form = forms_by_kind[kind] = TermForm(request.POST, prefix=kind)
                if not form.is_valid():
                    raise services.CatalogError("请填写名称和代码。")
                term = services.vocabulary_add(kind=kind, actor=request.user, **form.cleaned_data)
                done = f"已添加“{term.name}”。"
            else:
                pk = int(request.POST.get("pk") or 0)
                if op == "rename":
                    term = services.vocabulary_rename(
                        kind=kind, actor=request.user, pk=pk, name=request.POST.get("name", "")
                    )
                    done = f"已改名为“{term.name}”。"
                elif op in ("activate", "deactivate"):
                    term = services.vocabulary_set_active(
                        kind=kind, actor=request.user, pk=pk, active=op == "activate"
                    )
                    done = f"已{'启用' if term.is_active else '停用'}“{term.name}”。"
                elif op == "delete":
                    services.vocabulary_delete(kind=kind, actor=request.user, pk=pk)
                    done = "已删除。"
                else:
                    raise services.CatalogError("未知的操作。")
        except (services.CatalogError, KeyError, ValueError) as exc:
            message = str(exc) if isinstance(exc, services.CatalogError) else "请求无效。"
            messages.error(request, message)
            status = 400
        else:
            messages.success(request, done)
            return redirect("catalog:vocabularies")
    return render(
        request,
        "catalog/staff/vocabularies.html",
        {
            "sections": [
                ("topic", "主题分类", selectors.vocabulary_usage(Topic), forms_by_kind["topic"]),
                (
                    "category",
                    "信息类别",
                    selectors.vocabulary_usage(Category),
                    forms_by_kind["category"],
                ),
            ]
        },
        status=status,
    )


@login_required
def normative_lookup(request):
    """Find the 索引号 of a published normative document to link an interpretation to."""
    require(request.user, Action.CATALOG_DRAFT)
    q = " ".join(request.GET.get("q", "").split())[:50]
    results = []
    if q:
        results = list(
            normative_documents_for(request.user)
            .filter(Q(title__contains=q) | Q(index_no__startswith=q) | Q(doc_number__contains=q))
            .order_by("-published_at")
            .only("pk", "title", "index_no", "doc_number", "published_at")[:LOOKUP_LIMIT]
        )
    return render(
        request,
        "catalog/staff/normative_lookup.html",
        {"q": q, "results": results, "limit": LOOKUP_LIMIT},
    )


LOOKUP_LIMIT = 20
