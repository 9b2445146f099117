from datetime import date

import pytest
import time_machine

from gongkai.accounts.models import Role, RoleGrant
from gongkai.analytics.models import DailyVisit
from gongkai.conftest import make_staff

pytestmark = pytest.mark.django_db

NOW = "2026-11-20 10:00:00 +08:00"


@pytest.fixture
def visits(agency, district):
    rows = [
        (date(2018, 1, 5), "领导介绍", 1200, agency),
        (date(2018, 3, 9), "行政处罚", 900, agency),
        (date(2018, 3, 10), "规范性文件", 800, agency),
        (date(2018, 7, 1), "首页", 5000, None),
        (date(2018, 7, 2), "人事任免", 333, district),
        (date(2026, 11, 3), "政策解读", 77, agency),
        (date(2026, 10, 3), "政策解读", 1000, agency),
    ]
    for day, section, count, org in rows:
        DailyVisit.objects.create(day=day, section=section, count=count, organization=org)


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/staff/analytics/?year=2018")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")
    assert client.get("/staff/analytics/visits.csv").status_code == 302


def test_a_staff_member_without_analytics_permission_is_refused(client, agency):
    nobody = make_staff("norole", agency)  # an account whose roles were all withdrawn
    assert not RoleGrant.objects.filter(user=nobody).exists()
    client.force_login(nobody)
    assert client.get("/staff/analytics/").status_code == 403
    assert client.get("/staff/analytics/visits.csv").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_overview_shows_totals_chart_table_and_ranking(client, clerk, visits):
    client.force_login(clerk)
    response = client.get("/staff/analytics/?year=2018")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg viewBox="0 0 720 260" role="img"' in html
    assert html.count('<rect class="bar"') == 12
    assert "<title>3月：1700 次</title>" in html
    assert '<th scope="row">2018年3月</th><td class="num">1700</td>' in html
    context = response.context
    # The city bureau's clerk sees its pages, the site-wide ones and its district bureaus'.
    assert context["total"] == 1200 + 900 + 800 + 5000 + 333
    assert [r["section"] for r in context["ranking"]] == [
        "首页",
        "领导介绍",
        "行政处罚",
        "规范性文件",
        "人事任免",
    ]
    assert "按点击率排序依次是：领导介绍、行政处罚、规范性文件、人事任免。" in html


@time_machine.travel(NOW, tick=False)
def test_a_division_member_sees_the_column_of_the_agency(client, division, visits):
    expert = make_staff("jianding", division, Role.DIVISION_HEAD)
    client.force_login(expert)
    response = client.get("/staff/analytics/?year=2018")
    assert response.context["total"] == 8233
    assert response.context["visitors"] == 0


@time_machine.travel(NOW, tick=False)
def test_the_overview_defaults_to_this_year(client, leader, visits):
    client.force_login(leader)
    response = client.get("/staff/analytics/")
    assert response.status_code == 200
    assert response.context["period"].label == "2026年"
    assert response.context["total"] == 1077


@time_machine.travel(NOW, tick=False)
def test_a_short_range_is_charted_day_by_day(client, leader, visits):
    client.force_login(leader)
    response = client.get("/staff/analytics/?date_from=2026-11-01&date_to=2026-11-20")
    assert response.status_code == 200
    assert len(response.context["series"]) == 20
    assert response.context["total"] == 77
    assert "2026年11月3日" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_district_clerk_sees_only_the_district_column(client, district_clerk, visits):
    client.force_login(district_clerk)
    response = client.get("/staff/analytics/?year=2018")
    assert response.context["total"] == 333
    assert response.context["visitors"] is None  # site-wide visitors are not the district's


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=1999", "年度应在 2000 年至 2026 年之间。"),
        ("year=2027", "年度应在 2000 年至 2026 年之间。"),
        ("year=abc", "年度应为四位数字，例如 2018。"),
        ("date_from=2018-02-30&date_to=2018-03-01", "起始日期无效"),
        ("date_from=2018-05-01&date_to=2018-04-01", "起始日期不能晚于截止日期。"),
        ("date_from=2018-05-01", "请同时填写起始日期和截止日期。"),
        ("year=2018&date_from=2018-05-01&date_to=2018-06-01", "请选择年度或日期区间中的一种"),
        ("date_from=2001-01-01&date_to=2026-01-01", "日期区间不能超过十年"),
    ],
)
def test_a_bad_period_is_refused_with_a_chinese_message(client, clerk, query, message):
    client.force_login(clerk)
    response = client.get(f"/staff/analytics/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<svg" not in response.content.decode()
    csv = client.get(f"/staff/analytics/visits.csv?{query}")
    assert csv.status_code == 400
    assert message in csv.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_monthly_table_downloads_as_csv(client, clerk, visits):
    client.force_login(clerk)
    response = client.get("/staff/analytics/visits.csv?year=2018")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "月份,访问量"
    assert lines[1] == "2018年1月,1200"
    assert lines[3] == "2018年3月,1700"
    assert lines[-1] == "合计,8233"
    assert len(lines) == 14


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_counts_this_months_visits(client, clerk, visits):
    client.force_login(clerk)
    html = client.get("/staff/").content.decode()
    assert '<span class="value">77</span>本月访问量' in html


@time_machine.travel(NOW, tick=False)
def test_the_overview_needs_as_many_queries_for_many_pages_as_for_few(
    client, leader, agency, visits
):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/staff/analytics/?year=2018").status_code == 200
        return len(captured)

    org_type = ContentType.objects.get_for_model(type(agency))
    staff_type = ContentType.objects.get_for_model(type(leader))

    def add_pages(numbers):
        for n in numbers:
            DailyVisit.objects.create(
                day=date(2018, 1 + n % 12, 1 + n),
                section=f"栏目{n}",
                count=n + 1,
                content_type=org_type if n % 2 else staff_type,
                object_id=n + 1,
            )

    client.force_login(leader)
    add_pages(range(2))  # one page of each type: objects load in one query per type
    client.get("/staff/analytics/?year=2018")
    few = queries()
    add_pages(range(2, 30))
    assert queries() == few


@time_machine.travel(NOW, tick=False)
def test_the_overview_lists_every_year_with_visits(client, leader, visits):
    client.force_login(leader)
    response = client.get("/staff/analytics/")
    assert [(y["period"].year, y["visits"]) for y in response.context["years"]] == [
        (2018, 8233),
        (2026, 1077),
    ]
    assert '<a href="?year=2018">2018年</a>' in response.content.decode()
