"""What the consultations app's audit entries are called (see accounts/audit_names.py)."""

ACTIONS = {
    "consultations.log": "登记政府信息公开咨询",
    "consultations.ask": "公众网上提问",
    "consultations.answer": "答复咨询",
    "consultations.publish": "公开咨询问答",
    "consultations.unpublish": "撤下公开的咨询问答",
}
