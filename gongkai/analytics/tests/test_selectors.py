from datetime import date

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from gongkai.accounts.models import Organization, OrganizationKind, User
from gongkai.analytics import selectors
from gongkai.analytics.models import DailyVisit, DailyVisitors, VisitorSeen
from gongkai.analytics.scope import Scope, scope_of_organization

pytestmark = pytest.mark.django_db


def visit(day, section, count, organization=None, obj=None):
    return DailyVisit.objects.create(
        day=day,
        section=section,
        count=count,
        organization=organization,
        content_type=ContentType.objects.get_for_model(obj) if obj else None,
        object_id=obj.pk if obj else None,
    )


@pytest.fixture
def year_2018(agency, division, district):
    visit(date(2018, 1, 2), "领导介绍", 300, agency)
    visit(date(2018, 1, 31), "领导介绍", 200, agency)
    visit(
        date(2018, 3, 5), "行政处罚", 400, division
    )  # a division publishes in its agency's column
    visit(date(2018, 12, 31), "规范性文件", 250, agency)
    visit(date(2018, 6, 1), "首页", 900)  # site-wide page, the site owner's
    visit(date(2018, 6, 1), "人事任免", 700, district)  # the district bureau's own column
    visit(date(2017, 12, 31), "领导介绍", 5000, agency)
    visit(date(2019, 1, 1), "领导介绍", 5000, agency)


def test_totals_cover_exactly_the_period(year_2018):
    assert selectors.visits_total(start=date(2018, 1, 1), end=date(2018, 12, 31)) == 2750
    assert selectors.visits_total(start=date(2018, 1, 31), end=date(2018, 3, 5)) == 600
    assert selectors.visits_total(start=date(2020, 1, 1), end=date(2020, 12, 31)) == 0


def test_totals_per_day_month_and_year(year_2018):
    by_year = selectors.visits_by_period(
        start=date(2017, 1, 1), end=date(2019, 12, 31), period="year"
    )
    assert by_year == [
        {"period": date(2017, 1, 1), "visits": 5000},
        {"period": date(2018, 1, 1), "visits": 2750},
        {"period": date(2019, 1, 1), "visits": 5000},
    ]
    by_day = selectors.visits_by_period(start=date(2018, 1, 1), end=date(2018, 1, 31), period="day")
    assert by_day == [
        {"period": date(2018, 1, 2), "visits": 300},
        {"period": date(2018, 1, 31), "visits": 200},
    ]
    with pytest.raises(ValueError):
        selectors.visits_by_period(start=date(2018, 1, 1), end=date(2018, 1, 31), period="week")


def test_monthly_figures_of_a_year_list_all_twelve_months(year_2018):
    months = selectors.monthly_visits_of_year(2018)
    assert [m["month"] for m in months] == list(range(1, 13))
    assert [m["visits"] for m in months] == [500, 0, 400, 0, 0, 1600, 0, 0, 0, 0, 0, 250]


def test_monthly_figures_of_a_range_cross_the_year_end(year_2018):
    months = selectors.monthly_visits(start=date(2017, 12, 15), end=date(2018, 2, 10))
    assert months == [
        {"period": date(2017, 12, 1), "visits": 5000},
        {"period": date(2018, 1, 1), "visits": 500},
        {"period": date(2018, 2, 1), "visits": 0},
    ]


def test_daily_figures_include_days_without_visits(year_2018):
    days = selectors.daily_visits(start=date(2018, 1, 1), end=date(2018, 1, 3))
    assert [d["visits"] for d in days] == [0, 300, 0]


def test_sections_are_ranked_by_visits_with_their_share(year_2018):
    ranking = selectors.section_ranking(start=date(2018, 1, 1), end=date(2018, 12, 31))
    assert [(r["rank"], r["section"], r["visits"]) for r in ranking] == [
        (1, "首页", 900),
        (2, "人事任免", 700),
        (3, "领导介绍", 500),
        (4, "行政处罚", 400),
        (5, "规范性文件", 250),
    ]
    assert ranking[0]["share"] == round(100 * 900 / 2750, 1)
    columns = selectors.section_ranking(
        start=date(2018, 1, 1), end=date(2018, 12, 31), columns_only=True, limit=2
    )
    assert [r["section"] for r in columns] == ["人事任免", "领导介绍"]


def test_equal_visits_rank_in_a_stable_order(agency):
    visit(date(2018, 1, 1), "政策解读", 10)
    visit(date(2018, 1, 1), "人事任免", 10)
    ranking = selectors.section_ranking(start=date(2018, 1, 1), end=date(2018, 1, 1))
    assert [r["section"] for r in ranking] == sorted(["政策解读", "人事任免"])


def test_column_visits_of_an_agency_cover_its_divisions_but_not_its_districts(
    year_2018, agency, district
):
    assert selectors.column_visits(2018) == 2750
    # 上海市司法局 runs the site: its column has its pages, its divisions' and the site-wide ones.
    assert selectors.column_visits(2018, agency) == 300 + 200 + 400 + 250 + 900
    assert selectors.column_visits(2018, district) == 700
    assert selectors.column_ranking(2018, agency) == ["领导介绍", "行政处罚", "规范性文件"]
    assert selectors.column_ranking(2018) == ["人事任免", "领导介绍", "行政处罚", "规范性文件"]
    months = selectors.column_monthly_visits(2018, district)
    assert [m["visits"] for m in months if m["visits"]] == [700]


def test_a_scope_limits_every_figure(year_2018, agency, district):
    only_district = Scope(frozenset({district.pk}), unattributed=False)
    assert (
        selectors.visits_total(start=date(2018, 1, 1), end=date(2018, 12, 31), scope=only_district)
        == 700
    )
    without_site_pages = Scope(None, unattributed=False)
    assert (
        selectors.visits_total(
            start=date(2018, 1, 1), end=date(2018, 12, 31), scope=without_site_pages
        )
        == 1850
    )
    assert scope_of_organization(district).unattributed is False
    assert scope_of_organization(agency).unattributed is True


def test_top_objects_are_the_most_visited_pages_even_deleted_ones(agency, leader, clerk):
    visit(date(2018, 4, 1), "领导介绍", 30, agency, leader)
    visit(date(2018, 4, 2), "领导介绍", 15, agency, leader)
    visit(date(2018, 4, 2), "领导介绍", 40, agency, clerk)
    gone = User.objects.create(username="retired", full_name="已退休")
    visit(date(2018, 4, 3), "人事任免", 20, agency, gone)
    gone_pk = gone.pk
    gone.delete()
    visit(date(2018, 4, 3), "人事任免", 99, agency)  # a section view without an object

    top = selectors.top_objects(start=date(2018, 1, 1), end=date(2018, 12, 31))
    assert [(t["object"], t["visits"]) for t in top] == [(leader, 45), (clerk, 40), (None, 20)]
    assert top[2]["label"] == f"（已删除的页面 #{gone_pk}）"
    only = selectors.top_objects(start=date(2018, 1, 1), end=date(2018, 12, 31), section="人事任免")
    assert [t["visits"] for t in only] == [20]
    assert (
        selectors.top_objects(start=date(2018, 1, 1), end=date(2018, 12, 31), limit=1)[0]["object"]
        == leader
    )


def test_unique_visitors_add_finished_days_and_todays_digests(db):
    DailyVisitors.objects.create(day=date(2018, 4, 1), count=120)
    DailyVisitors.objects.create(day=date(2018, 4, 2), count=80)
    VisitorSeen.objects.create(day=date(2018, 4, 3), digest="a" * 32)
    assert selectors.unique_visitors(start=date(2018, 4, 2), end=date(2018, 4, 3)) == 81


@time_machine.travel("2026-02-28 23:30:00 +08:00", tick=False)
def test_visits_this_month_follow_the_local_calendar(agency):
    visit(date(2026, 2, 1), "首页", 11)
    visit(date(2026, 2, 28), "首页", 5)
    visit(date(2026, 3, 1), "首页", 100)
    visit(date(2026, 1, 31), "首页", 100)
    assert selectors.visits_this_month() == 16
    assert selectors.visits_this_month(scope=Scope(frozenset(), unattributed=False)) == 0


def test_an_organizations_column_takes_in_its_divisions_at_any_depth_but_no_district(
    agency, division, district
):
    section = Organization.objects.create(
        name="鉴定科", code="shsfj-sfjd-jdk", kind=OrganizationKind.DIVISION, parent=division
    )
    district_division = Organization.objects.create(
        name="徐汇区司法局办公室",
        code="xh-sfj-bgs",
        kind=OrganizationKind.DIVISION,
        parent=district,
    )
    assert scope_of_organization(agency).organization_ids == {agency.pk, division.pk, section.pk}
    assert scope_of_organization(district).organization_ids == {district.pk, district_division.pk}
