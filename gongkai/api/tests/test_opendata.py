import csv
import io
import json

import jsonschema_rs
import pytest
from django.utils import timezone


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.django_db
def test_the_csv_matches_the_catalog(client, published):
    year = timezone.localtime(published["items"][0].published_at).year
    response = client.get(f"/opendata/items-shsfj-{year}.csv")
    assert response.status_code == 200
    text = streamed(response)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [int(r["id"]) for r in rows] == sorted(i.pk for i in published["items"])
    first = published["items"][0]
    row = next(r for r in rows if int(r["id"]) == first.pk)
    assert row["title"] == first.title
    assert row["index_no"] == first.index_no
    assert row["organization"] == "上海市司法局"
    assert "尚未提交的草稿通知" not in text and "正在审核中的通知" not in text


@pytest.mark.django_db
def test_the_json_follows_its_published_schema(client, published):
    year = timezone.localtime(published["items"][0].published_at).year
    document = json.loads(streamed(client.get(f"/opendata/items-shsfj-{year}.json")))
    schema = client.get("/opendata/schema/items.json").json()
    jsonschema_rs.validate(schema, document)
    assert {row["id"] for row in document["items"]} == {i.pk for i in published["items"]}
    empty = json.loads(streamed(client.get(f"/opendata/items-shsfj-{year - 5}.json")))
    assert empty["items"] == []


@pytest.mark.django_db
def test_the_open_data_page_links_downloads_and_feeds(client, published):
    year = timezone.localtime(published["items"][0].published_at).year
    page = client.get("/opendata/").content.decode()
    assert f"/opendata/items-shsfj-{year}.csv" in page
    assert "/feeds/org/shsfj/rss/" in page
    assert "开放数据" in client.get("/").content.decode()
    assert client.get("/opendata/items-nosuch-2024.csv").status_code == 404
