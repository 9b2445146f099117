"""The correction notice (第30条) is given once, with a reasonable period to correct."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.accounts.models import Role
from gongkai.applications import services
from gongkai.applications.models import ApplicationEvent, EventKind, Status
from gongkai.applications.services import TransitionError
from gongkai.conftest import make_staff


def request_correction(app, actor, on, correct_by):
    return services.application_request_correction(
        application=app, actor=actor, on=on, items="请写明所需文件的年份", correct_by=correct_by
    )


def notices(app):
    return ApplicationEvent.objects.filter(application=app, kind=EventKind.REQUEST_CORRECTION)


def test_a_corrected_case_offers_no_second_notice_and_the_page_refuses_one(
    client, accepted, handler
):
    request_correction(accepted, handler, date(2026, 10, 9), date(2026, 10, 30))
    services.application_receive_correction(
        application=accepted, actor=handler, on=date(2026, 10, 20)
    )
    assert EventKind.REQUEST_CORRECTION not in services.allowed_transitions(accepted, handler)
    client.force_login(handler)
    response = client.post(
        reverse("applications:transition", args=[accepted.pk, "request_correction"]),
        {
            "request_correction-on": "2026-10-29",
            "request_correction-items": "仍请写明年份",
            "request_correction-correct_by": "2026-11-20",
        },
    )
    assert response.status_code == 409
    assert "不能发出补正告知" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == Status.CORRECTED and accepted.due_on == date(2026, 11, 17)
    assert notices(accepted).count() == 1


def test_a_case_that_comes_back_to_accepted_still_gets_no_second_notice(
    accepted, handler, district
):
    """A transfer returns a case to 已收到 and a new acceptance to 已受理: still one notice."""
    request_correction(accepted, handler, date(2026, 9, 29), date(2026, 10, 16))
    services.application_receive_correction(
        application=accepted, actor=handler, on=date(2026, 10, 9)
    )
    services.application_start(application=accepted, actor=handler, on=date(2026, 10, 9))
    services.application_transfer(
        application=accepted, actor=handler, to_organization=district, reason="属于区局职责"
    )
    there = make_staff("xhhandler", district, Role.CLERK, Role.DIVISION_HEAD, Role.LEADER)
    services.application_accept(application=accepted, actor=there)
    with pytest.raises(TransitionError, match="已于 2026-09-29 发出补正告知.*一次性告知"):
        request_correction(accepted, there, date(2026, 12, 15), date(2026, 12, 31))
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED and notices(accepted).count() == 1


def test_the_correction_period_ends_at_most_30_days_after_the_notice(accepted, handler):
    with pytest.raises(
        TransitionError, match="补正期限最长为发出补正告知之日起30日（2026-11-08 前）"
    ):
        request_correction(accepted, handler, date(2026, 10, 9), date(2030, 1, 1))
    with pytest.raises(TransitionError, match="2026-11-08 前"):
        request_correction(accepted, handler, date(2026, 10, 9), date(2026, 11, 9))
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED and not notices(accepted).exists()
    request_correction(accepted, handler, date(2026, 10, 9), date(2026, 11, 8))
    accepted.refresh_from_db()
    assert accepted.status == Status.CORRECTION_REQUESTED


def test_the_page_refuses_a_far_correction_deadline_with_the_reason(client, accepted, handler):
    client.force_login(handler)
    response = client.post(
        reverse("applications:transition", args=[accepted.pk, "request_correction"]),
        {
            "request_correction-on": "2026-10-09",
            "request_correction-items": "请写明年份",
            "request_correction-correct_by": "2030-01-01",
        },
    )
    assert response.status_code in (400, 409)
    assert "补正期限最长为发出补正告知之日起30日" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED and not notices(accepted).exists()
