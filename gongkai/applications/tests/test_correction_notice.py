"""The correction notice (第30条) sets a reasonable period to correct."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import ApplicationEvent, EventKind, Status
from gongkai.applications.services import TransitionError


def request_correction(app, actor, on, correct_by):
    return services.application_request_correction(
        application=app, actor=actor, on=on, items="请写明所需文件的年份", correct_by=correct_by
    )


def notices(app):
    return ApplicationEvent.objects.filter(application=app, kind=EventKind.REQUEST_CORRECTION)


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
