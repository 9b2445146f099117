"""What the applications app's audit entries are called (see accounts/audit_names.py)."""

from gongkai.accounts.audit_links import permitted_links

from .models import ConsultationParty, Delivery, EventKind

# Each transition writes "applications.<event kind>".
ACTIONS = {f"applications.{kind.value}": f"依申请公开：{kind.label}" for kind in EventKind}
ACTIONS["applications.intake"] = "登记政府信息公开申请"
ACTIONS["applications.lookup"] = "申请人查询办理状态"
ACTIONS["applications.provide_files"] = "依申请公开：上传提供的政府信息"
ACTIONS["applications.query_code_resent"] = "向申请人重新发送查询码"
ACTIONS["applications.signoff_chain_save"] = "修改依申请公开签发流程"
ACTIONS["applications.signoff_chain_reset"] = "恢复默认签发流程"
ACTIONS["applications.set_topic"] = "设置申请内容主题"
ACTIONS["applications.release"] = "依申请公开的信息转为主动公开"
ACTIONS["applications.fee_setting"] = "修改信息处理费设置"
ACTIONS["applications.personal_data_revealed"] = "查看申请人完整个人信息"
ACTIONS["applications.personal_data_purged"] = "删除已归档申请的申请人个人信息"

FIELDS = {
    "on": "日期",
    "items": "补正事项",
    "correct_by": "补正期限",
    "note": "备注",
    "party": "征求意见对象类别",
    "party_label": "征求意见对象",
    "party_name": "征求意见对象名称",
    "party_received_on": "对方收到日期",
    "response_due": "答复期限",
    "result": "结果",
    "days": "延长工作日数",
    "reason": "理由",
    "approver_name": "批准人",
    "summary": "答复要点",
    "method": "送达方式",
    "tracking": "邮件单号",
    "assignee": "承办人",
    "previous": "原承办人",
    "from": "原机关",
    "to": "转交至",
    "files": "文件",
    "fields": "查看的信息",
    "fee_method": "计收方式",
    "item": "主动公开信息",
    "applications": "关联申请",
    "amount": "金额（元）",
    "pay_by": "缴费期限",
    "lines": "计算明细",
    "receipt_number": "缴费票据号",
    "enabled": "信息处理费",
    "outcome": "办理结果",
    "archived_before": "归档早于",
    "cases": "件数",
    "stage": "审核环节",
    "round": "轮次",
    "comment": "意见",
    "draft_outcome": "拟答复结果",
    "requested_days": "申请延长工作日数",
    "legal_basis": "法律依据",
    "provided": "提供的信息",
    "access": "获取方式",
    "other_agency": "负责公开的机关",
    "other_agency_contact": "该机关联系方式",
    "signed_by": "签发人",
    "appeal": "复议诉讼",
    "signoff_label": "审核事项",
    "channel_label": "提交方式",
    "text": "补正内容",
    "attachments": "附件数",
}

VALUES = {"party": dict(ConsultationParty.choices), "method": dict(Delivery.choices)}


def links(object_type: str, object_ids, user) -> dict[str, str]:
    """Links to the cases among `object_ids` that `user` may see (one query for a page)."""
    if object_type != "applications.application":
        return {}
    from .models import Application
    from .permissions import can_view

    return permitted_links(
        Application, object_ids, lambda app: can_view(user, app), "applications:detail"
    )
