"""The two columns on the portal home page."""

from django.urls import reverse

from . import selectors


def blocks() -> list[dict]:
    guides = selectors.published_guides()[:6]
    powers = selectors.published_powers()
    return [
        {
            "title": "办事指南",
            "text": "办理条件、申请材料、办理流程一目了然。",
            "items": [{"title": g.item.title, "url": g.get_absolute_url()} for g in guides],
            "more_url": reverse("guides:list"),
            "empty": "暂无已公开的办事指南。",
        },
        {
            "title": "权责清单",
            "text": f"本机关行使的行政权力共 {powers.count()} 项，按类型查阅。",
            "items": [
                {
                    "title": f"{t['label']}（{t['count']}项）",
                    "url": reverse("guides:powers") + f"?type={t['value']}",
                }
                for t in selectors.power_type_counts()
            ],
            "more_url": reverse("guides:powers"),
            "empty": "暂无已公开的权责清单。",
        },
    ]
