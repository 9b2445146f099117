import io

import pytest
import time_machine

from gongkai.accounts import demo as accounts_demo
from gongkai.analytics import demo
from gongkai.analytics.models import DailyVisit, DailyVisitors
from gongkai.analytics.selectors import column_ranking, column_visits, monthly_visits_of_year


@time_machine.travel("2026-03-10 08:00:00 +08:00", tick=False)
@pytest.mark.django_db
def test_the_demo_reproduces_the_2018_report_and_loads_only_once():
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    rows, visitors = DailyVisit.objects.count(), DailyVisitors.objects.count()
    demo.load(io.StringIO())

    assert (DailyVisit.objects.count(), DailyVisitors.objects.count()) == (rows, visitors)
    assert column_visits(2018) == 123313
    from gongkai.accounts.models import Organization

    assert column_visits(2018, Organization.objects.get(code="shsfj")) == 123313
    assert column_ranking(2018) == ["领导介绍", "行政处罚", "规范性文件", "政策解读", "人事任免"]
    assert sum(m["visits"] for m in monthly_visits_of_year(2018)) == 123313
    assert DailyVisit.objects.filter(day__year=2018).values("day").distinct().count() == 365
    # This year runs up to yesterday.
    assert DailyVisit.objects.filter(day__year=2026).latest("day").day.isoformat() == "2026-03-09"
    assert "123313" in out.getvalue()


@pytest.mark.django_db
def test_the_demo_continues_this_year_on_a_later_day_without_changing_earlier_days():
    accounts_demo.load(io.StringIO())
    with time_machine.travel("2026-03-10 08:00:00 +08:00", tick=False):
        demo.load(io.StringIO())
        march_9 = list(DailyVisit.objects.filter(day="2026-03-09").values_list("section", "count"))
    with time_machine.travel("2026-03-12 08:00:00 +08:00", tick=False):
        demo.load(io.StringIO())
    assert (
        list(DailyVisit.objects.filter(day="2026-03-09").values_list("section", "count")) == march_9
    )
    assert DailyVisit.objects.filter(day="2026-03-11").exists()
    assert column_visits(2018) == 123313


def test_apportioning_keeps_the_exact_total():
    assert sum(demo._apportion(123313, [18.4, 14.7, 12.8, 1.1])) == 123313
    assert demo._apportion(10, [1, 1, 1]) == [4, 3, 3]
