"""What the guides app's audit entries are called (see accounts/audit_names.py)."""

from .models import PowerType

ACTIONS = {
    "guides.service_guide_create": "新建办事指南",
    "guides.service_guide_update": "修改办事指南",
    "guides.power_create": "新建权责清单事项",
    "guides.power_update": "修改权责清单事项",
    "guides.service_guide_correct": "提出办事指南更正（待审核）",
    "guides.power_correct": "提出权责清单事项更正（待审核）",
}

FIELDS = {
    "reason": "更正原因",
    "materials": "申请材料数",
    "flowchart": "有流程图",
    "power_type": "权力类型",
}

VALUES = {"power_type": dict(PowerType.choices)}
