"""The inbox's urgency order is read part by part (cases whose clock counts, paused ones, closed
ones), each from an index: the rows, their order and the page links are what one sorted list
gave, however a page falls across the parts."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import selectors, views
from gongkai.applications.models import Application, Status
from gongkai.lib.paging import CappedPaginator


def _set(app, **fields):
    Application.objects.filter(pk=app.pk).update(**fields)


@pytest.fixture
def cases(make_application):
    """Seven cases in every kind of state, in the order the inbox must list them (today is
    2026-12-15)."""
    a = [make_application(received_on=date(2026, 12, 1)) for _ in range(7)]
    _set(a[0], status=Status.ACCEPTED, due_on=date(2026, 12, 10))  # overdue
    # A consultation unanswered past its date no longer pauses the clock.
    _set(
        a[1],
        status=Status.CONSULTING,
        due_on=date(2026, 12, 12),
        consultation_due=date(2026, 12, 10),
    )
    _set(a[2], status=Status.IN_PROGRESS, due_on=date(2026, 12, 20))
    _set(a[3], status=Status.RECEIVED, due_on=None)  # a fee notice stops the clock
    _set(
        a[4],
        status=Status.CONSULTING,
        due_on=date(2026, 12, 11),
        consultation_due=date(2026, 12, 20),
    )
    _set(a[5], status=Status.CORRECTION_REQUESTED, due_on=None)
    _set(a[6], status=Status.ARCHIVED, due_on=date(2026, 12, 5), closed_on=date(2026, 12, 4))
    return a


def test_the_inbox_lists_counting_then_paused_then_closed_cases(client, handler, cases):
    client.force_login(handler)
    rows = client.get(reverse("applications:inbox"), {"status": ""}).context["rows"]
    assert [r["app"] for r in rows] == cases
    assert rows[0]["urgency"] == "超期 3 个工作日"
    assert [r["urgency"] for r in rows][4:] == ["征求意见中（暂停）", "待补正", "已办结"]
    # The default (open cases) leaves out the archived one.
    rows = client.get(reverse("applications:inbox")).context["rows"]
    assert [r["app"] for r in rows] == cases[:6]


def test_every_slice_of_the_urgency_order_is_that_slice_of_the_whole(handler, cases):
    found = selectors.inbox(handler, status="")
    for start in range(len(cases) + 1):
        for stop in range(start, len(cases) + 2):
            assert found[start:stop] == cases[start:stop], (start, stop)


def test_pages_across_the_parts_follow_one_another(client, handler, cases, monkeypatch):
    monkeypatch.setattr(views, "INBOX_PER_PAGE", 3)
    client.force_login(handler)
    url = reverse("applications:inbox")
    first = client.get(url, {"status": ""})
    assert [r["app"] for r in first.context["rows"]] == cases[:3]
    page = first.content.decode()
    assert "第 1 / 3 页，共 7 条" in page and "status=&amp;page=2" in page
    second = client.get(url, {"status": "", "page": 2})
    assert [r["app"] for r in second.context["rows"]] == cases[3:6]
    last = client.get(url, {"status": "", "page": 3})
    assert [r["app"] for r in last.context["rows"]] == cases[6:]


def test_a_page_across_the_parts_runs_a_fixed_number_of_queries(
    client, handler, cases, make_application, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(views, "INBOX_PER_PAGE", 3)
    client.force_login(handler)
    url = reverse("applications:inbox")
    client.get(url, {"status": "", "page": 2})
    with django_assert_max_num_queries(20) as few:
        client.get(url, {"status": "", "page": 2})
    for n in range(10):  # more rows in every part, other assignees
        app = make_application(received_on=date(2026, 12, 2))
        _set(app, status=[Status.IN_PROGRESS, Status.CORRECTION_REQUESTED][n % 2], assignee=handler)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"status": "", "page": 2})


def test_the_inbox_finds_a_case_by_the_start_of_its_number_or_applicant(
    client, handler, make_application
):
    chen = make_application()
    firm = make_application(applicant_kind="commercial", applicant_name="上海某律师事务所")
    client.force_login(handler)
    url = reverse("applications:inbox")

    def found(q):
        return [r["app"] for r in client.get(url, {"status": "", "q": q}).context["rows"]]

    assert found("陈志") == [chen]
    assert found("上海某") == [firm]
    assert found(firm.tracking_number) == [firm]
    assert set(found("SHSFJ-2026")) == {chen, firm}  # typed in capitals
    assert found("王") == []
    page = client.get(url).content.decode()
    assert 'placeholder="编号或姓名（名称）的开头"' in page


def test_the_to_do_list_merges_ones_own_and_nobodys_cases_in_the_urgency_order(
    handler, clerk, cases
):
    # Theirs, nobody's, someone else's, in turn: the to-do list is the first two kinds.
    for n, app in enumerate(cases):
        _set(app, assignee=[handler, None, clerk][n % 3])
    wanted = [app for n, app in enumerate(cases) if n % 3 != 2]
    found = selectors.inbox(handler, who="todo", status="")
    for start in range(len(wanted) + 1):
        for stop in range(start, len(wanted) + 2):
            assert found[start:stop] == wanted[start:stop], (start, stop)
    assert CappedPaginator(found, 2).count == len(wanted)
    # Sorted by date received, the same cases.
    received = selectors.inbox(handler, who="todo", status="", sort="received")
    assert set(received) == set(wanted)


def test_a_page_of_the_to_do_list_runs_a_fixed_number_of_queries(
    client, handler, cases, make_application, django_assert_max_num_queries
):
    client.force_login(handler)
    url = reverse("applications:inbox")
    query = {"who": "todo", "status": ""}
    client.get(url, query)
    with django_assert_max_num_queries(30) as few:
        client.get(url, query)
    for n in range(10):  # more of their own and of nobody's cases, in every part
        app = make_application(received_on=date(2026, 12, 2))
        _set(
            app,
            status=[Status.IN_PROGRESS, Status.CORRECTION_REQUESTED][n % 2],
            assignee=handler if n % 3 else None,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, query)
    # Their own cases show who has them (the related rows came with the page).
    assert "allroles" in page.content.decode()
