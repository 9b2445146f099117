"""What the reports app's audit entries are called (see accounts/audit_names.py)."""

ACTIONS = {
    "reports.import": "导入年度报告",
    "reports.import_confirm": "确认导入的年度报告",
    "reports.import_supersede": "以新导入的年度报告替代旧版",
    "reports.annual_create": "新建本机关年度报告",
    "reports.annual_edit": "修改年度报告文字或填报数据",
    "reports.annual_recompute": "按记录重新计算年度报告",
    "reports.annual_publish": "发布年度报告",
}

FIELDS = {
    "source": "来源",
    "format": "格式",
    "statistics": "读出的数据项数",
    "by": "替代它的导入记录",
    "reporting_body": "报告机关",
    "year": "年度",
    "doubts": "存疑的数据项数",
    "subtree": "含下级机构",
    "violations": "勾稽问题数",
    "override_reason": "带问题发布的理由",
    "section": "章节",
    "sections": "章节",
    "entered": "填报数据",
}

# Keys whose value is the id of a record (shown by the record's name).
REFERENCES = {"by": "reports.importedreport"}


def field_label(key: str) -> str | None:
    """A confirmed import's changes are keyed by statistic paths: their labels as printed."""
    from .statistics import FIELDS_BY_PATH

    field = FIELDS_BY_PATH.get(key)
    return field.label if field else None


def link(object_type: str, object_id: str, user) -> str | None:
    from django.urls import reverse

    from gongkai.accounts.permissions import Action, can

    if object_type == "reports.importedreport" and can(user, Action.REPORT_IMPORT):
        return reverse("reports:import_review", args=[object_id])
    return None
