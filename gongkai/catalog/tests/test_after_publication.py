"""Validity changes and withdrawals: who may, and with which dates."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.catalog.models import ItemKind, Validity


@pytest.fixture
def normative(make_item, publish):
    with time_machine.travel("2024-03-05 10:00 +0800"):
        return publish(make_item("上海市司法鉴定管理办法", kind=ItemKind.NORMATIVE))


@pytest.mark.parametrize("persona", ["clerk", "outsider", "legal_reviewer"])
@time_machine.travel("2024-06-03 10:00 +0800")
def test_only_staff_who_may_withdraw_change_validity(request, client, normative, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        reverse("catalog:set_validity", args=[normative.pk]),
        {"validity": "repealed", "changed_on": "2024-06-01"},
    )
    assert response.status_code == 403
    normative.refresh_from_db()
    assert normative.validity == Validity.VALID and normative.validity_changed_on is None


@pytest.mark.parametrize("persona", ["clerk", "outsider"])
@time_machine.travel("2024-06-03 10:00 +0800")
def test_only_staff_who_may_withdraw_can_post_a_withdrawal(request, client, normative, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse("catalog:withdraw", args=[normative.pk]), {"reason": "误发"})
    assert response.status_code == 403
    normative.refresh_from_db()
    assert normative.withdrawn_at is None


@time_machine.travel("2024-06-03 10:00 +0800")
def test_a_repeal_cannot_be_dated_in_the_future_or_before_publication(client, normative, leader):
    client.force_login(leader)
    url = reverse("catalog:set_validity", args=[normative.pk])
    for changed_on, message in (
        ("2030-01-01", "不能晚于今天"),
        ("2024-03-04", "不能早于发布日期（2024年3月5日）"),
    ):
        response = client.post(url, {"validity": "repealed", "changed_on": changed_on}, follow=True)
        assert message in response.content.decode()
        normative.refresh_from_db()
        assert normative.validity == Validity.VALID
    client.post(url, {"validity": "repealed", "changed_on": "2024-06-01"})
    normative.refresh_from_db()
    assert normative.validity == Validity.REPEALED
    assert normative.validity_changed_on == dt.date(2024, 6, 1)
