"""A supervising organization sees its agencies' year side by side, the sum and the changes."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.reports import supervision
from gongkai.reports.engine.figures import compute
from gongkai.reports.models import AnnualReport, AnnualReportStatus

from .engine_data import case, caseload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


@pytest.fixture
def tree(agency, district, division, clerk):
    caseload(agency)
    case(
        district, "natural_person", date(2024, 5, 6), closed=date(2024, 5, 20), outcome="disclosed"
    )
    case(
        district, "natural_person", date(2025, 5, 6), closed=date(2025, 5, 20), outcome="disclosed"
    )
    case(district, "commercial", date(2025, 6, 6), closed=date(2025, 6, 20), outcome="disclosed")
    AnnualReport.objects.create(
        organization=district,
        year=2025,
        format="2021",
        status=AnnualReportStatus.PUBLISHED,
        document=compute(district, 2025, "2021"),
        created_by=clerk,
        created_at=timezone.now(),
        published_at=timezone.now(),
    )
    return agency


def test_the_overview_lists_each_agency_with_its_changes_and_the_sum(tree, district):
    result = supervision.overview(tree, 2025)
    names = [r.label for r in result["rows"]]
    assert names == ["上海市司法局", "上海市徐汇区司法局"]  # the division reports through its organ
    own, sub = result["rows"]
    assert (own.published, sub.published) == (False, True)
    received = [m.key for m in supervision.METRICS].index("received")
    assert own.values[received] == (6, 3)  # 6 received in 2025, 3 in 2024
    assert sub.values[received] == (2, 1)
    assert result["total"].values[received] == (8, 4)
    assert own.violations == 0


def test_the_supervisor_page_shows_the_table_chart_and_own_comparison(client, tree, clerk):
    client.force_login(clerk)
    url = reverse("reports:supervision")
    page = client.get(url, {"organization": tree.pk, "year": "2025", "metric": "received"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "上海市徐汇区司法局" in text and "合计（含下级机关）" in text
    assert "已发布" in text and "未发布" in text
    assert "6（+3）" in text
    assert "<svg" in text
    assert "本平台记录计算" in text
    bad = client.get(url, {"organization": tree.pk, "year": "1999"})
    assert bad.status_code == 400
    assert "年度不能早于2009年。" in bad.content.decode()
