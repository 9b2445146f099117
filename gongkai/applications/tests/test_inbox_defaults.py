"""The inbox opens on what the user must act on (found clicking through the demo: a clerk who had
just registered an in-person application could not find it, and replied cases vanished)."""

from datetime import date

from django.urls import reverse

from gongkai.accounts.models import Role
from gongkai.applications import services
from gongkai.conftest import make_staff


def _rows(client, **query):
    return [row["app"] for row in client.get(reverse("applications:inbox"), query).context["rows"]]


def test_a_clerk_finds_the_case_they_just_registered_and_is_told_who_assigns(
    client, make_application, clerk, agency
):
    colleague = make_staff("colleague", agency, Role.CLERK)
    registered = make_application(received_on=date(2026, 12, 14), actor=clerk)
    theirs = make_application(received_on=date(2026, 12, 14))
    theirs.assignee = colleague
    theirs.save(update_fields=["assignee"])
    mine = make_application(received_on=date(2026, 12, 11))
    mine.assignee = clerk
    mine.save(update_fields=["assignee"])
    client.force_login(clerk)
    response = client.get(reverse("applications:inbox"))
    assert [row["app"] for row in response.context["rows"]] == [mine, registered]
    page = response.content.decode()
    assert "新登记的申请由处室负责人或分管领导分配承办人" in page
    assert (
        '<a href="/staff/applications/?who=todo&amp;status=pending" aria-current="page">待办'
        in (page)
    )
    # The colleague's case is one click away.
    assert theirs in _rows(client, who="all", status="")


def test_a_replied_case_stays_in_the_default_view_until_delivered_and_has_its_own_tab(
    client, make_application, clerk, handler
):
    case = make_application(received_on=date(2026, 12, 1))
    services.application_accept(application=case, actor=handler, on=date(2026, 12, 2))
    services.application_reply(
        application=case, actor=handler, on=date(2026, 12, 3), outcome="disclosed"
    )
    open_case = make_application(received_on=date(2026, 12, 14))
    client.force_login(clerk)
    assert _rows(client) == [open_case, case]
    page = client.get(reverse("applications:inbox")).content.decode()
    assert "已答复待送达</a>" in page and "全部</a>" in page
    assert _rows(client, who="all", status="replied") == [case]
    services.application_deliver(
        application=case, actor=handler, on=date(2026, 12, 4), method="直接送达"
    )
    assert _rows(client) == [open_case]
    assert set(_rows(client, who="all", status="")) == {open_case, case}


def test_those_who_assign_start_on_every_case_the_office_owes(
    client, make_application, clerk, division_head, agency
):
    colleague = make_staff("colleague", agency, Role.CLERK)
    theirs = make_application(received_on=date(2026, 12, 14))
    theirs.assignee = colleague
    theirs.save(update_fields=["assignee"])
    client.force_login(division_head)
    assert _rows(client) == [theirs]


def test_a_filter_error_is_shown_once_beside_its_field(client, clerk):
    # The filter form shows each error under its field; a second list below repeated them.
    client.force_login(clerk)
    page = client.get(reverse("applications:inbox"), {"due": "someday"}).content.decode()
    assert page.count("someday 不在可用的选项中") == 1
    assert 'id="id_due_error"' in page
