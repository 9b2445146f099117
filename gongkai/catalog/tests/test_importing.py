import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from gongkai.catalog import importing, search, services
from gongkai.catalog.models import Item, ItemStatus


def _rows(agency, topic, category, n, year=2019):
    tz = timezone.get_current_timezone()
    for i in range(n):
        yield {
            "organization_id": agency.pk,
            "title": f"律师事务所年度检查考核结果公告（第{i + 1}批）",
            "body": "经年度检查考核，下列律师事务所考核结果为称职。",
            "written_on": dt.date(year, 3, 1),
            "published_at": dt.datetime(year, 3, 5, 10, 0, tzinfo=tz),
            "topic_id": topic.pk,
            "category_id": category.pk,
        }


def test_a_bulk_import_numbers_publishes_and_indexes_every_item(
    agency, topic, category, make_item, publish
):
    count = importing.import_published(_rows(agency, topic, category, 25), batch_size=10)
    assert count == 25
    numbers = list(Item.objects.order_by("pk").values_list("index_no", flat=True))
    assert numbers[0] == "shsfj/2019-00001" and numbers[-1] == "shsfj/2019-00025"
    assert set(Item.objects.values_list("status", flat=True)) == {ItemStatus.PUBLISHED}
    assert search.search("律师事务所").total == 25
    # The counter is shared with one-by-one creation: the next number follows on.
    with time_machine.travel("2019-06-03 10:00 +0800"):
        item = publish(make_item(written_on=dt.date(2019, 6, 1)))
    assert item.index_no == "shsfj/2019-00026"


@pytest.mark.django_db(transaction=True)
def test_a_large_import_can_defer_the_indexes_and_restores_them(agency, topic, category):
    count = importing.import_published(
        _rows(agency, topic, category, 30), batch_size=10, workers=1, defer_indexes=True
    )
    assert count == 30
    with connection.cursor() as cursor:
        names = connection.introspection.get_constraints(cursor, Item._meta.db_table)
    assert {index.name for index in Item._meta.indexes} <= set(names)
    assert search.search("考核结果").total == 30


@pytest.mark.django_db(transaction=True)
def test_a_list_imported_with_an_indexing_process_is_numbered_and_findable(
    agency, district, topic, category
):
    # A list is numbered up front and read by the indexing child from inherited memory;
    # rows of two organizations and two years, in more batches than the add chunk.
    rows = list(_rows(agency, topic, category, 1500, year=2019))
    rows += list(_rows(district, topic, category, 700, year=2020))
    rows[1500]["title"] = "区司法局人民调解工作情况通报"
    rows[1500]["body"] = "全区人民调解组织调解纠纷一千余件。"
    rows[7].update(validity="repealed", validity_changed_on=dt.date(2019, 12, 31))
    count = importing.import_published(rows, batch_size=400, workers=1, defer_indexes=True)
    assert count == 2200
    numbers = dict(Item.objects.values_list("title", "index_no"))
    assert numbers["律师事务所年度检查考核结果公告（第1500批）"] == "shsfj/2019-01500"
    assert numbers["区司法局人民调解工作情况通报"].endswith("/2020-00001")
    assert Item.objects.filter(index_no__isnull=True).count() == 0
    repealed = Item.objects.get(validity="repealed")
    assert (repealed.title, repealed.validity_changed_on) == (
        rows[7]["title"],
        dt.date(2019, 12, 31),
    )
    assert Item.objects.filter(validity_changed_on__isnull=False).count() == 1
    assert search.search("律师事务所", validity="repealed").total == 1
    assert search.search("律师事务所").total == 2199
    assert [hit.item.title for hit in search.search("人民调解").hits] == [
        "区司法局人民调解工作情况通报"
    ]
    assert search.search("律师事务所", organization=district.pk).total == 699


def test_imported_items_behave_like_published_ones(agency, topic, category, leader):
    importing.import_published(_rows(agency, topic, category, 1))
    item = Item.objects.get()
    services.item_withdraw(item=item, actor=leader, reason="重复发布")
    search.apply_pending()
    assert search.search("律师事务所").total == 0


def test_a_bad_row_is_named_and_nothing_is_written(agency, topic, category):
    rows = list(_rows(agency, topic, category, 5))
    rows[2]["validity"] = "abolished"
    with pytest.raises(importing.ImportRowError, match="第 3 行：有效性 'abolished' 无效"):
        importing.import_published(rows)
    rows[2]["validity"] = "repealed"
    with pytest.raises(importing.ImportRowError, match="第 3 行：.*必须填写有效性变更日期"):
        importing.import_published(rows)
    assert not Item.objects.exists()


def test_an_import_stopped_midway_leaves_what_it_wrote_findable(agency, topic, category):
    def rows():
        yield from _rows(agency, topic, category, 10)
        yield {"organization_id": agency.pk, "title": ""}  # row 11, in the second batch

    with pytest.raises(importing.ImportRowError, match="第 11 行：名称不能为空"):
        importing.import_published(rows(), batch_size=10)
    assert Item.objects.count() == 10
    search.apply_pending()
    assert search.search("律师事务所").total == 10


@pytest.mark.django_db(transaction=True)
def test_the_parent_does_not_wait_forever_for_a_dead_indexing_process(monkeypatch, agency):
    monkeypatch.setattr(importing, "PUT_TIMEOUT", 0.05)
    indexer = importing._ProcessIndexer(None)
    indexer.process.kill()
    indexer.process.join()
    with pytest.raises(RuntimeError, match="索引进程已退出"):
        for _ in range(10):  # more than the queue holds
            indexer.add(0, [], [], [])
