from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.accounts.models import Role
from gongkai.applications import services
from gongkai.applications.models import Channel, ReceiptBasis
from gongkai.applications.services import application_intake
from gongkai.conftest import make_staff
from gongkai.workdays import calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")

APPLICANT = {
    "applicant_kind": "natural_person",
    "applicant_name": "陈志明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "email": "chen.zhiming@example.com",
    "address": "上海市徐汇区漕溪北路88号",
    "postcode": "200030",
    "description": "2025年度本市司法鉴定机构年度检查结果及被责令整改的机构名单",
    "document_number": "",
    "delivery": "electronic",
}


def at(day: date, hour: int = 10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def today():
    """Applications tests run on 2026-12-15 unless a test travels elsewhere."""
    calendar.invalidate()
    with time_machine.travel(at(date(2026, 12, 15)), tick=False):
        yield date(2026, 12, 15)
    calendar.invalidate()


@pytest.fixture
def handler(agency):
    """One person holding every application role in the agency, for walking the whole flow."""
    return make_staff("allroles", agency, Role.CLERK, Role.DIVISION_HEAD, Role.LEADER)


@pytest.fixture
def make_application(agency, clerk):
    def make(
        received_on=date(2026, 9, 25),
        organization=None,
        channel=Channel.IN_PERSON,
        actor=None,
        **data,
    ):
        app, _ = application_intake(
            organization=organization or agency,
            data={**APPLICANT, **data},
            channel=channel,
            submitted_on=received_on,
            received_on=received_on,
            receipt_basis=ReceiptBasis.SUBMITTED,
            actor=actor or clerk,
        )
        return app

    return make


@pytest.fixture
def accepted(make_application, handler):
    """A case received 2026-09-25 (reply due 2026-10-29) and accepted on 09-28."""
    app = make_application(received_on=date(2026, 9, 25))
    services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))
    return app


@pytest.fixture
def in_progress(accepted, handler):
    """The accepted case, started on 2026-09-29."""
    services.application_start(application=accepted, actor=handler, on=date(2026, 9, 29))
    return accepted


def consult(app, actor, on, **kwargs):
    """Consult a third party on `app` (the party's name is not what the tests are about)."""
    return services.application_consult(
        application=app,
        actor=actor,
        on=on,
        party="third_party",
        party_name="上海某司法鉴定所",
        **kwargs,
    )
