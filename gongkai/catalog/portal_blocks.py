"""The catalog's blocks on the portal home page: the latest items and the annual reports."""

from django.urls import reverse

from . import selectors
from .models import ItemKind


def blocks() -> list[dict]:
    items = selectors.latest_items(8)
    return [
        {
            "title": "最新公开信息",
            "items": [
                {"title": item.title, "url": item.get_absolute_url(), "date": item.published_at}
                for item in items
            ],
            "more_url": reverse("catalog:browse"),
            "empty": "暂无已发布的信息。",
        },
        {
            "title": "年度报告",
            "items": [
                {"title": item.title, "url": item.get_absolute_url(), "date": item.published_at}
                for item in selectors.published_items(kind=ItemKind.ANNUAL_REPORT)[:5]
            ],
            "more_url": reverse("catalog:annual_reports"),
            "empty": "暂无年度报告。",
        },
    ]
