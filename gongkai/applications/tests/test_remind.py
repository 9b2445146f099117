"""`gongkai remind`: due-soon and overdue notices, once a day however often it runs."""

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from gongkai.applications import services
from gongkai.applications.models import Application, Notification
from gongkai.applications.notifications import remind


def test_it_notifies_the_assignee_of_cases_due_soon_and_flags_overdue_ones(
    make_application, handler, clerk, django_capture_on_commit_callbacks
):
    clerk.email = "clerk@example.gov.cn"
    clerk.save()
    late = make_application(received_on=date(2026, 11, 2))  # due 11-30
    soon = make_application(received_on=date(2026, 11, 20))  # due 12-18
    make_application(received_on=date(2026, 12, 14))  # due 2027: not yet
    for app in (late, soon):
        services.application_assign(application=app, actor=handler, assignee=clerk)
    Notification.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = remind(within=3)
    assert (result.notified_cases, result.overdue, result.notifications) == (2, 1, 2)
    notes = {n.application_id: n for n in Notification.objects.filter(recipient=clerk)}
    assert notes[late.pk].kind == "overdue" and "超期 11 个工作日" in notes[late.pk].message
    assert notes[soon.pk].kind == "due_soon" and "2026-12-18" in notes[soon.pk].message
    assert len(mail.outbox) == 2 and mail.outbox[0].to == ["clerk@example.gov.cn"]


def test_running_it_twice_the_same_day_notifies_once(make_application, handler, clerk):
    app = make_application(received_on=date(2026, 11, 2))
    services.application_assign(application=app, actor=handler, assignee=clerk)
    remind()
    again = remind()
    assert again.notified_cases == 0
    assert Notification.objects.filter(kind="overdue").count() == 1
    Application.objects.filter(pk=app.pk).update(reminded_on=date(2026, 12, 14))
    assert remind().notified_cases == 1  # a new day brings a new notice


def test_unassigned_cases_go_to_those_who_may_assign(
    make_application, division_head, leader, clerk
):
    make_application(received_on=date(2026, 11, 2))
    remind()
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"chief", "leader"}
    assert "尚未分配承办人" in Notification.objects.first().message


def test_paused_and_closed_cases_are_left_alone(make_application, handler):
    waiting = make_application(received_on=date(2026, 11, 2))
    services.application_accept(application=waiting, actor=handler, on=date(2026, 11, 3))
    services.application_request_correction(
        application=waiting,
        actor=handler,
        on=date(2026, 11, 4),
        items="补充",
        correct_by=date(2026, 12, 4),
    )
    done = make_application(received_on=date(2026, 11, 2))
    services.application_accept(application=done, actor=handler, on=date(2026, 11, 3))
    services.application_reply(
        application=done, actor=handler, on=date(2026, 11, 5), outcome="disclosed"
    )
    assert remind().notified_cases == 0


def test_the_command_prints_a_summary(make_application, handler):
    make_application(received_on=date(2026, 11, 2))
    out = StringIO()
    call_command("remind", stdout=out)
    assert "提醒 1 件（其中超期 1 件）" in out.getvalue()


def test_with_a_broker_the_reminder_task_mails_through_the_mail_task(
    make_application, handler, clerk, celery_eager, monkeypatch, django_capture_on_commit_callbacks
):
    from gongkai.applications import tasks
    from gongkai.lib import mail as mail_helper

    def not_here(*args):
        raise AssertionError("the reminder was mailed by the web process, not by the mail task")

    monkeypatch.setattr(mail_helper, "_send_here", not_here)
    clerk.email = "clerk@example.gov.cn"
    clerk.save()
    late = make_application(received_on=date(2026, 11, 2))
    services.application_assign(application=late, actor=handler, assignee=clerk, email=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind.delay().get() == 1  # beat's daily task
    (message,) = mail.outbox
    assert message.to == ["clerk@example.gov.cn"] and late.tracking_number in message.body
