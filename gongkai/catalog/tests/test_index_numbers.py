import threading

import pytest
import time_machine
from django.db import connection, connections

from gongkai.catalog import services
from gongkai.catalog.models import IndexNumberCounter, Item


@time_machine.travel("2024-06-03 10:00 +0800")
def test_index_numbers_run_per_organization_and_year(make_item, district_clerk, district, agency):
    first, second = make_item(), make_item()
    assert first.index_no == "shsfj/2024-00001"
    assert second.index_no == "shsfj/2024-00002"
    other = make_item(actor=district_clerk, org=district)
    assert other.index_no == "xh-sfj/2024-00001"
    with time_machine.travel("2025-01-02 09:00 +0800"):
        assert make_item().index_no == "shsfj/2025-00001"


@time_machine.travel("2024-06-03 10:00 +0800")
def test_a_number_is_never_reused_after_its_item_is_gone(make_item, leader, publish):
    item = publish(make_item())
    services.item_withdraw(item=item, actor=leader, reason="误发")
    draft = make_item()
    Item.objects.filter(pk=draft.pk).delete()
    assert make_item().index_no == "shsfj/2024-00003"


def test_the_format_is_a_setting(settings, make_item):
    settings.GONGKAI_INDEX_NUMBER_FORMAT = "{org_code}-{year}-{serial:06d}"
    assert make_item().index_no.endswith("-000001")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_never_hands_out_a_number_twice(agency, clerk, topic, category):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer, so there is no concurrency to test")
    threads, errors, numbers = 8, [], []
    per_thread = 6
    barrier = threading.Barrier(threads)

    def work():
        try:
            barrier.wait()
            for n in range(per_thread):
                item = services.item_create(
                    actor=clerk,
                    organization=agency,
                    data={
                        "title": f"并发起草的信息 {n}",
                        "body": "正文",
                        "written_on": "2024-01-02",
                        "topic": topic,
                        "category": category,
                    },
                )
                numbers.append(item.index_no)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors
    assert len(numbers) == len(set(numbers)) == threads * per_thread
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert serials == list(range(1, threads * per_thread + 1))
    assert IndexNumberCounter.objects.get(organization=agency).last_serial == threads * per_thread
