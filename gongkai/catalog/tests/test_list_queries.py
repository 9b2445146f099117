"""The lists and counters cost the same number of queries however many items they show."""

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
