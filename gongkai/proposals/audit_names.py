"""What the proposals app's audit entries are called (see accounts/audit_names.py)."""

ACTIONS = {
    "proposals.register": "登记建议提案",
    "proposals.reply": "登记建议提案答复",
    "proposals.publish": "公开建议提案答复",
    "proposals.withhold": "建议提案答复不公开",
}

FIELDS = {"reason": "理由"}
