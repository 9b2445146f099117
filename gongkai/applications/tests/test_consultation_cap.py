"""A consultation pauses the reply clock only until its 15 working days run out (第32、33条)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, Notification, Status
from gongkai.applications.notifications import remind
from gongkai.applications.services import TransitionError, clock_for

from .conftest import consult


def test_the_response_date_runs_from_the_day_the_third_party_received_the_letter(
    in_progress, handler
):
    consult(in_progress, handler, date(2026, 10, 12), party_received_on=date(2026, 10, 14))
    event = in_progress.events.get(kind="consult")
    assert event.context["party_received_on"] == "2026-10-14"
    assert event.context["response_due"] == "2026-11-04"
    in_progress.refresh_from_db()
    assert in_progress.consultation_due == date(2026, 11, 4)


def test_without_a_receipt_date_the_response_date_runs_from_the_sending_day(in_progress, handler):
    consult(in_progress, handler, date(2026, 10, 12))
    event = in_progress.events.get(kind="consult")
    assert event.context["party_received_on"] == "2026-10-12"
    assert event.context["response_due"] == "2026-11-02"


def test_a_receipt_date_before_sending_or_in_the_future_is_refused(in_progress, handler):
    with pytest.raises(TransitionError, match="不能早于发出日期（2026-10-12）"):
        consult(in_progress, handler, date(2026, 10, 12), party_received_on=date(2026, 10, 9))
    with pytest.raises(TransitionError, match="对方收到征求意见书的日期不能晚于今天"):
        consult(in_progress, handler, date(2026, 10, 12), party_received_on=date(2026, 12, 16))
    assert not in_progress.events.filter(kind="consult").exists()


def test_an_unanswered_consultation_past_its_response_date_shows_the_case_overdue_again(
    client, in_progress, handler, clerk
):
    # Sent 10/12, answer due 11/02, no answer by today (12/15): the pause is 15 working days.
    consult(in_progress, handler, date(2026, 10, 12))
    in_progress.refresh_from_db()
    assert in_progress.status == Status.CONSULTING
    assert in_progress.due_on == date(2026, 11, 19)
    clk = clock_for(in_progress)
    assert clk.state == "running" and clk.overdue and clk.due_on == date(2026, 11, 19)
    assert list(Application.objects.overdue()) == [in_progress]

    client.force_login(handler)
    page = client.get(reverse("applications:detail", args=[in_progress.pk])).content.decode()
    assert "逾期未答复，期限自 2026-11-03 起恢复计算" in page
    assert "已超期 18 个工作日" in page
    inbox = client.get(reverse("applications:inbox"), {"due": "overdue"})
    assert [r["app"] for r in inbox.context["rows"]] == [in_progress]
    assert inbox.context["rows"][0]["tone"] == "danger"

    services.application_assign(application=in_progress, actor=handler, assignee=clerk)
    Notification.objects.all().delete()
    result = remind()
    assert (result.notified_cases, result.overdue) == (1, 1)
    assert Notification.objects.get(recipient=clerk).kind == "overdue"


def test_a_consultation_within_its_response_date_still_pauses_the_case(
    make_application, handler, client
):
    app = make_application(received_on=date(2026, 11, 20))  # due 2026-12-18
    services.application_accept(application=app, actor=handler, on=date(2026, 11, 23))
    services.application_start(application=app, actor=handler, on=date(2026, 11, 23))
    consult(app, handler, date(2026, 12, 14))  # answer due 2027-01-04
    app.refresh_from_db()
    assert app.consultation_due == date(2027, 1, 4)
    assert not Application.objects.overdue().exists()
    assert not Application.objects.due_soon().exists()
    client.force_login(handler)
    rows = client.get(reverse("applications:inbox")).context["rows"]
    assert (rows[0]["tone"], rows[0]["urgency"]) == ("muted", "征求意见中（暂停）")


def test_the_answer_arriving_ends_the_pause_and_clears_the_stored_response_date(
    in_progress, handler
):
    consult(in_progress, handler, date(2026, 10, 12))
    services.application_end_consultation(
        application=in_progress, actor=handler, on=date(2026, 10, 16), result="同意公开"
    )
    in_progress.refresh_from_db()
    assert in_progress.consultation_due is None and in_progress.due_on == date(2026, 11, 4)


def test_the_timeline_shows_when_the_third_party_received_the_letter(client, in_progress, handler):
    consult(in_progress, handler, date(2026, 10, 12), party_received_on=date(2026, 10, 14))
    client.force_login(handler)
    page = client.get(reverse("applications:detail", args=[in_progress.pk])).content.decode()
    assert "对方 2026-10-14 收到，对方应于 2026-11-04 前答复" in page
