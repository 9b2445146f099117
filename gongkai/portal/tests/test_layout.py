from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def test_the_portal_home_shows_the_agency_navigation_search_and_office_contact(client, agency):
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="zh-Hans">' in page
    assert "上海市司法局" in page
    assert 'role="search"' in page and 'for="site-search"' in page
    assert "小木桥路470号" in page and "021-53899700" in page
    assert 'name="viewport"' in page
    assert "跳到正文" in page


def test_the_staff_workspace_shows_only_links_the_role_allows(client, clerk, admin_user):
    client.force_login(clerk)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "审计日志" not in page
    client.force_login(admin_user)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "审计日志" in page


def test_an_unknown_page_is_a_chinese_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_home_page_looks_the_agency_up_once_and_the_workspace_not_at_all(client, agency, clerk):
    def site_owner_lookups(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return sum('"parent_id" IS NULL' in q["sql"] for q in queries.captured_queries)

    assert site_owner_lookups(reverse("portal:home")) == 1
    assert (
        "<h1>上海市司法局政府信息公开</h1>" in client.get(reverse("portal:home")).content.decode()
    )
    client.force_login(clerk)
    assert site_owner_lookups(reverse("workdays:calendar")) == 0


def _current_links(response, nav):
    return [item["label"] for item in response.context[nav] if item["current"]]


def test_a_front_page_link_is_current_only_on_the_front_page_itself(client, agency, admin_user):
    assert _current_links(client.get(reverse("portal:home")), "portal_nav") == ["首页"]
    assert _current_links(client.get(reverse("catalog:guide")), "portal_nav") == ["公开指南"]
    client.force_login(admin_user)
    assert _current_links(client.get(reverse("accounts:dashboard")), "workspace_nav") == ["工作台"]
    assert _current_links(client.get(reverse("accounts:staff")), "workspace_nav") == ["工作人员"]


def test_a_browser_asking_for_english_still_gets_chinese_and_one_page_for_all(client, db):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "页面不存在" in response.content.decode()
    # Django's own messages too: "This field is required." in Chinese.
    form_page = client.post(reverse("accounts:login"), {}, HTTP_ACCEPT_LANGUAGE="en")
    assert "这个字段是必填项。" in form_page.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_one_link_is_current_where_two_paths_lead_to_the_page(client, agency, division_head):
    # /catalog/annual-reports/ lies under /catalog/ and /staff/catalog/review/ under /staff/catalog/.
    reports = client.get(reverse("catalog:annual_reports"))
    assert _current_links(reports, "portal_nav") == ["年度报告"]
    client.force_login(division_head)
    queue = client.get(reverse("catalog:review_queue"))
    assert _current_links(queue, "workspace_nav") == ["待我审核"]
    catalog = client.get(reverse("catalog:staff_list"))
    assert _current_links(catalog, "workspace_nav") == ["主动公开"]


def test_a_leader_finds_the_annual_report_in_the_menu(client, leader):
    client.force_login(leader)
    labels = [
        item["label"] for item in client.get(reverse("accounts:dashboard")).context["workspace_nav"]
    ]
    assert "年度报告" in labels and "依申请公开" in labels and "待我签发" in labels
    page = client.get(reverse("reports:staff_list"))
    assert page.status_code == 200
