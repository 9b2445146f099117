"""Open data: the catalog's metadata per organization and year as CSV and JSON, streamed row by
row (a million items are never held in memory), with a documented, versioned schema."""

import csv
import json

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.catalog import selectors
from gongkai.catalog.models import ItemKind, Validity
from gongkai.reports import statistics

from .public import published_own_reports, published_reports

SCHEMA_VERSION = "1.0"
CHUNK = 2000

# (column, source in the query, JSON type, description): the one definition the CSV header, the
# JSON rows, the JSON Schema and the documentation page are all made from.
COLUMNS = (
    ("id", "pk", "integer", "信息编号（网站内唯一，稳定不变）"),
    ("index_no", "index_no", "string", "索引号"),
    ("title", "title", "string", "名称"),
    ("summary", "summary", "string", "内容概述"),
    ("doc_number", "doc_number", "string", "文号"),
    ("written_on", "written_on", "string", "成文日期（YYYY-MM-DD）"),
    ("published_at", "published_at", "string", "发布时间（ISO 8601，北京时间）"),
    ("organization_code", "organization__code", "string", "发布机构代码"),
    ("organization", "organization__name", "string", "发布机构名称"),
    ("topic", "topic__name", "string", "主题分类"),
    ("category", "category__name", "string", "信息类别"),
    ("kind", "kind", "string", "体裁：" + "、".join(ItemKind.labels)),
    ("validity", "validity", "string", "有效性：" + "、".join(Validity.labels)),
    ("keywords", "keywords", "string", "主题词"),
    ("url", None, "string", "信息页面地址"),
)
_LABELS = {"kind": dict(ItemKind.choices), "validity": dict(Validity.choices)}
MAX_YEAR_SPAN = (1990, 2100)


def _rows(request, organization: Organization, year: int):
    """Each published item of the year as a dict of the schema's columns, read in chunks."""
    sources = [source for _, source, _, _ in COLUMNS if source]
    items = (
        selectors.published_items(organization=organization, year=year)
        .order_by("published_at", "pk")
        .values_list(*sources)
    )
    item_url = request.build_absolute_uri(reverse("catalog:item", args=[0])).rsplit("/0/", 1)[0]
    for values in items.iterator(chunk_size=CHUNK):
        row = dict(zip((name for name, source, _, _ in COLUMNS if source), values, strict=True))
        for key, labels in _LABELS.items():
            row[key] = labels.get(row[key], row[key])
        row["written_on"] = row["written_on"].isoformat()
        row["published_at"] = timezone.localtime(row["published_at"]).isoformat()
        row["index_no"] = row["index_no"] or ""
        row["url"] = f"{item_url}/{row['id']}/"
        yield row


def _scope(code: str, year: int) -> Organization | None:
    if not MAX_YEAR_SPAN[0] <= year <= MAX_YEAR_SPAN[1]:
        return None
    return get_object_or_404(Organization, code=code)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer feeds the stream."""

    def write(self, value):
        return value


def items_csv(request, code: str, year: int):
    organization = _scope(code, year)
    if organization is None:
        return HttpResponse("年度超出范围。", status=400, content_type="text/plain; charset=utf-8")
    writer = csv.writer(_Echo())
    names = [name for name, _, _, _ in COLUMNS]

    def lines():
        # A BOM first: Excel, which most readers open it with, then reads it as UTF-8.
        yield "\ufeff" + writer.writerow(names)
        for row in _rows(request, organization, year):
            yield writer.writerow([row[name] for name in names])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="items-{code}-{year}.csv"'
    return response


def items_json(request, code: str, year: int):
    organization = _scope(code, year)
    if organization is None:
        return JsonResponse(
            {"error": {"code": "invalid_year", "message": "年度超出范围。"}}, status=400
        )

    def chunks():
        head = {
            "schema": request.build_absolute_uri(reverse("opendata:items_schema")),
            "schema_version": SCHEMA_VERSION,
            "organization": {"code": organization.code, "name": organization.name},
            "year": year,
        }
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "items": ['
        for n, row in enumerate(_rows(request, organization, year)):
            yield ("," if n else "") + json.dumps(row, ensure_ascii=False)
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="items-{code}-{year}.json"'
    return response


def items_schema(request):
    """JSON Schema (draft 2020-12) of the JSON download."""
    item = {
        "type": "object",
        "required": [name for name, _, _, _ in COLUMNS],
        "additionalProperties": False,
        "properties": {
            name: {"type": kind, "description": text} for name, _, kind, text in COLUMNS
        },
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "主动公开目录元数据",
        "description": f"按机构和年度下载的主动公开信息目录（第 {SCHEMA_VERSION} 版）。",
        "type": "object",
        "required": ["schema", "schema_version", "organization", "year", "items"],
        "properties": {
            "schema": {"type": "string"},
            "schema_version": {"const": SCHEMA_VERSION},
            "organization": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            },
            "year": {"type": "integer"},
            "items": {"type": "array", "items": item},
        },
    }
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})


def report_statistics(request, pk: int):
    """A published report's statistics document as it is (gongkai/annual-stats@1)."""
    report = get_object_or_404(published_reports(), pk=pk)
    response = JsonResponse(report.document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"annual-stats-{report.pk}-{report.year or 'unknown'}.json"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def own_report_statistics(request, pk: int):
    """The statistics document of a report this platform computed and a leader published."""
    report = get_object_or_404(published_own_reports(), pk=pk)
    response = JsonResponse(report.document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"annual-stats-{report.organization.code}-{report.year}.json"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def statistics_dictionary(request):
    """Every statistic a statistics document may hold: its dotted path, Chinese label and type.
    A statistic a report does not contain is absent from its document, never 0 or null."""
    return JsonResponse(
        {
            "schema": statistics.SCHEMA,
            "description": "年度报告统计数据的字段字典：路径以点分隔，缺少的统计项不出现（不是 0）。",
            "fields": [
                {
                    "path": field.path,
                    "label": field.label,
                    "type": "number" if field.decimal else "integer",
                    "may_be_negative": field.signed,
                }
                for field in statistics.FIELDS
            ],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


def index(request):
    """The open-data page: what can be downloaded, in which schema, and the feeds."""
    organizations = list(selectors.publishing_organizations())
    years = selectors.publication_years()
    return render(
        request,
        "api/opendata.html",
        {
            "organizations": organizations,
            "years": years,
            "columns": COLUMNS,
            "schema_version": SCHEMA_VERSION,
            "reports": published_reports()[:50],
            "own_reports": published_own_reports().order_by("-year", "organization__name")[:50],
            "statistics_schema": statistics.SCHEMA,
        },
    )
