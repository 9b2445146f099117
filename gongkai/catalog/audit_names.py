"""What the catalog's audit entries are called (see accounts/audit_names.py)."""

from gongkai.accounts.audit_links import permitted_links

from .models import Item
from .permissions import can_see

ACTIONS = {
    "catalog.item_create": "新建公开事项草稿",
    "catalog.item_update": "修改公开事项草稿",
    "catalog.attachment_add": "添加附件",
    "catalog.attachment_remove": "删除附件",
    "catalog.item_submit": "提交审核",
    "catalog.item_approve": "审核通过",
    "catalog.item_approve_by_author": "拟稿人具有该环节权限，视为审核通过",
    "catalog.item_return": "退回修改",
    "catalog.item_publish": "发布公开",
    "catalog.item_withdraw": "撤回公开",
    "catalog.item_set_validity": "变更效力状态",
    "catalog.item_correct": "更正已公开信息（已生效）",
    "catalog.revision_propose": "提出更正",
    "catalog.revision_approve": "审核同意更正",
    "catalog.revision_approve_by_proposer": "提出人具有该环节权限，视为同意更正",
    "catalog.revision_return": "退回更正",
    "catalog.correction_policy_save": "设置可走简易程序的字段",
    "catalog.guide_save": "修改政府信息公开指南",
    "catalog.review_chain_save": "修改审核流程",
    "catalog.review_chain_reset": "恢复默认审核流程",
    "catalog.topic_add": "新增主题分类",
    "catalog.topic_rename": "重命名主题分类",
    "catalog.topic_set_active": "启用或停用主题分类",
    "catalog.topic_delete": "删除主题分类",
    "catalog.category_add": "新增信息类别",
    "catalog.category_rename": "重命名信息类别",
    "catalog.category_set_active": "启用或停用信息类别",
    "catalog.category_delete": "删除信息类别",
}

FIELDS = {
    "file": "附件",
    "round": "送审轮次",
    "stage": "审核环节",
    "index_no": "索引号",
    "reason": "理由",
    "length": "正文字数",
    "before": "修改前",
    "after": "修改后",
    "code": "代码",
    "is_active": "启用",
    "path": "更正程序",
    "opinion": "意见",
    "fields": "字段",
    "clerical_fields": "简易程序字段",
}


def links(object_type: str, object_ids, user) -> dict[str, str]:
    """Links to the items among `object_ids` that `user` may see (one query for a page)."""
    if object_type != "catalog.item":
        return {}
    return permitted_links(
        Item, object_ids, lambda item: can_see(user, item), "catalog:staff_detail"
    )
