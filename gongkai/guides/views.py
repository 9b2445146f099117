"""The public columns: 办事指南 (a form someone can follow) and 权责清单 (by type)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from gongkai.catalog.models import ItemStatus

from . import selectors
from .models import GUIDE_TOPIC_CODE, Power, PowerType, ServiceGuide
from .permissions import may_see_flowchart
from .services import column_topic

PER_PAGE = 30


def guide_list(request):
    q = request.GET.get("q", "").strip()[:50]
    guides = selectors.published_guides(q=q)
    page = Paginator(guides, PER_PAGE).get_page(request.GET.get("page"))
    request.analytics = {"section": "办事指南", "object": None}
    topic = column_topic(GUIDE_TOPIC_CODE) if q else None
    return render(request, "guides/guide_list.html", {"page": page, "q": q, "topic": topic})


def guide_page(request, pk: int):
    guide = selectors.published_guide(pk)
    if guide is None:
        return _gone(request, ServiceGuide, pk, "办事指南")
    request.analytics = {"section": "办事指南", "object": guide.item}
    return render(request, "guides/guide.html", {"guide": guide, "item": guide.item})


def _gone(request, model, pk: int, section: str):
    """A withdrawn entry says when and why (410), as the catalog's item pages do; anything
    else unpublished is not found."""
    record = model.objects.filter(pk=pk, item__status=ItemStatus.WITHDRAWN).first()
    if record is None:
        raise Http404(f"该{section}事项不存在或尚未公开")
    request.analytics = {"section": section, "object": record.item}
    return render(request, "catalog/item_withdrawn.html", {"item": record.item}, status=410)


def flowchart(request, pk: int):
    guide = get_object_or_404(ServiceGuide.objects.select_related("item"), pk=pk)
    if not guide.flowchart:
        raise Http404("该办事指南没有流程图")
    if guide.item.status != ItemStatus.PUBLISHED and not may_see_flowchart(request.user, guide):
        raise PermissionDenied("该流程图尚未公开")
    try:
        handle = guide.flowchart.open("rb")
    except FileNotFoundError as exc:
        raise Http404("流程图文件不存在") from exc
    # Only the kinds sniffed at upload are ever stored; served inline as exactly that type.
    return FileResponse(handle, content_type=f"image/{guide.flowchart_kind}")


def power_list(request):
    power_type = request.GET.get("type", "")
    if power_type and power_type not in PowerType.values:
        return render(
            request,
            "guides/power_list.html",
            {"error": "没有这种权力类型。", "types": selectors.power_type_counts(), "page": None},
            status=400,
        )
    powers = selectors.published_powers(power_type=power_type)
    page = Paginator(powers, PER_PAGE).get_page(request.GET.get("page"))
    request.analytics = {"section": "权责清单", "object": None}
    return render(
        request,
        "guides/power_list.html",
        {
            "page": page,
            "types": selectors.power_type_counts(),
            "current": PowerType(power_type) if power_type else None,
        },
    )


def power_page(request, pk: int):
    power = selectors.published_powers().select_related("item__category").filter(pk=pk).first()
    if power is None:
        return _gone(request, Power, pk, "权责清单")
    request.analytics = {"section": "权责清单", "object": power.item}
    return render(request, "guides/power.html", {"power": power, "item": power.item})
