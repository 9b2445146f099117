import threading
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from gongkai.accounts.models import Organization
from gongkai.analytics import services
from gongkai.analytics.models import DailyVisit, DailyVisitors, VisitorSalt, VisitorSeen

DAY = date(2018, 5, 14)


@pytest.mark.django_db
def test_repeated_increments_of_a_slot_add_up_in_one_row():
    for _ in range(40):
        services.visit_count(day=DAY, section="规范性文件")
    services.visit_count(day=DAY, section="规范性文件", by=10)
    assert list(DailyVisit.objects.values_list("section", "count")) == [("规范性文件", 50)]


@pytest.mark.django_db
def test_each_object_organization_and_day_has_its_own_row(agency):
    ct = ContentType.objects.get_for_model(Organization).pk
    services.visit_count(day=DAY, section="行政处罚")
    services.visit_count(day=DAY, section="行政处罚", content_type_id=ct, object_id=1)
    services.visit_count(day=DAY, section="行政处罚", content_type_id=ct, object_id=2)
    services.visit_count(day=DAY, section="行政处罚", organization_id=agency.pk)
    services.visit_count(day=date(2018, 5, 15), section="行政处罚")
    services.visit_count(day=DAY, section="行政处罚", content_type_id=ct, object_id=2)
    assert DailyVisit.objects.count() == 5
    assert DailyVisit.objects.get(object_id=2).count == 2


@pytest.mark.django_db
def test_the_database_refuses_a_second_row_for_the_same_slot():
    from django.db import IntegrityError, transaction

    DailyVisit.objects.create(day=DAY, section="政策解读", count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyVisit.objects.create(day=DAY, section="政策解读", count=1)


@pytest.mark.django_db
def test_an_object_needs_both_its_type_and_its_id():
    with pytest.raises(ValueError, match="同时提供"):
        services.visit_count(day=DAY, section="政策解读", object_id=3)


@pytest.mark.django_db
def test_a_lost_insert_race_adds_to_the_row_the_winner_created(monkeypatch):
    """The UPDATE finds no row, another request inserts it, our INSERT collides: we retry."""
    real_update = DailyVisit.objects.none().update.__func__
    calls = {"n": 0}

    def update_after_a_rival_insert(self, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            DailyVisit.objects.create(day=DAY, section="人事任免", count=7)
            return 0  # what our UPDATE saw before the rival committed
        return real_update(self, **kwargs)

    monkeypatch.setattr(type(DailyVisit.objects.none()), "update", update_after_a_rival_insert)
    services.visit_count(day=DAY, section="人事任免")
    assert list(DailyVisit.objects.values_list("count", flat=True)) == [8]


@pytest.mark.django_db
def test_a_visitor_is_remembered_once_a_day_under_a_salted_digest():
    services.visitor_note(day=DAY, ip="192.0.2.1", user_agent="Mozilla/5.0")
    services.visitor_note(day=DAY, ip="192.0.2.1", user_agent="Mozilla/5.0")
    services.forget_process_state()
    services.visitor_note(day=DAY, ip="192.0.2.1", user_agent="Mozilla/5.0")
    services.visitor_note(day=DAY, ip="192.0.2.1", user_agent="Mozilla/5.0 (other browser)")
    assert VisitorSeen.objects.filter(day=DAY).count() == 2
    assert VisitorSalt.objects.count() == 1


@pytest.mark.django_db
def test_the_same_visitor_has_unrelated_digests_on_different_days():
    first = services.visitor_digest(day=DAY, ip="192.0.2.1", user_agent="Mozilla/5.0")
    second = services.visitor_digest(
        day=date(2018, 5, 15), ip="192.0.2.1", user_agent="Mozilla/5.0"
    )
    assert first != second
    assert len(first) == 32 and "192" not in first


@pytest.mark.django_db
def test_rolling_up_keeps_only_the_count_of_finished_days():
    for n in range(3):
        services.visitor_note(day=DAY, ip=f"192.0.2.{n}", user_agent="Mozilla/5.0")
    DailyVisitors.objects.create(day=DAY, count=2)  # e.g. folded earlier by another process

    assert services.visitors_roll_up(before=date(2018, 5, 15)) == 3
    assert services.visitors_roll_up(before=date(2018, 5, 15)) == 0
    assert DailyVisitors.objects.get(day=DAY).count == 5
    assert not VisitorSeen.objects.exists()
    assert not VisitorSalt.objects.exists()


@pytest.mark.django_db
def test_the_first_visitor_of_a_new_day_rolls_the_previous_days_up():
    services.visitor_note(day=DAY, ip="192.0.2.1", user_agent="Mozilla/5.0")
    services.visitor_note(day=date(2018, 5, 15), ip="192.0.2.1", user_agent="Mozilla/5.0")
    assert DailyVisitors.objects.get(day=DAY).count == 1
    assert list(VisitorSeen.objects.values_list("day", flat=True)) == [date(2018, 5, 15)]
    assert list(VisitorSalt.objects.values_list("day", flat=True)) == [date(2018, 5, 15)]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_of_a_new_row_lose_nothing():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes writers; only PostgreSQL runs these requests truly at once")
    threads_n, hits = 8, 25
    barrier = threading.Barrier(threads_n)
    errors: list[BaseException] = []

    def hammer():
        from django.db import connection as thread_connection

        try:
            barrier.wait()  # every thread tries to create the day's row at the same moment
            for _ in range(hits):
                services.visit_count(day=DAY, section="领导介绍")
                services.visit_count(day=DAY, section=f"领导介绍-{threading.get_ident() % 3}")
        except BaseException as exc:  # reported below, a thread must not swallow it
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=hammer) for _ in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert DailyVisit.objects.get(section="领导介绍").count == threads_n * hits
    others = DailyVisit.objects.exclude(section="领导介绍")
    assert sum(others.values_list("count", flat=True)) == threads_n * hits
    assert others.count() <= 3


@pytest.mark.django_db
def test_the_nightly_command_rolls_up_yesterday(capsys):
    import time_machine
    from django.core.management import call_command

    services.visitor_note(day=DAY, ip="192.0.2.1", user_agent="Mozilla/5.0")
    with time_machine.travel("2018-05-15 00:05:00 +08:00", tick=False):
        call_command("visits_roll_up")
        call_command("visits_roll_up")
    assert "已汇总访客 0 人次" in capsys.readouterr().out
    assert DailyVisitors.objects.get(day=DAY).count == 1
    assert not VisitorSeen.objects.exists() and not VisitorSalt.objects.exists()
