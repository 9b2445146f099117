"""The dashboard's application counters: right figures, in one query however many cases."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.applications import selectors, services
from gongkai.applications.models import Outcome


def fresh(user) -> User:
    """The user as a new request loads it: roles and scope not yet cached."""
    return User.objects.get(pk=user.pk)


def test_each_counter_counts_the_visible_cases_it_names(
    make_application, handler, clerk, other_agency, outsider
):
    make_application(received_on=date(2026, 11, 2))  # overdue, unassigned
    soon = make_application(received_on=date(2026, 11, 20))  # due 12-18
    services.application_assign(application=soon, actor=handler, assignee=handler, email=False)
    paused = make_application(received_on=date(2026, 11, 19))  # paused by a consultation
    services.application_accept(application=paused, actor=handler, on=date(2026, 11, 20))
    services.application_start(application=paused, actor=handler, on=date(2026, 11, 20))
    services.application_consult(
        application=paused,
        actor=handler,
        on=date(2026, 12, 14),
        party="other_agency",
        party_name="上海市财政局",
    )
    services.application_assign(application=paused, actor=handler, assignee=clerk, email=False)
    done = make_application(received_on=date(2026, 11, 2))  # replied late: closed
    services.application_accept(application=done, actor=handler, on=date(2026, 11, 3))
    services.application_reply(
        application=done, actor=handler, on=date(2026, 12, 1), outcome=Outcome.DISCLOSED
    )
    make_application(received_on=date(2026, 11, 2), organization=other_agency, actor=outsider)

    assert selectors.counters(fresh(handler)) == {
        "mine": 1,
        "unassigned": 1,
        "overdue": 1,
        "due_soon": 1,
        "open": 3,
    }
    assert selectors.counters(fresh(outsider)) == {
        "mine": 0,
        "unassigned": 1,
        "overdue": 1,
        "due_soon": 0,
        "open": 1,
    }


def test_the_counters_take_one_query_once_the_users_roles_and_scope_are_known(
    make_application, handler, django_assert_num_queries
):
    for day in (2, 3, 20):
        make_application(received_on=date(2026, 11, day))
    user = fresh(handler)
    selectors.counters(user)  # loads the roles and the scope, cached on the user
    with django_assert_num_queries(1):
        assert selectors.counters(user)["open"] == 3


def test_the_inbox_runs_the_same_queries_for_one_row_or_many(
    client, make_application, handler, clerk
):
    make_application()
    client.force_login(handler)
    url = reverse("applications:inbox") + "?who=all"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url).context["rows"]) == 1
    for day in range(2, 12):
        app = make_application(received_on=date(2026, 11, day))
        services.application_assign(application=app, actor=handler, assignee=clerk, email=False)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).context["rows"]) == 11
    assert len(many.captured_queries) == len(one.captured_queries)
