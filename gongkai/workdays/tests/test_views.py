"""The office sees the calendar, computes a deadline, and an administrator enters a new year."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.lib import workdays
from gongkai.workdays.models import OfficialYear

SCHEDULE_2027 = """
2027-01-01 放假 元旦
2027-02-05 放假 春节
2027-02-06 放假 春节
2027-02-07 放假 春节
2027-02-08 放假 春节
2027-02-09 放假 春节
2027-02-10 放假 春节
2027-02-11 放假 春节
2027-02-13 上班 春节
"""


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 11, 27), tick=False):
        yield


def test_a_clerk_computes_twenty_working_days_across_national_day(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("workdays:calendar"), {"start": "2026-09-25", "n": "20"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "是 <strong>2026-10-29</strong>" in text
    assert "国庆" in text


def test_a_year_without_a_schedule_is_flagged_and_a_clerk_cannot_enter_it(client, clerk):
    client.force_login(clerk)
    text = client.get(reverse("workdays:calendar"), {"year": "2027"}).content.decode()
    assert "尚无2027年的官方安排" in text
    assert "录入2027年安排" not in text
    assert client.get(reverse("workdays:edit", args=[2027])).status_code == 403


def test_an_administrator_enters_2027_and_deadlines_follow_it(client, admin_user):
    client.force_login(admin_user)
    before = workdays.add_workdays(date(2027, 2, 3), 3)
    response = client.post(
        reverse("workdays:edit", args=[2027]),
        {"notice": "国务院办公厅关于2027年部分节假日安排的通知", "schedule": SCHEDULE_2027},
    )
    assert response.status_code == 302
    after = workdays.add_workdays(date(2027, 2, 3), 3)
    assert before == date(2027, 2, 8)  # Monday to Friday only, before the entry
    assert after == date(2027, 2, 13)  # 2/4, 2/12, then the make-up Saturday 2/13
    assert AuditEntry.objects.filter(action="workdays.official_year_replace").exists()
    text = client.get(reverse("workdays:calendar"), {"year": "2027"}).content.decode()
    assert "调休上班" in text and "国务院办公厅关于2027年" in text


def test_a_bad_schedule_line_is_refused_with_its_line_number(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("workdays:edit", args=[2027]),
        {
            "notice": "通知",
            "schedule": "2027-01-01 放假 元旦\n2027-13-01 放假 春节\n2026-10-01 放假 国庆",
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "第2行的日期无法识别" in text
    assert "不在2027年" in text
    assert not workdays.current_calendar().covers(2027)


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("9999-12-20", "起算日期不能晚于 2100-12-31。"),
        ("2101-01-01", "起算日期不能晚于 2100-12-31。"),
        ("2003-12-31", "起算日期不能早于 2004-01-01。"),
        ("0001-01-01", "起算日期不能早于 2004-01-01。"),
    ],
)
def test_the_calculator_refuses_a_start_outside_2004_to_2100_in_chinese(
    client, clerk, start, message
):
    client.force_login(clerk)
    page = client.get(reverse("workdays:calendar"), {"start": start, "n": "20"})
    assert page.status_code == 400
    assert page.context["calculator"].errors["start"] == [message]
    assert message in page.content.decode()
    assert page.context["result"] is None


def test_the_calculator_reports_a_count_beyond_the_calendar_as_a_form_error(
    client, clerk, monkeypatch
):
    from gongkai.workdays import forms

    monkeypatch.setattr(forms, "LAST_START", date(9999, 12, 31))
    client.force_login(clerk)
    page = client.get(reverse("workdays:calendar"), {"start": "9999-12-20", "n": "20"})
    assert page.status_code == 400
    assert "超出可计算的范围" in page.content.decode()


def test_the_command_reports_a_count_beyond_the_calendar_without_a_traceback(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="超出可计算的范围"):
        call_command("workdays", "add", "9999-12-20", "20")


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ("2027-02-08 上班 春节", "2027-02-08 是星期一，本来就要上班"),
        ("2027-02-06 上班 春节", "2027年的安排里没有一天放假"),
    ],
)
def test_a_schedule_that_cannot_be_the_official_one_is_refused(
    client, admin_user, schedule, message
):
    client.force_login(admin_user)
    response = client.post(
        reverse("workdays:edit", args=[2027]),
        {"notice": "国办发明电〔2026〕7号", "schedule": schedule},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not OfficialYear.objects.filter(year=2027).exists()
