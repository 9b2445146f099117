"""The 咨询 block on the portal home page: the latest public Q&A and where to ask."""

from django.urls import reverse

from . import selectors


def blocks() -> list[dict]:
    latest = selectors.published()[:5]
    listing = reverse("consultations:public_list")
    return [
        {
            "title": "咨询问答",
            "text": "政府信息公开方面的常见问题及答复，可检索；没有找到答案的可以在线提问。",
            "items": [
                # The newest pairs open the first page of the list: each links to its own.
                {"title": qa.public_question[:60], "url": f"{listing}#qa-{qa.pk}"}
                for qa in latest
            ]
            + [{"title": "在线咨询", "url": reverse("consultations:ask")}],
            "more_url": listing,
        }
    ]
