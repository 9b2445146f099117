"""System check: warn when deadlines will soon run into a year with no official schedule."""

from datetime import timedelta

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils import timezone

from gongkai.lib import workdays

# Deadlines reach this far ahead (20 + 20 working days plus pauses, about a quarter).
HORIZON_DAYS = 100


# Tagged `database` because it reads the office's table: Django runs it on `migrate` (so
# `make run` shows it) and on `check --database default`, not on every command. The staff
# dashboard shows the same warning (workdays/dashboard.py).
@register(Tags.database)
def calendar_covers_coming_deadlines(app_configs=None, databases=None, **kwargs):
    from . import calendar

    if databases is None:
        return []

    today = timezone.localdate()
    try:
        cal = calendar.load()
    except DatabaseError:
        cal = workdays.package_calendar()
    missing = workdays.uncovered_years(today, today + timedelta(days=HORIZON_DAYS), cal)
    return [
        Warning(
            f"{year}年的法定节假日安排尚未录入，期限暂按“周一至周五为工作日”计算。",
            hint=(
                f"国务院办公厅公布{year}年节假日安排后，用 `gongkai workdays import {year} 文件` "
                "录入（每行：日期 放假|上班 节日名），或升级 chinese-calendar。"
            ),
            id="gongkai.workdays.W001",
        )
        for year in missing
    ]
