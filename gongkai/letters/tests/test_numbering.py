"""文号: one sequence per office, kind and year, in the office's pattern, never reused."""

import threading
from datetime import date

import pytest
import time_machine
from django.db import connection, connections

from gongkai.applications import services as app_services
from gongkai.applications.outcomes import Outcome
from gongkai.letters import services
from gongkai.letters.models import Letter, LetterKind, LetterSettings
from gongkai.letters.rendering import LetterError


def test_each_kind_has_its_own_yearly_sequence_in_the_configured_pattern(
    make_application, handler, agency, admin_user
):
    services.settings_save(
        organization=agency,
        actor=admin_user,
        review_body="上海市人民政府",
        abbreviation="沪司",
        patterns={LetterKind.RECEIPT: "{代字}信公〔{年}〕第{号}号"},
    )
    first = make_application(received_on=date(2026, 9, 25))
    second = make_application(received_on=date(2026, 9, 28))
    receipts = Letter.objects.filter(kind=LetterKind.RECEIPT).order_by("serial")
    assert [x.number for x in receipts] == ["沪司信公〔2026〕第1号", "沪司信公〔2026〕第2号"]
    app_services.application_accept(application=first, actor=handler, on=date(2026, 9, 28))
    app_services.application_reply(
        application=first, actor=handler, on=date(2026, 10, 9), outcome=Outcome.DISCLOSED
    )
    assert first.letters.get(kind=LetterKind.REPLY).number == "沪司信公复〔2026〕第1号"
    assert second.letters.get().year == 2026
    # a new year starts again at 1
    with time_machine.travel(date(2027, 1, 6), tick=False):
        third = make_application(received_on=date(2027, 1, 5))
    assert third.letters.get().number == "沪司信公〔2027〕第1号"


def test_a_pattern_without_the_serial_or_with_an_unknown_field_is_refused(agency, admin_user):
    with pytest.raises(LetterError, match="须包含 \\{年\\} 和 \\{号\\}"):
        services.settings_save(
            organization=agency,
            actor=admin_user,
            review_body="",
            abbreviation="",
            patterns={LetterKind.REPLY: "沪司〔{年}〕"},
        )
    with pytest.raises(LetterError, match="“\\{序号\\}”无法识别"):
        services.settings_save(
            organization=agency,
            actor=admin_user,
            review_body="",
            abbreviation="",
            patterns={LetterKind.REPLY: "沪司〔{年}〕第{序号}号"},
        )
    assert not LetterSettings.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises whole transactions, so row locks prove nothing there",
)
def test_concurrent_signing_gives_consecutive_numbers_without_gaps_or_repeats(
    make_application, handler
):
    cases = []
    for _ in range(6):
        app = make_application(received_on=date(2026, 9, 25))
        app_services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))
        cases.append(app)
    barrier = threading.Barrier(len(cases))
    errors = []

    def sign(app):
        try:
            barrier.wait()
            app_services.application_reply(
                application=app, actor=handler, on=date(2026, 10, 9), outcome=Outcome.DISCLOSED
            )
        except Exception as exc:  # asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(app,)) for app in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    serials = sorted(Letter.objects.filter(kind=LetterKind.REPLY).values_list("serial", flat=True))
    assert serials == [1, 2, 3, 4, 5, 6]
    numbers = set(Letter.objects.filter(kind=LetterKind.REPLY).values_list("number", flat=True))
    assert len(numbers) == 6
