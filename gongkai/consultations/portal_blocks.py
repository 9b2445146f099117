"""The 咨询 block on the portal home page: the latest public Q&A and where to ask."""

from django.urls import reverse

from . import selectors


def blocks() -> list[dict]:
    latest = selectors.published()[:5]
    return [
        {
            "title": "咨询问答",
            "text": "政府信息公开方面的常见问题及答复，可检索；没有找到答案的可以在线提问。",
            "items": [
                {"title": qa.public_question[:60], "url": reverse("consultations:public_list")}
                for qa in latest
            ]
            + [{"title": "在线咨询", "url": reverse("consultations:ask")}],
            "more_url": reverse("consultations:public_list"),
        }
    ]
