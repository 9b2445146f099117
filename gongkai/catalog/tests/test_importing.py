import datetime as dt
import os
import subprocess
import sys

import pytest
import time_machine
from django.db import DatabaseError, connection
from django.utils import timezone

from gongkai.catalog import importing, search, services
from gongkai.catalog.models import IndexNumberCounter, Item, ItemStatus


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
    search_backend, agency, topic, category, make_item, publish
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


def _planner_rows(table: str) -> float:
    """What the planner believes of the table's size (0 before any statistics)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
            row = cursor.fetchone()
            return float(row[0].split()[0]) if row else 0
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return max(cursor.fetchone()[0], 0)


def test_an_import_of_a_back_catalog_leaves_the_planner_statistics_of_its_size(
    agency, topic, category
):
    # Without them SQLite took the catalog for as large as any table and drove small joins
    # (the 12 guides of an office) from its 110,000 items.
    importing.import_published(_rows(agency, topic, category, importing.STATISTICS_AFTER))
    assert _planner_rows(Item._meta.db_table) >= importing.STATISTICS_AFTER


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


@pytest.mark.django_db(transaction=True)
def test_a_dead_indexing_process_is_noticed_at_the_next_batch_of_a_list(agency):
    indexer = importing._ProcessIndexer([{}])
    indexer.process.kill()
    indexer.process.join()
    with pytest.raises(RuntimeError, match="索引进程已退出"):
        indexer.add(0, [1], [2019], None)


# Run in a process of its own: what is tested is that the process ends.
FAIL_MIDWAY_THEN_EXIT = """
import datetime as dt
import time
import django
django.setup()
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone
from gongkai.accounts.models import Organization
from gongkai.catalog import importing
from gongkai.catalog.models import Category, Item, Topic

call_command("migrate", verbosity=0)
organization = Organization.objects.create(name="上海市司法局", code="shsfj", kind="agency")
topic, category = Topic.objects.first(), Category.objects.first()
published = dt.datetime(2019, 3, 5, 10, tzinfo=timezone.get_current_timezone())
rows = [
    {
        "organization_id": organization.pk,
        "title": f"律师事务所年度检查考核结果公告（第{i}批）",
        "body": "经年度检查考核，下列律师事务所考核结果为称职。" * 5,
        "written_on": dt.date(2019, 3, 1),
        "published_at": published,
        "topic_id": topic.pk,
        "category_id": category.pk,
    }
    for i in range(30000)
]
write, batches = importing._write, []

def write_until_the_disk_fills(*args):
    batches.append(1)
    if len(batches) == 25:
        raise DatabaseError("磁盘已满")
    return write(*args)

def index_slowly(*args):  # the indexing child falls behind: messages pile up in the pipe
    time.sleep(0.5)

importing._write = write_until_the_disk_fills
importing._add_rows = index_slowly
try:
    importing.import_published(rows, batch_size=1000, workers=1)
except DatabaseError:
    print("failed after", Item.objects.count())
"""


def test_a_process_whose_import_failed_midway_still_exits(tmp_path):
    # The indexing child is stopped with batches still queued for it; the queue's feeder
    # thread, blocked on a pipe nobody reads any more, must not keep the process alive.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    env.pop("DATABASE_URL", None)
    env["GONGKAI_VAR_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", FAIL_MIDWAY_THEN_EXIT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "failed after 24000"


def _counter(organization, year):
    return IndexNumberCounter.objects.get(organization=organization, year=year).last_serial


def test_a_failed_list_import_gives_back_the_numbers_it_did_not_use(
    monkeypatch, agency, topic, category
):
    rows = list(_rows(agency, topic, category, 50))
    real_write, calls = importing._write, []

    def write_then_fail(*args):
        calls.append(1)
        if len(calls) == 3:
            raise DatabaseError("磁盘已满")
        return real_write(*args)

    monkeypatch.setattr(importing, "_write", write_then_fail)
    with pytest.raises(DatabaseError):
        importing.import_published(rows, batch_size=10)
    assert Item.objects.count() == 20
    # Numbers 21-50 were reserved up front and never used: given back, not skipped.
    assert _counter(agency, 2019) == 20
    monkeypatch.setattr(importing, "_write", real_write)
    importing.import_published(rows[20:], batch_size=10)
    numbers = sorted(Item.objects.values_list("index_no", flat=True))
    assert numbers == [f"shsfj/2019-{n:05d}" for n in range(1, 51)]


def test_numbers_taken_by_someone_else_meanwhile_are_never_given_back(
    monkeypatch, agency, topic, category
):
    rows = list(_rows(agency, topic, category, 30))
    real_write, calls = importing._write, []

    def publish_elsewhere_then_fail(*args):
        calls.append(1)
        if len(calls) == 2:
            # A colleague publishes an item of the same year while the import runs.
            assert importing.allocate_index_block(agency.pk, 2019, 1) == 31
            raise DatabaseError("连接中断")
        return real_write(*args)

    monkeypatch.setattr(importing, "_write", publish_elsewhere_then_fail)
    with pytest.raises(DatabaseError):
        importing.import_published(rows, batch_size=10)
    assert Item.objects.count() == 10
    assert _counter(agency, 2019) == 31  # 11-30 stay a gap; 31 is the colleague's


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"summary": None}, "内容概述应为文字"),
        ({"doc_number": "沪司规" * 40}, "文号不超过 100 个字"),
        ({"keywords": 3}, "主题词应为文字"),
        ({"validity_changed_on": "2019-12-31"}, "有效性变更日期不是日期"),
    ],
)
def test_rows_the_database_would_refuse_midway_are_refused_before_anything_is_written(
    agency, topic, category, change, message
):
    rows = list(_rows(agency, topic, category, 30))
    rows[25].update(change)
    with pytest.raises(importing.ImportRowError, match=f"第 26 行：{message}"):
        importing.import_published(rows, batch_size=10)
    assert not Item.objects.exists()
    assert not IndexNumberCounter.objects.exists()
