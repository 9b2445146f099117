import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, connections
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import Confidentiality, IndexNumberCounter, Item, ItemStatus

CLEAR = Confidentiality.CLEAR


@time_machine.travel("2024-06-03 10:00 +0800")
def test_index_numbers_run_per_organization_and_year(
    make_item, publish, district_clerk, district, agency
):
    first, second = publish(make_item()), publish(make_item())
    assert first.index_no == "shsfj/2024-00001"
    assert second.index_no == "shsfj/2024-00002"
    other = make_item(actor=district_clerk, org=district)
    publish(other)
    assert other.index_no == "xh-sfj/2024-00001"
    with time_machine.travel("2025-01-02 09:00 +0800"):
        assert publish(make_item()).index_no == "shsfj/2025-00001"


def test_a_draft_has_no_number_until_it_is_published_in_the_year_of_publication(
    make_item, clerk, division_head, legal_reviewer, leader
):
    with time_machine.travel("2024-12-30 10:00 +0800"):
        item = make_item()
        services.item_submit(item=item, actor=clerk)
        for reviewer in (division_head, legal_reviewer):
            services.item_approve(item=item, actor=reviewer, confidentiality=CLEAR)
    item.refresh_from_db()
    assert item.index_no is None
    with time_machine.travel("2025-01-03 10:00 +0800"):
        services.item_approve(item=item, actor=leader, confidentiality=CLEAR)
    item.refresh_from_db()
    assert item.index_no == "shsfj/2025-00001"


@time_machine.travel("2024-06-03 10:00 +0800")
def test_abandoned_drafts_leave_no_gaps(make_item, publish):
    for _ in range(3):
        Item.objects.filter(pk=make_item().pk).delete()
    assert publish(make_item()).index_no == "shsfj/2024-00001"


@time_machine.travel("2024-06-03 10:00 +0800")
def test_a_number_is_never_reused_after_its_item_is_gone(make_item, leader, publish):
    item = publish(make_item())
    services.item_withdraw(item=item, actor=leader, reason="误发")
    gone = publish(make_item())
    Item.objects.filter(pk=gone.pk).delete()
    assert publish(make_item()).index_no == "shsfj/2024-00003"


def test_the_format_is_a_setting(settings, make_item, publish):
    settings.GONGKAI_INDEX_NUMBER_FORMAT = "{org_code}-{year}-{serial:06d}"
    assert publish(make_item()).index_no.endswith("-000001")


def _race(threads: int, work) -> list[Exception]:
    errors = []
    barrier = threading.Barrier(threads)

    def run(n):
        try:
            barrier.wait()
            work(n)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return errors


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_hand_out_a_number_twice(
    agency, clerk, division_head, legal_reviewer, leader, topic, category
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer, so there is no concurrency to test")
    threads, per_thread = 8, 4
    waiting = []
    for n in range(threads * per_thread):
        item = services.item_create(
            actor=clerk,
            organization=agency,
            data={
                "title": f"并发发布的信息 {n}",
                "body": "正文",
                "written_on": dt.date(2024, 1, 2),
                "topic": topic,
                "category": category,
            },
        )
        services.item_submit(item=item, actor=clerk)
        for reviewer in (division_head, legal_reviewer):
            services.item_approve(item=item, actor=reviewer, confidentiality=CLEAR)
        waiting.append(item.pk)

    def work(n):
        for pk in waiting[n * per_thread : (n + 1) * per_thread]:
            services.item_approve(item=Item.objects.get(pk=pk), actor=leader, confidentiality=CLEAR)

    assert _race(threads, work) == []
    numbers = list(Item.objects.values_list("index_no", flat=True))
    assert set(Item.objects.values_list("status", flat=True)) == {ItemStatus.PUBLISHED}
    assert len(numbers) == len(set(numbers)) == threads * per_thread
    year = timezone.localdate().year
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert serials == list(range(1, threads * per_thread + 1))
    counter = IndexNumberCounter.objects.get(organization=agency, year=year)
    assert counter.last_serial == threads * per_thread
