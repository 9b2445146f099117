"""What the workdays app's audit entries are called (see accounts/audit_names.py)."""

from .models import DayKind

ACTIONS = {
    "workdays.official_year_replace": "录入全年节假日安排",
    "workdays.official_year_delete": "删除全年节假日安排",
}

FIELDS = {"notice": "依据的通知", "days": "日期", "year": "年度"}

VALUES = {"days": dict(DayKind.choices)}
