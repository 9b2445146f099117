"""What the channels app's audit entries are called (see accounts/audit_names.py)."""

from .models import Platform

ACTIONS = {
    "channels.service_figures_save": "录入热线和大厅数据",
    "channels.press_conference_add": "登记新闻发布会",
    "channels.press_conference_remove": "删除新闻发布会",
    "channels.media_account_add": "新增政务新媒体账号",
    "channels.media_months_save": "录入政务新媒体月度数据",
}

FIELDS = {
    "year": "年度",
    "held_on": "举办日期",
    "title": "标题",
    "platform": "平台",
    "name": "名称",
}

VALUES = {"platform": dict(Platform.choices)}
