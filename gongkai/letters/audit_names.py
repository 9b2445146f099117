"""What the letters app's audit entries are called (see accounts/audit_names.py)."""

from gongkai.applications.outcomes import Outcome

from .models import LetterKind, ServiceMethod

ACTIONS = {
    "letters.settings": "修改文书设置（复议机关、文号格式）",
    "letters.template": "修改文书模板",
    "letters.template_reset": "恢复默认文书模板",
    "letters.correct": "重新生成文书（更正）",
    "letters.serve": "登记文书送达",
}

FIELDS = {
    "review_body": "行政复议机关",
    "patterns": "文号格式",
    "kind": "文书种类",
    "variant": "适用的办理结果",
    "old": "原文号",
    "new": "新文号",
    "reason": "理由",
    "letter": "文号",
    "method": "送达方式",
    "on": "日期",
}

VALUES = {
    "kind": dict(LetterKind.choices),
    "variant": dict(Outcome.choices),
    "method": dict(ServiceMethod.choices),
}
