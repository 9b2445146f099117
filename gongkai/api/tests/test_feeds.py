import feedparser
import pytest

from gongkai.catalog.search import apply_pending


def parse(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return feedparser.parse(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_an_organizations_feed_lists_its_published_items(client, published, fmt):
    feed = parse(client, f"/feeds/org/shsfj/{fmt}/")
    assert not feed.bozo
    assert feed.version == ("rss20" if fmt == "rss" else "atom10")
    assert feed.feed.title == "上海市司法局 主动公开信息"
    titles = {entry.title for entry in feed.entries}
    assert titles == {item.title for item in published["items"]}
    links = {entry.link for entry in feed.entries}
    assert f"http://testserver/catalog/items/{published['items'][0].pk}/" in links


@pytest.mark.django_db
def test_a_topic_feed_and_a_query_feed_parse_back(client, published, topic):
    by_topic = parse(client, f"/feeds/topic/{topic.code}/atom/")
    assert len(by_topic.entries) == 3
    apply_pending()
    by_query = parse(client, "/feeds/search/rss/", q="第2批")
    assert [entry.title for entry in by_query.entries][0] == "关于第2批司法鉴定机构名册的公告"
    assert "草稿" not in str(by_query.entries)


@pytest.mark.django_db
def test_bad_feed_requests_are_refused(client, published):
    assert client.get("/feeds/org/nosuch/rss/").status_code == 404
    assert client.get("/feeds/org/shsfj/json/").status_code == 404
    empty = client.get("/feeds/search/rss/", {"q": ""})
    assert empty.status_code == 400
    assert "请输入检索词。" in empty.content.decode()
