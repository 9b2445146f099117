"""`gongkai remind` covers appeals' hearings and deadlines, once a day."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from gongkai.appeals import reminders
from gongkai.applications.models import Notification, NotificationKind

from .test_services import file


def test_a_coming_hearing_is_reminded_once_a_day(agency, clerk):
    # Today is 2026-12-15 (Tuesday); the hearing is on Thursday.
    file(agency, clerk, hearing_on=date(2026, 12, 17), case_number="(2026)沪0104行初1号")
    file(agency, clerk, hearing_on=date(2027, 2, 1))  # far away: not yet
    result = reminders.remind(within=3)
    assert result.notified_cases == 1
    note = Notification.objects.get()
    assert note.recipient == clerk and note.kind == NotificationKind.DUE_SOON
    assert "2026-12-17" in note.message and "上海市人民政府" in note.message
    assert reminders.remind(within=3).notified_cases == 0
    assert Notification.objects.count() == 1


def test_a_missed_deadline_is_flagged_overdue(agency, clerk):
    file(agency, clerk, filed_on=date(2026, 11, 2), deadline_on=date(2026, 11, 12))
    reminders.remind()
    note = Notification.objects.get()
    assert note.kind == NotificationKind.OVERDUE and "2026-11-12 已过" in note.message


def test_the_daily_command_includes_appeals(agency, clerk):
    file(agency, clerk, deadline_on=date(2026, 12, 16))
    out = StringIO()
    call_command("remind", stdout=out)
    assert "复议诉讼：提醒 1 件" in out.getvalue()
    assert Notification.objects.filter(recipient=clerk).count() == 1


def test_a_decided_case_is_not_reminded(agency, clerk):
    from gongkai.appeals import services
    from gongkai.appeals.models import AppealResult

    appeal = file(agency, clerk, deadline_on=date(2026, 12, 16))
    services.appeal_decide(
        appeal=appeal, actor=clerk, result=AppealResult.OTHER, decided_on=date(2026, 12, 14)
    )
    assert reminders.remind().notified_cases == 0
