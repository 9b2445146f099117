"""`gongkai remind` covers replies to suggestions and proposals due soon."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from gongkai.applications.models import Notification, NotificationKind
from gongkai.proposals import reminders, services

from .test_services import register


def test_a_reply_due_soon_is_reminded_once_a_day(agency, clerk):
    register(agency, clerk, title="关于规范公证收费的建议", due_on=date(2026, 12, 17))
    register(agency, clerk, due_on=date(2027, 3, 1))  # not yet
    assert reminders.remind().notified == 1
    note = Notification.objects.get()
    assert note.recipient == clerk and note.kind == NotificationKind.DUE_SOON
    assert "关于规范公证收费的建议" in note.message and "2026-12-17" in note.message
    assert reminders.remind().notified == 0


def test_an_overdue_reply_is_flagged_and_an_answered_one_is_not(agency, clerk):
    register(agency, clerk, due_on=date(2026, 12, 1))
    answered = register(agency, clerk, due_on=date(2026, 12, 2))
    services.proposal_reply(
        proposal=answered, actor=clerk, reply="答复", replied_on=date(2026, 12, 1)
    )
    out = StringIO()
    call_command("remind", stdout=out)
    assert "建议提案：提醒 1 件" in out.getvalue()
    assert Notification.objects.get().kind == NotificationKind.OVERDUE
