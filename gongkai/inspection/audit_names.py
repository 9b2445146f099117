"""What the inspection app's audit entries are called (see accounts/audit_names.py)."""

ACTIONS = {
    "inspection.finding_decide": "处理内容检查发现",
    "inspection.term_add": "新增检查词条",
    "inspection.term_delete": "删除检查词条",
}

FIELDS = {"finding": "发现", "finding_status": "处理状态", "text": "词条"}
