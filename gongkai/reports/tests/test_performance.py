"""The performance dashboard: reply times, openness and grounds of an organization's year."""

from collections import Counter
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.reports.performance import median, percentile_90, performance

from .engine_data import case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


@pytest.fixture
def year(agency):
    d = date
    fast = case(agency, "natural_person", d(2025, 3, 3), closed=d(2025, 3, 10), outcome="disclosed")
    late = case(agency, "commercial", d(2025, 4, 1), closed=d(2025, 5, 20),
                outcome="withheld.state_secret")  # fmt: skip
    extended = case(agency, "natural_person", d(2025, 6, 2), closed=d(2025, 7, 15),
                    outcome="partially_disclosed")  # fmt: skip
    third = case(agency, "natural_person", d(2025, 9, 1), closed=d(2025, 9, 5),
                 outcome="withheld.third_party_rights")  # fmt: skip
    case(
        agency,
        "natural_person",
        d(2025, 10, 8),
        closed=d(2025, 11, 20),
        outcome="other.no_correction",
    )  # fmt: skip  (abandoned: closed, not replied)
    Application.objects.filter(pk=fast.pk).update(due_on=d(2025, 3, 31))
    Application.objects.filter(pk=late.pk).update(due_on=d(2025, 4, 29))
    Application.objects.filter(pk=extended.pk).update(due_on=d(2025, 7, 28))
    Application.objects.filter(pk=third.pk).update(due_on=d(2025, 9, 29))
    ApplicationEvent.objects.create(application=extended, kind=EventKind.EXTEND, on=d(2025, 6, 27))
    return agency


def test_replies_are_sorted_into_on_time_extended_and_overdue(year):
    result = performance(year, 2025)
    assert (result.closed, result.replied) == (5, 4)
    assert (result.within_period, result.on_time_extended, result.overdue) == (2, 1, 1)
    assert (result.disclosed, result.partially, result.withheld) == (1, 1, 2)
    assert result.grounds == [("属于国家秘密", 1), ("保护第三方合法权益", 1)]
    assert sum(n for _, n in result.histogram) == 4
    assert (result.appeals, result.appeals_corrected) == (0, 0)  # recorded: none this year
    shares = {label: (n, share) for label, n, share in result.shares()}
    assert shares["逾期答复"] == (1, 25.0)
    assert shares["不予公开"] == (2, 40.0)


def test_median_and_90th_percentile_of_a_weighted_distribution():
    assert median(Counter({3: 1, 5: 1, 9: 1})) == 5
    assert median(Counter({4: 2, 10: 2})) == 7
    assert percentile_90(Counter({d: 1 for d in range(1, 11)})) == 9
    assert percentile_90(Counter({2: 9, 30: 1})) == 2
    assert median(Counter()) is None


def test_the_page_shows_the_chart_and_downloads_csv(client, year, clerk):
    client.force_login(clerk)
    url = reverse("reports:performance")
    page = client.get(url, {"organization": year.pk, "year": "2025"})
    text = page.content.decode()
    assert page.status_code == 200 and "<svg" in text
    assert "逾期答复" in text and "被申请复议或起诉" in text
    csv = client.get(url, {"organization": year.pk, "year": "2025", "download": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "上海市司法局,2025,逾期答复,1,25.0" in body
    bad = client.get(url, {"organization": year.pk, "year": "abc"})
    assert bad.status_code == 400 and "请填写年度" in bad.content.decode()
