from datetime import date

import pytest

from gongkai.applications import services as application_services
from gongkai.applications.tests.conftest import (  # noqa: F401  (fixtures)
    accepted,
    at,
    handler,
    make_application,
    today,
)


@pytest.fixture
def answered(accepted, handler):  # noqa: F811  (the imported fixtures)
    """The accepted case, answered on 2026-10-20 and delivered on 10-22."""
    application_services.application_start(
        application=accepted, actor=handler, on=date(2026, 9, 29)
    )
    application_services.application_reply(
        application=accepted,
        actor=handler,
        outcome="unable_to_provide.not_held",
        on=date(2026, 10, 20),
        summary="本机关未制作或获取该信息。",
    )
    application_services.application_deliver(
        application=accepted, actor=handler, on=date(2026, 10, 22), method="邮寄"
    )
    return accepted
