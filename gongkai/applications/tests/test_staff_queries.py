"""Who may handle or assign a case is chosen in SQL: the case page and `remind` do not run a
query per staff member."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.accounts.models import Organization, OrganizationKind, Role, User
from gongkai.accounts.permissions import Action, can
from gongkai.applications.notifications import remind
from gongkai.applications.permissions import staff_who_can
from gongkai.conftest import make_staff


@pytest.fixture
def tree(agency, division, district, other_agency):
    xh_office = Organization.objects.create(
        name="上海市徐汇区司法局办公室",
        code="xh-sfj-bgs",
        kind=OrganizationKind.DIVISION,
        parent=district,
    )
    return [agency, division, district, xh_office, other_agency]


def test_staff_who_can_agrees_with_can_for_every_person_action_and_organization(tree):
    agency, division, district, xh_office, other_agency = tree
    everyone = [
        make_staff("a-clerk", agency, Role.CLERK),
        make_staff("a-chief", agency, Role.DIVISION_HEAD),
        make_staff("a-leader", agency, Role.LEADER, Role.LEGAL_REVIEWER),
        make_staff("d-clerk", division, Role.CLERK),
        make_staff("d-chief", division, Role.DIVISION_HEAD),
        make_staff("x-clerk", district, Role.CLERK),
        make_staff("x-office", xh_office, Role.CLERK, Role.DIVISION_HEAD),
        make_staff("m-clerk", other_agency, Role.CLERK),
        make_staff("admin", agency, Role.ADMIN),
    ]
    gone = make_staff("gone", agency, Role.CLERK, Role.LEADER)
    gone.is_active = False
    gone.save()
    nowhere = User.objects.create_user(username="nowhere", password="x")
    nowhere.role_grants.create(role=Role.CLERK)
    everyone += [gone, nowhere]
    for action in (
        Action.APPLICATION_HANDLE,
        Action.APPLICATION_ASSIGN,
        Action.APPLICATION_SIGN_REPLY,
        Action.WORKDAYS_MANAGE,  # held only by the unscoped administrator
    ):
        for org in tree:
            fresh = User.objects.filter(pk__in=[u.pk for u in everyone])
            expected = {u.username for u in fresh if can(u, action, org.pk)}
            got = {u.username for u in staff_who_can(action, org.pk)}
            assert got == expected, (action, org.code)


def test_the_case_page_runs_the_same_number_of_queries_however_many_staff_there_are(
    client, make_application, handler, agency, division, district, django_assert_max_num_queries
):
    app = make_application()
    client.force_login(handler)
    url = reverse("applications:detail", args=[app.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        page = client.get(url)
    assert "allroles" in page.content.decode()
    for n in range(15):
        make_staff(f"clerk{n}", [agency, division, district][n % 3], Role.CLERK)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    text = page.content.decode()
    # The agency's and its division's new clerks are offered; the district bureau's are not.
    assert ">clerk12<" in text and ">clerk13<" in text and ">clerk14<" not in text


def test_remind_finds_who_may_assign_without_a_query_per_staff_member(
    make_application, agency, division_head, leader, django_assert_max_num_queries
):
    make_application(received_on=date(2026, 11, 2))
    make_application(received_on=date(2026, 11, 3))
    from gongkai.applications.models import Application, Notification

    def again():
        Notification.objects.all().delete()
        Application.objects.update(reminded_on=None)

    with django_assert_max_num_queries(80) as few:
        remind()
    for n in range(12):
        make_staff(f"head{n}", agency, Role.DIVISION_HEAD)
    again()
    # 12 more recipients per case: 2 × 12 more notification rows, nothing else.
    with django_assert_max_num_queries(len(few.captured_queries) + 24):
        result = remind()
    assert result.notifications == 2 * 14
