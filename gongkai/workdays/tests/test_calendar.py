from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from gongkai.lib import workdays
from gongkai.workdays import services
from gongkai.workdays.checks import calendar_covers_coming_deadlines
from gongkai.workdays.models import DayKind, OfficialYear

SCHEDULE_2027 = """
# 国务院办公厅关于2027年部分节假日安排的通知（演示数据）
2027-01-01 放假 元旦
2027-01-02 放假 元旦
2027-01-03 放假 元旦
2027-02-06 放假 春节
2027-02-07 放假 春节
2027-02-08 放假 春节
2027-02-09 放假 春节
2027-02-10 放假 春节
2027-02-11 放假 春节
2027-02-12 放假 春节
2027-02-13 上班 春节
"""


def run(*args) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_add_command_prints_the_iso_date_twenty_working_days_later(db):
    assert run("add", "2026-09-25", "20") == "2026-10-29\n"


def test_the_add_command_explains_the_holidays_crossed(db):
    printed = run("add", "2026-09-25", "20", "--explain")
    assert "国庆节放假 7 天" in printed and "2026-10-10（星期六）国庆节调休上班" in printed


def test_the_add_command_refuses_a_malformed_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("add", "2026/09/25", "20")


def test_the_show_command_lists_a_year_and_says_when_there_is_no_schedule(db):
    assert "2026-02-15 至 2026-02-23 春节放假 9 天" in run("show", "2026")
    assert "尚无官方节假日安排" in run("show", "2027")


def test_an_imported_year_overrides_the_weekday_rule(db, tmp_path):
    path = tmp_path / "2027.txt"
    path.write_text(SCHEDULE_2027, encoding="utf-8")
    assert workdays.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 1)
    printed = run("import", "2027", str(path), "--notice", "国办发明电〔2026〕7号")
    assert "放假 10 天，调休上班 1 天" in printed
    assert workdays.current_calendar().covers(2027)
    assert workdays.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert workdays.is_workday(date(2027, 2, 13))
    assert run("add", "2027-02-05", "1") == "2027-02-13\n"
    # Importing again replaces the year instead of adding to it.
    services.official_year_replace(
        year=2027, notice="更正", days=[(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    )
    assert OfficialYear.objects.get(year=2027).days.count() == 1
    assert workdays.is_workday(date(2027, 2, 8))


def test_an_office_entry_for_a_covered_year_replaces_the_package_data(db):
    services.official_year_replace(
        year=2026, notice="测试更正", days=[(date(2026, 10, 1), DayKind.HOLIDAY, "国庆节")]
    )
    assert workdays.is_workday(date(2026, 10, 2))
    services.official_year_delete(year=2026)
    assert not workdays.is_workday(date(2026, 10, 2))


def test_a_schedule_file_with_mistakes_is_refused_line_by_line(db):
    text = "2027-01-01 放假 元旦\n2026-12-31 放假 元旦\n2027-13-01 放假 元旦\n2027-01-02 休息\n2027-01-03 补班 元旦\n2027-01-01 放假 元旦"
    with pytest.raises(ValidationError) as caught:
        services.parse_schedule(text, 2027)
    messages = caught.value.messages
    assert messages == [
        "第2行的日期 2026-12-31 不在2027年",
        "第3行的日期无法识别：2027-13-01",
        "第4行应为“日期 放假|上班 节日名”：2027-01-02 休息",
        "第5行的类型应为“放假”或“上班”：补班",
        "第6行的日期 2027-01-01 重复",
    ]
    assert not OfficialYear.objects.exists()


@time_machine.travel(date(2026, 11, 20), tick=False)
def test_the_system_check_warns_when_deadlines_reach_a_year_without_a_schedule(db):
    warnings = calendar_covers_coming_deadlines(databases=["default"])
    assert [w.id for w in warnings] == ["gongkai.workdays.W001"]
    assert "2027年" in warnings[0].msg
    services.official_year_replace(
        year=2027, notice="通知", days=[(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    )
    assert calendar_covers_coming_deadlines(databases=["default"]) == []


@time_machine.travel(date(2026, 3, 1), tick=False)
def test_the_system_check_is_quiet_in_a_covered_season(db):
    assert calendar_covers_coming_deadlines(databases=["default"]) == []


@time_machine.travel(date(2026, 11, 20), tick=False)
def test_the_dashboard_warns_staff_about_a_missing_year(clerk, outsider):
    from gongkai.workdays.dashboard import counters

    assert [c["label"][:11] for c in counters(clerk)] == ["2027年节假日安排："]
    services.official_year_replace(
        year=2027, notice="通知", days=[(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    )
    assert counters(clerk) == []
