"""Each role may do exactly what the role table says, within its own organization's subtree."""

import pytest

from gongkai.accounts.models import Organization, Role
from gongkai.accounts.permissions import Action, can, organizations_for, require
from gongkai.conftest import make_staff

A = Action
# The whole matrix: role -> the actions it must be able to do. Everything else is refused.
EXPECTED = {
    Role.CLERK: {
        A.VIEW_WORKSPACE,
        A.ANALYTICS_VIEW,
        A.CONSULTATION_RECORD,
        A.CATALOG_DRAFT,
        A.APPLICATION_INTAKE,
        A.APPLICATION_HANDLE,
        A.APPEAL_RECORD,
        A.PROPOSAL_RECORD,
        A.REPORT_COMPOSE,
        A.REPORT_IMPORT,
    },
    Role.DIVISION_HEAD: {
        A.VIEW_WORKSPACE,
        A.ANALYTICS_VIEW,
        A.CONSULTATION_RECORD,
        A.CATALOG_DRAFT,
        A.CATALOG_REVIEW_DIVISION,
        A.CATALOG_WITHDRAW,
        A.APPLICATION_HANDLE,
        A.APPLICATION_ASSIGN,
        A.APPLICATION_APPROVE_EXTENSION,
        A.APPLICATION_REVIEW_DIVISION,
        A.REPORT_COMPOSE,
    },
    Role.LEGAL_REVIEWER: {
        A.VIEW_WORKSPACE,
        A.ANALYTICS_VIEW,
        A.CONSULTATION_RECORD,
        A.CATALOG_REVIEW_LEGAL,
        A.APPLICATION_REVIEW_LEGAL,
    },
    Role.LEADER: {
        A.VIEW_WORKSPACE,
        A.ANALYTICS_VIEW,
        A.CONSULTATION_RECORD,
        A.CATALOG_REVIEW_LEADER,
        A.CATALOG_WITHDRAW,
        A.CATALOG_EDIT_GUIDE,
        A.APPLICATION_APPROVE_EXTENSION,
        A.APPLICATION_SIGN_REPLY,
        A.APPLICATION_ASSIGN,
        A.REPORT_APPROVE,
    },
    Role.ADMIN: {
        A.VIEW_WORKSPACE,
        A.ANALYTICS_VIEW,
        A.CONSULTATION_RECORD,
        A.AUDIT_VIEW,
        A.ORGANIZATION_MANAGE,
        A.STAFF_MANAGE,
        A.WORKDAYS_MANAGE,
        A.CATALOG_EDIT_GUIDE,
        A.REPORT_IMPORT,
    },
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_each_role_can_do_exactly_its_actions_in_its_own_organization(role, action, agency):
    user = make_staff(f"u-{role}", agency, role)
    assert can(user, action, agency) is (action in EXPECTED[role])


def test_a_clerk_acts_on_sub_organizations_but_not_on_the_parent_or_other_agencies(
    agency, district, other_agency
):
    district_clerk = make_staff("d", district, Role.CLERK)
    assert can(district_clerk, Action.CATALOG_DRAFT, district)
    assert not can(district_clerk, Action.CATALOG_DRAFT, agency)
    city_clerk = make_staff("c", agency, Role.CLERK)
    assert can(city_clerk, Action.CATALOG_DRAFT, district)
    assert not can(city_clerk, Action.CATALOG_DRAFT, other_agency)


def test_a_system_administrator_manages_every_organization(admin_user, other_agency):
    assert can(admin_user, Action.ORGANIZATION_MANAGE, other_agency)
    assert set(organizations_for(admin_user, Action.ORGANIZATION_MANAGE)) >= {other_agency}
    # ...but not the office's casework, which no role of theirs grants.
    assert not can(admin_user, Action.APPLICATION_HANDLE, other_agency)


def test_an_inactive_or_anonymous_user_can_do_nothing(clerk, agency):
    from django.contrib.auth.models import AnonymousUser

    clerk.is_active = False
    assert not can(clerk, Action.VIEW_WORKSPACE)
    assert not can(AnonymousUser(), Action.VIEW_WORKSPACE)


def test_require_raises_a_chinese_permission_error(legal_reviewer, agency):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="没有权限"):
        require(legal_reviewer, Action.CATALOG_DRAFT, agency)


def test_organizations_for_a_clerk_is_their_subtree(agency, district, other_agency):
    user = make_staff("c2", agency, Role.CLERK)
    assert set(organizations_for(user, Action.CATALOG_DRAFT)) == {agency, district}
    assert not organizations_for(user, Action.AUDIT_VIEW).exists()


def test_staff_of_a_division_act_for_their_agency_and_its_other_divisions(
    agency, division, district
):
    head = make_staff("h", division, Role.DIVISION_HEAD)
    assert can(head, Action.CATALOG_REVIEW_DIVISION, agency)
    assert can(head, Action.CATALOG_REVIEW_DIVISION, district)
    district_division = Organization.objects.create(
        name="徐汇区司法局办公室", code="xh-bgs", kind="division", parent=district
    )
    district_head = make_staff("dh", district_division, Role.DIVISION_HEAD)
    assert can(district_head, Action.CATALOG_REVIEW_DIVISION, district)
    assert not can(district_head, Action.CATALOG_REVIEW_DIVISION, agency)


def test_an_administrator_is_unscoped_only_for_running_the_site(admin_user, other_agency, agency):
    assert can(admin_user, Action.STAFF_MANAGE, other_agency)
    assert can(admin_user, Action.CATALOG_EDIT_GUIDE, agency)
    assert not can(admin_user, Action.CATALOG_EDIT_GUIDE, other_agency)
    assert not can(admin_user, Action.REPORT_IMPORT, other_agency)
