"""The day a case got its outcome: the annual report counts the outcome in that year and carries
every case still without one at 31 December into the next."""

from datetime import date

from gongkai.applications import services


def test_a_reply_closes_the_case_on_its_day(accepted, handler):
    services.application_start(application=accepted, actor=handler, on=date(2026, 9, 29))
    assert accepted.closed_on is None
    services.application_reply(
        application=accepted, actor=handler, on=date(2026, 10, 9), outcome="disclosed"
    )
    accepted.refresh_from_db()
    assert (accepted.replied_on, accepted.closed_on) == (date(2026, 10, 9), date(2026, 10, 9))


def test_an_abandoned_case_is_closed_on_the_day_it_was_deemed_abandoned(accepted, handler):
    services.application_request_correction(
        application=accepted,
        actor=handler,
        on=date(2026, 9, 30),
        items="补充身份证明",
        correct_by=date(2026, 10, 20),
    )
    services.application_abandon(application=accepted, actor=handler, on=date(2026, 10, 21))
    accepted.refresh_from_db()
    assert accepted.replied_on is None
    assert accepted.closed_on == date(2026, 10, 21)
