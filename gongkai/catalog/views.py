"""Public pages of the catalog: guide, browsing, item pages, attachments, search."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from gongkai.accounts.models import Organization
from gongkai.lib import pagecache
from gongkai.lib.discovery import app_modules
from gongkai.lib.paging import CappedPaginator

from . import search as search_engine
from . import selectors
from .forms import BrowseForm, SearchForm
from .models import Attachment, Category, GuidePage, Item, ItemKind, ItemStatus, Topic
from .permissions import can_see

PER_PAGE = 20


def guide(request, code: str | None = None):
    organization = (
        get_object_or_404(Organization, code=code) if code else Organization.objects.site_owner()
    )
    if organization is None:
        raise Http404("尚未设置机构")
    page = GuidePage.objects.filter(organization=organization).first()
    request.analytics = {"section": "公开指南", "object": None}
    return render(
        request,
        "catalog/guide.html",
        {
            "organization": organization,
            "office": organization.disclosure_office(),
            "guide": page,
            "topics": Topic.objects.filter(is_active=True),
            "categories": Category.objects.all(),
            "guides": Organization.objects.filter(guide_page__isnull=False).order_by(
                "sort_order", "pk"
            ),
        },
    )


def _filter_choices() -> dict:
    """What the public lists and the search page may be narrowed by: the same for every page
    until public content changes, so computed once per change (a quarter of a list page)."""
    return pagecache.remember(
        "catalog:filter_choices",
        lambda: {
            "organizations": list(selectors.publishing_organizations()),
            "topics": list(Topic.objects.filter(is_active=True)),
            "categories": list(Category.objects.all()),
            "years": selectors.publication_years(),
        },
    )


def browse(request):
    form = BrowseForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.published_items(
        organization=filters.get("org"),
        topic=filters.get("topic"),
        category=filters.get("category"),
        year=filters.get("year"),
    )
    page = CappedPaginator(items, PER_PAGE).get_page(request.GET.get("page"))
    section = filters.get("topic") or filters.get("category")
    request.analytics = {"section": section.name if section else "公开目录", "object": None}
    return render(
        request,
        "catalog/browse.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            **_filter_choices(),
        },
    )


def annual_reports(request):
    items = selectors.published_items(kind=ItemKind.ANNUAL_REPORT)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    request.analytics = {"section": "年度报告", "object": None}
    # Reports the platform computed and published itself (the reports app) are listed with the
    # uploaded ones; found by name so that the catalog does not depend on reports.
    computed = [
        link for module in app_modules("annual_report_links") for link in module.published()
    ]
    return render(request, "catalog/annual_reports.html", {"page": page, "computed": computed})


def item_page(request, pk: int):
    item = get_object_or_404(
        Item.objects.select_related("organization", "topic", "category", "interprets"), pk=pk
    )
    if item.status == ItemStatus.WITHDRAWN:
        request.analytics = {"section": item.topic.name, "object": item}
        return render(request, "catalog/item_withdrawn.html", {"item": item}, status=410)
    if item.status != ItemStatus.PUBLISHED:
        raise Http404("该信息不存在或尚未发布")
    request.analytics = {"section": item.topic.name, "object": item}
    interpretations = item.interpretations.filter(status=ItemStatus.PUBLISHED).only(
        "pk", "title", "published_at"
    )
    return render(
        request,
        "catalog/item.html",
        {
            "item": item,
            "attachments": item.attachments.all(),
            "interpretations": interpretations,
            "interprets": item.interprets
            if item.interprets and item.interprets.status == ItemStatus.PUBLISHED
            else None,
        },
    )


def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    item = attachment.item
    if item.status != ItemStatus.PUBLISHED:
        user = request.user
        if not (user.is_authenticated and can_see(user, item)):
            if item.status == ItemStatus.WITHDRAWN:
                raise Http404("该信息已撤回")
            raise PermissionDenied("该附件尚未公开")
    stored = attachment.file
    if item.status == ItemStatus.PUBLISHED:
        # The public gets the copy without hidden metadata where a review check made one.
        for module in app_modules("review_checks"):
            stored = module.published_file(attachment) or stored
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404("附件文件不存在") from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "results": None, "error": "", "query": request.GET.get("q", "")}
    request.analytics = {"section": "全文检索", "object": None}
    if not request.GET:
        return render(request, "catalog/search.html", context)
    if not form.is_valid():
        context["error"] = "检索条件有误：" + "".join(form.problems())
        return render(request, "catalog/search.html", context, status=400)
    filters = form.cleaned_data
    try:
        context["results"] = search_engine.search(
            request.GET.get("q"),
            organization=filters["org"].pk if filters.get("org") else None,
            topic=filters["topic"].pk if filters.get("topic") else None,
            category=filters["category"].pk if filters.get("category") else None,
            year=filters.get("year"),
            validity=filters.get("validity") or None,
            page=filters.get("page") or 1,
        )
    except search_engine.SearchError as exc:
        context["error"] = str(exc)
        return render(request, "catalog/search.html", context, status=400)
    context.update(_filter_choices())
    return render(request, "catalog/search.html", context)
