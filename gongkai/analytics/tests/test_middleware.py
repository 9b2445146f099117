from datetime import date

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from gongkai.accounts.models import Organization, User
from gongkai.analytics import middleware, services
from gongkai.analytics.models import DailyVisit, DailyVisitors, VisitorSalt, VisitorSeen

from .conftest import BROWSER, VISITOR_IP

pytestmark = [pytest.mark.urls("gongkai.analytics.tests.urls"), pytest.mark.django_db]

DAY = date(2026, 3, 16)
AT_NOON = "2026-03-16 12:00:00 +08:00"


def counts() -> dict[tuple, int]:
    return {
        (v.section, v.content_type_id, v.object_id, v.organization_id): v.count
        for v in DailyVisit.objects.all()
    }


@time_machine.travel(AT_NOON, tick=False)
def test_a_public_page_view_is_counted_under_its_section_and_object(browser, leader, agency):
    assert browser.get(f"/t/leaders/{leader.pk}/").status_code == 200
    browser.get(f"/t/leaders/{leader.pk}/")

    row = DailyVisit.objects.get()
    assert (row.day, row.section, row.count) == (DAY, "领导介绍", 2)
    assert row.content_type == ContentType.objects.get_for_model(User)
    assert row.object_id == leader.pk
    # The object's organization is the page's organization.
    assert row.organization == agency


def test_views_either_side_of_midnight_count_on_their_own_days(browser):
    # The day of a view is worked out once a day: it must still turn at midnight, and follow a
    # clock set back.
    for at in (
        "2026-03-16 23:59:59 +08:00",
        "2026-03-17 00:00:00 +08:00",
        "2026-03-17 00:00:01 +08:00",
        "2026-03-16 12:00:00 +08:00",
    ):
        with time_machine.travel(at, tick=False):
            assert browser.get("/t/rules/").status_code == 200
    assert dict(DailyVisit.objects.values_list("day", "count")) == {
        DAY: 2,
        date(2026, 3, 17): 2,
    }


def test_an_organization_shown_on_a_page_is_also_the_page_organization(browser, district):
    browser.get(f"/t/organizations/{district.pk}/")
    row = DailyVisit.objects.get()
    assert (row.section, row.object_id, row.organization_id) == (
        "机构职能",
        district.pk,
        district.pk,
    )
    assert row.content_type == ContentType.objects.get_for_model(Organization)


def test_a_section_without_an_object_is_counted_as_the_section(browser):
    browser.get("/t/rules/")
    assert counts() == {("规范性文件", None, None, None): 1}


def test_a_page_that_names_nothing_is_counted_under_its_url_name(browser, agency):
    browser.get("/")  # portal:home, mapped to 首页
    browser.get("/t/contact/")  # not in the table: the URL name itself
    assert counts() == {("首页", None, None, None): 1, ("test-contact", None, None, None): 1}


def test_a_view_that_sets_something_else_than_a_dict_is_counted_by_its_url(browser):
    browser.get("/t/broken/")
    assert counts() == {("test-broken", None, None, None): 1}


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "   ",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0.0.0 Safari/537.36",
        "Scrapy/2.11 (+https://scrapy.org)",
    ],
)
def test_a_bot_is_not_counted(user_agent, agency):
    client = Client(HTTP_USER_AGENT=user_agent)
    assert client.get("/t/rules/").status_code == 200
    assert client.get("/").status_code == 200
    assert DailyVisit.objects.count() == 0
    assert VisitorSeen.objects.count() == 0


def test_the_test_client_without_a_user_agent_counts_nothing(client, agency):
    # Other apps' tests use the bare client: the middleware must stay out of their way.
    client.get("/")
    assert DailyVisit.objects.count() == 0


def test_head_post_and_htmx_partial_requests_are_not_counted(browser):
    assert browser.head("/t/rules/").status_code == 200
    browser.post("/t/rules/")
    browser.get("/t/rules/", HTTP_HX_REQUEST="true")
    assert DailyVisit.objects.count() == 0


def test_a_boosted_htmx_navigation_is_a_page_view(browser):
    browser.get("/t/rules/", HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    assert counts() == {("规范性文件", None, None, None): 1}


def test_errors_redirects_and_non_html_responses_are_not_counted(browser):
    assert browser.get("/t/leaders/999999/").status_code == 404
    assert browser.get("/no-such-page/").status_code == 404
    assert browser.get("/staff/analytics/").status_code == 302
    assert browser.get("/t/data.json").status_code == 200
    assert DailyVisit.objects.count() == 0


def test_staff_pages_static_media_and_api_files_are_not_counted(browser, clerk):
    for path in ["/static/site.css", "/media/a.pdf", "/api/items", "/robots.txt"]:
        browser.get(path)
    browser.force_login(clerk)
    assert browser.get("/staff/analytics/").status_code == 200
    assert browser.get("/staff/").status_code == 200
    assert DailyVisit.objects.count() == 0


def test_a_failing_counter_never_breaks_the_page(browser, monkeypatch, caplog):
    def explode(**kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(services, "visit_count", explode)
    response = browser.get("/t/rules/")
    assert response.status_code == 200
    assert b"<h1>" in response.content
    assert "访问计数失败" in caplog.text


@time_machine.travel(AT_NOON, tick=False)
def test_visitors_ip_and_user_agent_are_stored_nowhere(browser, leader, agency):
    browser.get(f"/t/leaders/{leader.pk}/")
    browser.get("/t/rules/", HTTP_X_FORWARDED_FOR=f"{VISITOR_IP}, 10.0.0.1")
    with time_machine.travel("2026-03-17 09:00:00 +08:00", tick=False):
        browser.get("/t/rules/")  # the next day rolls the first day up

    stored = []
    for model in (DailyVisit, DailyVisitors, VisitorSalt, VisitorSeen):
        for row in model.objects.all():
            stored.extend(str(getattr(row, f.attname)) for f in model._meta.concrete_fields)
    assert stored, "the visits were not recorded at all"
    for value in stored:
        assert VISITOR_IP not in value
        assert "203.0.113" not in value
        assert "iPhone" not in value and BROWSER not in value
    # The first day's digests and salt are gone; only its count is left.
    assert list(DailyVisitors.objects.values_list("day", "count")) == [(DAY, 1)]
    assert not VisitorSeen.objects.filter(day=DAY).exists()
    assert not VisitorSalt.objects.filter(day=DAY).exists()


def test_the_same_visitor_is_one_visitor_a_day_whatever_the_pages(browser, agency):
    browser.get("/t/rules/")
    browser.get("/")
    services.forget_process_state()  # as if the next page were served by another process
    browser.get("/t/contact/")
    Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.9").get("/")
    assert VisitorSeen.objects.count() == 2
    assert sum(counts().values()) == 4


def test_is_bot_lets_ordinary_browsers_through():
    assert not middleware.is_bot(BROWSER)
    assert not middleware.is_bot(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0"
    )
    assert not middleware.is_bot(
        "Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/116.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.47"
    )


def _writes(client) -> int:
    """Statements a page view costs, leaving out the savepoints the test transaction adds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get("/t/rules/").status_code == 200
    return sum(1 for q in captured if "SAVEPOINT" not in q["sql"])


def test_a_returning_visitor_costs_one_update_and_a_new_visitor_one_insert_more(browser):
    browser.get("/t/rules/")  # the day's first hit creates the row and fetches the salt
    assert _writes(browser) == 1
    assert _writes(Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.20")) == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_counter_commits_each_view_on_its_own(agency):
    # Production serves requests in autocommit mode (PostgreSQL: an asynchronous commit).
    browser = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=VISITOR_IP)
    for _ in range(3):
        assert browser.get("/t/rules/").status_code == 200
    assert counts() == {("规范性文件", None, None, None): 3}
    assert VisitorSeen.objects.count() == 1
