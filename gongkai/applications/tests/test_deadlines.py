"""The clock as the services drive it: correction, consultation and extension rules."""

from datetime import date

import pytest

from gongkai.applications import services
from gongkai.applications.models import Outcome, Status
from gongkai.applications.services import TransitionError, clock_for


def test_intake_stores_the_first_due_date(make_application):
    assert make_application(received_on=date(2026, 9, 25)).due_on == date(2026, 10, 29)


def test_a_correction_pauses_the_clock_and_the_corrected_application_restarts_it(accepted, handler):
    app = accepted
    services.application_request_correction(
        application=app,
        actor=handler,
        on=date(2026, 10, 9),
        items="请补充所需信息的文号",
        correct_by=date(2026, 10, 30),
    )
    app.refresh_from_db()
    assert app.status == Status.CORRECTION_REQUESTED and app.due_on is None
    services.application_receive_correction(application=app, actor=handler, on=date(2026, 10, 20))
    app.refresh_from_db()
    assert app.status == Status.CORRECTED and app.due_on == date(2026, 11, 17)
    # A second one-time notice counts its 7 working days from the correction.
    services.application_request_correction(
        application=app,
        actor=handler,
        on=date(2026, 10, 29),
        items="仍请写明年份",
        correct_by=date(2026, 11, 20),
    )


def test_a_correction_notice_after_seven_working_days_is_refused(accepted, handler):
    app = accepted
    with pytest.raises(TransitionError, match="7个工作日内（2026-10-12 前）发出"):
        services.application_request_correction(
            application=app,
            actor=handler,
            on=date(2026, 10, 13),
            items="补充",
            correct_by=date(2026, 11, 1),
        )
    services.application_request_correction(
        application=app,
        actor=handler,
        on=date(2026, 10, 12),
        items="补充",
        correct_by=date(2026, 11, 2),
    )


def test_abandonment_waits_for_the_correction_deadline_and_records_the_outcome(accepted, handler):
    app = accepted
    services.application_request_correction(
        application=app,
        actor=handler,
        on=date(2026, 9, 30),
        items="补充身份证明",
        correct_by=date(2026, 10, 20),
    )
    with pytest.raises(TransitionError, match="补正期限 2026-10-20 尚未届满"):
        services.application_abandon(application=app, actor=handler, on=date(2026, 10, 20))
    services.application_abandon(application=app, actor=handler, on=date(2026, 10, 21))
    app.refresh_from_db()
    assert app.status == Status.ABANDONED
    assert (app.outcome, app.legacy_outcome) == ("other.no_correction", "correction_requested")


def test_consultation_time_is_excluded_from_the_stored_due_date(in_progress, handler):
    services.application_consult(
        application=in_progress,
        actor=handler,
        on=date(2026, 10, 12),
        party="third_party",
        party_name="某律师事务所",
    )
    event = in_progress.events.get(kind="consult")
    assert event.context["response_due"] == "2026-11-02"  # its own 15 working days
    with pytest.raises(TransitionError, match="不能早于发出日期（2026-10-12）"):
        services.application_end_consultation(
            application=in_progress, actor=handler, on=date(2026, 10, 11), result="同意"
        )
    services.application_end_consultation(
        application=in_progress, actor=handler, on=date(2026, 10, 16), result="同意公开"
    )
    in_progress.refresh_from_db()
    assert in_progress.due_on == date(2026, 11, 4)


def test_an_extension_of_up_to_twenty_working_days_moves_the_due_date(in_progress, leader):
    services.application_extend(
        application=in_progress, actor=leader, on=date(2026, 10, 26), days=20, reason="涉及多个处室"
    )
    in_progress.refresh_from_db()
    assert in_progress.due_on == date(2026, 11, 26)
    event = in_progress.events.get(kind="extend")
    assert event.context == {"days": 20, "reason": "涉及多个处室", "approver_name": "leader"}


def test_it_refuses_an_extension_beyond_20_working_days(in_progress, leader):
    with pytest.raises(TransitionError, match="最长不得超过20个工作日"):
        services.application_extend(
            application=in_progress, actor=leader, on=date(2026, 10, 26), days=21, reason="x"
        )
    services.application_extend(
        application=in_progress, actor=leader, on=date(2026, 10, 26), days=10, reason="调档"
    )
    with pytest.raises(TransitionError, match="已延期 10 个工作日，最多还可延期 10 个工作日"):
        services.application_extend(
            application=in_progress, actor=leader, on=date(2026, 10, 27), days=11, reason="再调档"
        )
    services.application_extend(
        application=in_progress, actor=leader, on=date(2026, 10, 27), days=10, reason="再调档"
    )
    assert clock_for(in_progress).extension_days == 20


def test_it_refuses_an_extension_after_the_deadline_has_passed(in_progress, leader):
    with pytest.raises(TransitionError, match="已于 2026-10-29 届满"):
        services.application_extend(
            application=in_progress, actor=leader, on=date(2026, 10, 30), days=5, reason="迟了"
        )


def test_it_refuses_an_extension_without_a_reason_or_days(in_progress, leader):
    with pytest.raises(TransitionError, match="请填写延期理由"):
        services.application_extend(application=in_progress, actor=leader, days=5, reason=" ")
    with pytest.raises(TransitionError, match="至少为1个工作日"):
        services.application_extend(application=in_progress, actor=leader, days=0, reason="x")


def test_the_queryset_finds_overdue_and_due_soon_cases(make_application, handler):
    late = make_application(received_on=date(2026, 11, 2))  # due 2026-11-30
    soon = make_application(received_on=date(2026, 11, 20))  # due 2026-12-18
    done = make_application(received_on=date(2026, 11, 2))
    services.application_accept(application=done, actor=handler, on=date(2026, 11, 3))
    services.application_reply(
        application=done, actor=handler, on=date(2026, 11, 20), outcome=Outcome.DISCLOSED
    )
    from gongkai.applications.models import Application

    assert list(Application.objects.overdue()) == [late]
    assert set(Application.objects.due_by(date(2026, 12, 18))) == {late, soon}
