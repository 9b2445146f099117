import pytest

from gongkai.catalog import services as catalog_services
from gongkai.catalog.search import apply_pending


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    return body["error"]


@pytest.mark.django_db
def test_the_item_list_shows_published_items_only(client, published):
    response = client.get("/api/v1/items")
    assert response.status_code == 200
    titles = [row["title"] for row in response.json()["items"]]
    assert sorted(titles) == sorted(item.title for item in published["items"])
    assert "尚未提交的草稿通知" not in titles and "正在审核中的通知" not in titles


@pytest.mark.django_db
def test_the_cursor_walks_every_item_once_newest_first(client, published):
    seen, cursor = [], None
    for _ in range(5):
        response = client.get(
            "/api/v1/items", {"limit": 1, **({"cursor": cursor} if cursor else {})}
        )
        page = response.json()
        seen += [row["id"] for row in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    expected = [
        i.pk for i in sorted(published["items"], key=lambda i: (i.published_at, i.pk), reverse=True)
    ]
    assert seen == expected


@pytest.mark.django_db
def test_a_draft_or_an_item_in_review_is_not_found(client, published):
    for item in (published["draft"], published["in_review"]):
        response = client.get(f"/api/v1/items/{item.pk}")
        assert response.status_code == 404
        assert error_of(response)["message"] == "该信息不存在或尚未发布。"


@pytest.mark.django_db
def test_a_withdrawn_item_answers_410(client, published, leader):
    item = published["items"][0]
    catalog_services.item_withdraw(item=item, actor=leader, reason="内容已过时，予以撤回")
    response = client.get(f"/api/v1/items/{item.pk}")
    assert response.status_code == 410
    assert error_of(response)["code"] == "withdrawn"


@pytest.mark.django_db
def test_an_item_carries_its_attachments_addresses(client, published):
    item = published["items"][1]
    response = client.get(f"/api/v1/items/{item.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["body"] == item.body
    assert data["url"] == f"http://testserver/catalog/items/{item.pk}/"
    assert data["attachments"] == []


@pytest.mark.django_db
def test_bad_input_gets_one_error_shape_in_chinese(client, published):
    bad_cursor = client.get("/api/v1/items", {"cursor": "not-a-cursor"})
    assert bad_cursor.status_code == 400
    assert error_of(bad_cursor)["code"] == "invalid_cursor"
    too_many = client.get("/api/v1/items", {"limit": 1000})
    assert too_many.status_code == 400
    assert error_of(too_many)["message"] == "请求参数有误：limit过大。"
    unknown_org = client.get("/api/v1/items", {"org": "nosuch"})
    assert error_of(unknown_org)["message"] == "没有代码为“nosuch”的机构。"
    nowhere = client.get("/api/v1/nowhere")
    assert nowhere.status_code == 404
    assert error_of(nowhere)["code"] == "not_found"
    wrong_method = client.delete("/api/v1/items")
    assert wrong_method.status_code == 405
    assert error_of(wrong_method)["code"] == "method_not_allowed"


@pytest.mark.django_db
def test_organizations_are_listed_by_code(client, agency, district):
    rows = client.get("/api/v1/organizations").json()
    assert {
        "code": "xh-sfj",
        "name": "上海市徐汇区司法局",
        "kind": district.get_kind_display(),
        "parent_code": "shsfj",
    } in rows


@pytest.mark.django_db
def test_search_finds_published_items(client, published):
    apply_pending()
    response = client.get("/api/v1/items/search", {"q": "名册"})
    assert response.status_code == 200
    page = response.json()
    assert {hit["id"] for hit in page["hits"]} == {i.pk for i in published["items"]}
    # Every match counted and ranked: a few items, nothing cut short.
    assert page["total"] == len(published["items"])
    assert page["total_is_floor"] is False and page["among_newest"] == 0
    empty = client.get("/api/v1/items/search", {"q": "   "})
    assert empty.status_code == 400
    assert error_of(empty)["message"] == "请输入检索词。"


@pytest.mark.django_db
def test_the_openapi_document_and_its_docs_page_are_served_locally(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/items" in document["paths"]
    assert "/api/v1/staff/applications" in document["paths"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.django_db
def test_the_docs_page_is_a_chinese_page_of_the_site_under_the_strict_csp(client):
    import re

    from django.urls import reverse

    page = client.get("/api/v1/docs")
    html = page.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert re.search(r"<title>开放接口文档 - [^<]+</title>", html)
    assert f'href="{reverse("portal:home")}">← 返回' in html
    assert "点击下方“授权”按钮填入令牌" in html
    # The strict policy holds: no inline style, and the only inline <script> is the JSON
    # settings block swagger-ui-init.js reads (data, never run).
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "<style" not in html and " style=" not in html
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    from django.contrib.staticfiles import finders

    assert finders.find("api/docs.css") and "/static/api/docs.css" in html


@pytest.mark.django_db
def test_a_failure_inside_the_api_answers_json_not_a_page(client, monkeypatch, published):
    from gongkai.catalog import selectors

    def broken(**filters):
        raise RuntimeError("database went away")

    monkeypatch.setattr(selectors, "published_items", broken)
    response = client.get("/api/v1/items")
    assert response.status_code == 500
    assert error_of(response) == {"code": "server_error", "message": "服务器内部错误，请稍后再试。"}
    assert "database went away" not in response.content.decode()
