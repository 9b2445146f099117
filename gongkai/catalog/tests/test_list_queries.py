"""The lists and counters cost the same number of queries however many items they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.catalog import dashboard, services


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _add_items(make_item, publish, clerk, n):
    for i in range(n):
        publish(make_item(title=f"已发布信息{i}"))
        services.item_submit(item=make_item(title=f"待审核信息{i}"), actor=clerk)
        make_item(title=f"草稿{i}")


def test_lists_and_counters_do_not_query_per_item(client, make_item, publish, clerk, division_head):
    _add_items(make_item, publish, clerk, 2)
    published = make_item(title="有附件的信息")
    publish(published)
    pages = {
        "browse": (None, reverse("catalog:browse")),
        "item": (None, reverse("catalog:item", args=[published.pk])),
        "staff list": (division_head, reverse("catalog:staff_list")),
        "review queue": (division_head, reverse("catalog:review_queue")),
    }

    def costs():
        result = {}
        for name, (user, url) in pages.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            result[name] = _queries(lambda url=url: client.get(url))
        result["counters"] = _queries(lambda: dashboard.counters(division_head))
        return result

    before = costs()
    _add_items(make_item, publish, clerk, 5)
    assert costs() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner, without statistics")
def test_an_item_page_finds_its_interpretations_by_index_not_by_walking_published_items(
    client, make_item, publish
):
    # Without an index on (interprets, status, published_at) SQLite answered "which published
    # items interpret this one" by walking every published item in date order: 0.3 s per item
    # page once the demo's 110,000-item back catalog was loaded.
    item = make_item(title="已发布信息")
    publish(item)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("catalog:item", args=[item.pk])).status_code == 200
    [sql] = [
        q["sql"]
        for q in ctx.captured_queries
        if 'WHERE ("catalog_item"."interprets_id" =' in q["sql"]
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "catalog_item_interp_pub" in plan, plan
