"""What the appeals app's audit entries are called (see accounts/audit_names.py)."""

ACTIONS = {
    "appeals.file": "登记行政复议或行政诉讼",
    "appeals.schedule": "修改复议诉讼日期",
    "appeals.document": "上传复议诉讼文书",
    "appeals.decide": "登记复议诉讼结果",
}

FIELDS = {"application": "所涉申请", "title": "文书名称"}
