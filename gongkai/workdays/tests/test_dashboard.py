"""The dashboard's card for a coming year without a holiday schedule."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from gongkai.workdays import calendar


def _card(client, user):
    calendar.invalidate()
    with time_machine.travel(datetime(2026, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        client.force_login(user)
        counters = client.get(reverse("accounts:dashboard")).context["counters"]
    calendar.invalidate()
    return next(c for c in counters if "节假日安排" in c["label"])


def test_the_card_says_what_is_missing_not_a_number_and_who_can_enter_it(client, clerk, admin_user):
    card = _card(client, clerk)
    assert card["value"] == "未录入"  # not 2027 standing where counts stand
    assert card["label"].startswith("2027年节假日安排")
    assert "请系统管理员" in card["label"]
    assert card["url"].endswith("?year=2027")
    assert "点此录入" in _card(client, admin_user)["label"]
