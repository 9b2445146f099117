"""The catalog's block on the portal home page: the latest published items."""

from django.urls import reverse

from . import selectors


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
        }
    ]
