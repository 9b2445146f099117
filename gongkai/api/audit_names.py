"""What the api app's audit entries are called (see accounts/audit_names.py)."""

from django.urls import reverse

ACTIONS = {
    "api.token_create": "创建接口令牌",
    "api.token_revoke": "吊销接口令牌",
    "api.application_submit": "通过开放接口提交政府信息公开申请",
}

FIELDS = {
    "name": "用途说明",
    "prefix": "令牌前缀",
    "tracking_number": "申请编号",
}

VALUES: dict = {}


def link(object_type: str, object_id: str, user) -> str | None:
    if object_type == "api.apitoken":
        return reverse("api_pages:tokens")
    return None
