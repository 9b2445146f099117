"""The 建议提案 column on the portal home page: the latest published replies."""

from django.urls import reverse

from . import selectors


def blocks() -> list[dict]:
    latest = selectors.published()[:5]
    return [
        {
            "title": "建议提案答复",
            "items": [
                {
                    "title": f"关于{p.get_kind_display()}{p.number}“{p.title}”的答复",
                    "url": reverse("proposals:public_detail", args=[p.pk]),
                    "date": p.replied_on,
                }
                for p in latest
            ],
            "empty": "暂无公开的答复。",
            "more_url": reverse("proposals:public_list"),
        }
    ]
