"""Public endpoints: the catalog, organizations and published annual reports' statistics.

Everything here reads through the catalog's and reports' selectors: an item the public pages do
not show (a draft, one in review, a withdrawn one) is not shown here either.
"""

from django.urls import reverse
from ninja import Path, Query, Router

from gongkai.accounts.models import Organization
from gongkai.catalog import search as search_engine
from gongkai.catalog import selectors
from gongkai.catalog.models import Item, ItemKind, ItemStatus, Topic
from gongkai.reports.models import AnnualReport, AnnualReportStatus, ImportedReport, ImportStatus

from . import pagination
from .errors import ApiError, ErrorOut
from .schemas import (
    ItemOut,
    ItemPageOut,
    OrganizationOut,
    ReportPageOut,
    SearchHitOut,
    SearchPageOut,
    StatisticsOut,
)

router = Router(tags=["公开目录"])
REFUSALS = {400: ErrorOut, 404: ErrorOut}
# Larger ids cannot exist and would overflow PostgreSQL's bigint.
MAX_ID = 2**63 - 1


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def organization_by_code(code: str | None) -> Organization | None:
    if not code:
        return None
    found = Organization.objects.filter(code=code).first()
    if found is None:
        raise ApiError(400, "unknown_organization", f"没有代码为“{code[:40]}”的机构。")
    return found


def topic_by_code(code: str | None) -> Topic | None:
    if not code:
        return None
    found = Topic.objects.filter(code=code).first()
    if found is None:
        raise ApiError(400, "unknown_topic", f"没有代码为“{code[:40]}”的主题分类。")
    return found


def kind_of(value: str | None) -> ItemKind | None:
    if not value:
        return None
    if value not in ItemKind.values:
        raise ApiError(
            400, "unknown_kind", "体裁应为 general、normative、interpretation 或 annual_report。"
        )
    return ItemKind(value)


def item_summary(request, item: Item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "summary": item.summary,
        "index_no": item.index_no,
        "doc_number": item.doc_number,
        "written_on": item.written_on,
        "published_at": item.published_at,
        "validity": item.get_validity_display(),
        "organization": item.organization.name,
        "topic": item.topic.name,
        "url": absolute(request, item.get_absolute_url()),
    }


@router.get(
    "/organizations",
    response=list[OrganizationOut],
    summary="机构列表",
    operation_id="organizations_list",
)
def organizations(request):
    rows = Organization.objects.select_related("parent").order_by("sort_order", "pk")
    return [
        {
            "code": org.code,
            "name": org.name,
            "kind": org.get_kind_display(),
            "parent_code": org.parent.code if org.parent_id else None,
        }
        for org in rows
    ]


@router.get(
    "/items",
    response={200: ItemPageOut, **REFUSALS},
    summary="主动公开信息列表（按发布时间倒序，游标翻页）",
    operation_id="items_list",
)
def items_list(
    request,
    org: str | None = Query(None, max_length=40, description="机构代码"),
    topic: str | None = Query(None, max_length=40, description="主题分类代码"),
    kind: str | None = Query(None, max_length=20, description="体裁"),
    year: int | None = Query(None, ge=1990, le=2100, description="发布年度"),
    limit: int = Query(pagination.DEFAULT_LIMIT, ge=1, le=pagination.MAX_LIMIT),
    cursor: str | None = Query(None, max_length=40, description="上一页返回的 next_cursor"),
):
    items = selectors.published_items(
        organization=organization_by_code(org),
        topic=topic_by_code(topic),
        kind=kind_of(kind),
        year=year,
    )
    rows, following = pagination.keyset_page(items, cursor=cursor, limit=limit)
    return {"items": [item_summary(request, item) for item in rows], "next_cursor": following}


@router.get(
    "/items/search",
    response={200: SearchPageOut, **REFUSALS},
    summary="全文检索",
    operation_id="items_search",
)
def items_search(
    request,
    q: str = Query(..., min_length=1, max_length=100, description="检索词"),
    org: str | None = Query(None, max_length=40),
    year: int | None = Query(None, ge=1990, le=2100),
    page: int = Query(1, ge=1, le=50),
):
    organization = organization_by_code(org)
    try:
        results = search_engine.search(
            q, organization=organization.pk if organization else None, year=year, page=page
        )
    except search_engine.SearchError as exc:
        raise ApiError(400, "invalid_query", str(exc)) from None
    return {
        "query": results.query,
        "total": results.total,
        "total_is_floor": results.total_is_floor,
        "among_newest": results.among_newest,
        "page": results.page.number,
        "pages": results.page.paginator.num_pages,
        "hits": [
            SearchHitOut(
                id=hit.item.pk,
                title=hit.item.title,
                index_no=hit.item.index_no or "",
                doc_number=hit.item.doc_number,
                published_at=hit.item.published_at,
                organization=hit.item.organization_name,
                topic=hit.item.topic_name,
                url=absolute(request, hit.item.get_absolute_url()),
            )
            for hit in results.hits
        ],
    }


@router.get(
    "/items/{item_id}",
    response={200: ItemOut, 400: ErrorOut, 404: ErrorOut, 410: ErrorOut},
    summary="主动公开信息详情（含附件地址）",
    operation_id="items_detail",
)
def item_detail(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
    item = (
        Item.objects.select_related("organization", "topic", "category").filter(pk=item_id).first()
    )
    if item is not None and item.status == ItemStatus.WITHDRAWN:
        raise ApiError(410, "withdrawn", "该信息已撤回，不再公开。")
    if item is None or item.status != ItemStatus.PUBLISHED:
        raise ApiError(404, "not_found", "该信息不存在或尚未发布。")
    return {
        **item_summary(request, item),
        "body": item.body,
        "category": item.category.name,
        "kind": item.get_kind_display(),
        "keywords": item.keywords,
        "attachments": [
            {
                "name": a.original_name,
                "kind": a.get_kind_display(),
                "size": a.size,
                "url": absolute(request, a.get_absolute_url()),
            }
            for a in item.attachments.all()
        ],
    }


REPORTS_PER_PAGE = 50


def published_reports():
    """Annual reports whose figures staff confirmed against the published text."""
    return ImportedReport.objects.filter(status=ImportStatus.CONFIRMED).order_by(
        "-year", "reporting_body", "pk"
    )


def published_own_reports():
    """The reports this platform computed from its records and a leader published."""
    return AnnualReport.objects.filter(status=AnnualReportStatus.PUBLISHED).select_related(
        "organization"
    )


def report_row(request, report) -> dict:
    if isinstance(report, AnnualReport):
        return {
            "id": report.pk,
            "source": "computed",
            "reporting_body": report.organization.name,
            "year": report.year,
            "format": report.get_format_display(),
            "statistics_url": absolute(
                request, reverse("api:own_report_statistics", kwargs={"report_id": report.pk})
            ),
        }
    return {
        "id": report.pk,
        "source": "imported",
        "reporting_body": report.reporting_body,
        "year": report.year,
        "format": report.get_format_display(),
        "statistics_url": absolute(
            request, reverse("api:reports_statistics", kwargs={"report_id": report.pk})
        ),
    }


@router.get(
    "/reports",
    response={200: ReportPageOut, **REFUSALS},
    summary="已发布的年度报告（本平台编制的和导入确认的）",
    operation_id="reports_list",
    tags=["年度报告"],
)
def reports_list(
    request,
    year: int | None = Query(None, ge=2008, le=2100),
    page: int = Query(1, ge=1, le=10_000),
):
    own, imported = published_own_reports(), published_reports()
    if year is not None:
        own, imported = own.filter(year=year), imported.filter(year=year)
    # Reports are few (one per agency and year): the two lists are merged in order here.
    rows = list(own.only("pk", "organization__name", "year", "format")) + list(
        imported.only("pk", "reporting_body", "year", "format")
    )

    def order(report):
        body = (
            report.organization.name if isinstance(report, AnnualReport) else report.reporting_body
        )
        return (-(report.year or 0), body, isinstance(report, ImportedReport), report.pk)

    rows.sort(key=order)
    start = (page - 1) * REPORTS_PER_PAGE
    window = rows[start : start + REPORTS_PER_PAGE + 1]
    return {
        "reports": [report_row(request, r) for r in window[:REPORTS_PER_PAGE]],
        "page": page,
        "has_next": len(window) > REPORTS_PER_PAGE,
    }


@router.get(
    "/reports/computed/{report_id}/statistics",
    response={200: StatisticsOut, **REFUSALS},
    summary="本平台编制并发布的年度报告的统计数据（annual-stats 格式）",
    operation_id="own_report_statistics",
    url_name="own_report_statistics",
    tags=["年度报告"],
)
def own_report_statistics(request, report_id: int = Path(..., ge=1, le=MAX_ID)):
    report = published_own_reports().filter(pk=report_id).first()
    if report is None:
        raise ApiError(404, "not_found", "该年度报告不存在或尚未发布。")
    return {
        "id": report.pk,
        "reporting_body": report.organization.name,
        "year": report.year,
        "format": report.get_format_display(),
        "document": report.document,
    }


@router.get(
    "/reports/{report_id}/statistics",
    response={200: StatisticsOut, **REFUSALS},
    summary="年度报告的统计数据（annual-stats 格式）",
    operation_id="reports_statistics",
    url_name="reports_statistics",
    tags=["年度报告"],
)
def report_statistics(request, report_id: int = Path(..., ge=1, le=MAX_ID)):
    report = published_reports().filter(pk=report_id).first()
    if report is None:
        raise ApiError(404, "not_found", "该年度报告不存在或尚未确认发布。")
    return {
        "id": report.pk,
        "reporting_body": report.reporting_body,
        "year": report.year,
        "format": report.get_format_display(),
        "document": report.document,
    }
