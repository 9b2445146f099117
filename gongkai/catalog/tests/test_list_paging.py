"""Long lists stop counting at a cap and the pager says "多条" instead of counting every row."""

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.lib import paging


def _pager(page) -> str:
    return render_to_string(
        "pagination.html", {"page": page}, request=RequestFactory().get("/staff/catalog/")
    )


def test_past_the_cap_the_count_stops_and_the_pager_says_more(make_item, monkeypatch):
    for n in range(5):
        make_item(title=f"草稿{n}")
    monkeypatch.setattr(paging.CappedPaginator, "cap", 3)
    paginator = paging.CappedPaginator(Item.objects.order_by("pk"), 2)
    assert paginator.count == 3 and paginator.count_is_floor and paginator.num_pages == 2
    assert "共 3 多条" in _pager(paginator.get_page(1))


def test_below_the_cap_the_count_is_exact(make_item):
    for n in range(3):
        make_item(title=f"草稿{n}")
    paginator = paging.CappedPaginator(Item.objects.order_by("pk"), 2)
    assert paginator.count == 3 and not paginator.count_is_floor
    assert "共 3 条" in _pager(paginator.get_page(1))


def test_the_staff_list_and_the_portal_catalog_use_the_capped_count(
    client, make_item, publish, division_head, monkeypatch
):
    monkeypatch.setattr(paging.CappedPaginator, "cap", 1)
    for n in range(2):
        publish(make_item(title=f"已发布信息{n}"))
    assert client.get(reverse("catalog:browse")).context["page"].paginator.count_is_floor
    client.force_login(division_head)
    assert client.get(reverse("catalog:staff_list")).context["page"].paginator.count_is_floor
