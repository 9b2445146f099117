"""Fixed personas shared by every app's tests: one office, one person per role, an outsider."""

import pytest

from gongkai.accounts.models import Organization, OrganizationKind, Role, RoleGrant, User
from gongkai.lib.tests.celery_fixtures import celery_eager, celery_worker  # noqa: F401

PASSWORD = "Test-Passw0rd-2026"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Request throttles count in a process-wide cache: each test starts from zero."""
    from django.core.cache import caches

    caches["throttle"].clear()


@pytest.fixture
def agency(db) -> Organization:
    return Organization.objects.create(
        name="上海市司法局",
        code="shsfj",
        kind=OrganizationKind.AGENCY,
        office_name="上海市司法局政府信息公开受理点",
        office_address="上海市徐汇区小木桥路470号",
        office_phone="021-53899700",
    )


@pytest.fixture
def division(agency) -> Organization:
    return Organization.objects.create(
        name="上海市司法局司法鉴定管理处",
        short_name="司法鉴定管理处",
        code="shsfj-sfjd",
        kind=OrganizationKind.DIVISION,
        parent=agency,
    )


@pytest.fixture
def district(agency) -> Organization:
    return Organization.objects.create(
        name="上海市徐汇区司法局",
        code="xh-sfj",
        kind=OrganizationKind.SUBORDINATE,
        parent=agency,
    )


@pytest.fixture
def other_agency(db) -> Organization:
    return Organization.objects.create(
        name="上海市民政局",
        code="shmzj",
        kind=OrganizationKind.AGENCY,
    )


def make_staff(username: str, organization: Organization, *roles: Role) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        organization=organization,
        full_name=username,
    )
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


@pytest.fixture
def clerk(agency):
    return make_staff("clerk", agency, Role.CLERK)


@pytest.fixture
def division_head(agency):
    return make_staff("chief", agency, Role.DIVISION_HEAD)


@pytest.fixture
def legal_reviewer(agency):
    return make_staff("legal", agency, Role.LEGAL_REVIEWER)


@pytest.fixture
def leader(agency):
    return make_staff("leader", agency, Role.LEADER)


@pytest.fixture
def admin_user(agency):
    return make_staff("sysadmin", agency, Role.ADMIN)


@pytest.fixture
def district_clerk(district):
    return make_staff("xhclerk", district, Role.CLERK)


@pytest.fixture
def outsider(other_agency):
    """A clerk of another agency: must never see or touch this office's records."""
    return make_staff("outsider", other_agency, Role.CLERK)


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path_factory):
    """Applicants' files of a test go to a fresh directory, never into the working tree's var/."""
    settings.GONGKAI_PRIVATE_DIR = tmp_path_factory.mktemp("private")
    return settings.GONGKAI_PRIVATE_DIR
