"""The 依申请公开 block on the portal home page: where to apply and where to follow a case."""

from django.urls import reverse


def blocks() -> list[dict]:
    return [
        {
            "title": "依申请公开",
            "items": [
                {"title": "在线提交政府信息公开申请", "url": reverse("applications:apply")},
                {"title": "查询申请办理进度", "url": reverse("applications:apply_status")},
            ],
            "text": "公民、法人和其他组织可以向本机关申请获取政府信息。本机关自收到申请之日起"
            "20个工作日内答复；需要延长答复期限的，延长期限最长不超过20个工作日。",
        }
    ]
