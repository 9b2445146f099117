"""Dates staff type in: never in the future, never before the case's earlier steps, never a crash."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, Notification, Outcome, Status
from gongkai.applications.services import TransitionError, clock_for
from gongkai.applications.views import TRANSITION_VIEWS

from .conftest import consult

# ------------------------------------------------------------ far-future dates (#1)


def test_a_consultation_dated_9999_12_31_is_refused_in_chinese_not_a_crash(in_progress, handler):
    with pytest.raises(TransitionError, match="征求意见的日期不能晚于今天"):
        consult(in_progress, handler, date(9999, 12, 31))
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS


def test_the_consult_form_refuses_a_far_future_date_with_a_field_error(
    client, in_progress, handler
):
    client.force_login(handler)
    response = client.post(
        reverse("applications:transition", args=[in_progress.pk, "consult"]),
        {
            "consult-on": "9999-12-31",
            "consult-party": "third_party",
            "consult-party_name": "上海某司法鉴定所",
        },
    )
    assert response.status_code == 400
    assert "日期不能晚于今天。" in response.content.decode()
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS


def test_a_step_dated_before_2004_is_refused_on_the_form(client, make_application, handler):
    app = make_application()
    client.force_login(handler)
    response = client.post(
        reverse("applications:transition", args=[app.pk, "accept"]), {"accept-on": "0001-01-01"}
    )
    assert response.status_code == 400
    assert "日期不能早于 2004-01-01。" in response.content.decode()


@pytest.mark.parametrize(
    "form_class", [c for c, _ in TRANSITION_VIEWS.values() if "on" in c.base_fields]
)
@pytest.mark.parametrize(
    ("typed", "message"),
    [("0001-01-01", "日期不能早于 2004-01-01。"), ("9999-12-31", "日期不能晚于今天。")],
)
def test_every_dated_step_form_keeps_its_date_between_2004_and_today(form_class, typed, message):
    form = form_class({"on": typed})
    assert not form.is_valid()
    assert form.errors["on"] == [message]


# ------------------------------------------------------------ correction dates (#2)


def test_a_correction_cannot_be_received_before_it_was_requested(accepted, handler):
    app = accepted
    services.application_request_correction(
        application=app,
        actor=handler,
        on=date(2026, 10, 9),
        items="请写明所需鉴定机构的名称",
        correct_by=date(2026, 10, 30),
    )
    with pytest.raises(TransitionError, match="不能早于发出补正告知的日期（2026-10-09）"):
        services.application_receive_correction(
            application=app, actor=handler, on=date(2026, 9, 29)
        )
    app.refresh_from_db()
    assert app.status == Status.CORRECTION_REQUESTED
    services.application_receive_correction(application=app, actor=handler, on=date(2026, 10, 9))
    app.refresh_from_db()
    assert app.status == Status.CORRECTED
    assert app.due_on == clock_for(app).due_on == date(2026, 11, 5)  # 10/10 is a make-up day
    assert Application.objects.running().filter(pk=app.pk).exists()


# ------------------------------------------------------------ consultation after the deadline (#3)


def test_a_consultation_after_the_due_date_is_refused_and_the_case_stays_overdue(
    in_progress, handler
):
    with pytest.raises(TransitionError, match="答复期限已于 2026-10-29 届满，不能再征求意见"):
        consult(in_progress, handler, date(2026, 12, 14))
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS
    assert list(Application.objects.overdue()) == [in_progress]
    assert clock_for(in_progress).overdue


def test_a_consultation_on_the_due_date_itself_is_allowed(in_progress, handler):
    consult(in_progress, handler, date(2026, 10, 29))
    in_progress.refresh_from_db()
    assert in_progress.status == Status.CONSULTING


# ------------------------------------------------------------ out-of-order dates (#5)


def test_a_reply_dated_before_the_case_was_started_is_refused(in_progress, handler):
    with pytest.raises(
        TransitionError, match=r"答复的日期不能早于本案上一项办理记录的日期（2026-09-29，开始办理）"
    ):
        services.application_reply(
            application=in_progress, actor=handler, on=date(2026, 9, 28), outcome=Outcome.DISCLOSED
        )
    services.application_reply(
        application=in_progress, actor=handler, on=date(2026, 9, 29), outcome=Outcome.DISCLOSED
    )


def test_a_reply_dated_before_a_consultation_ended_is_refused(in_progress, handler):
    consult(in_progress, handler, date(2026, 10, 12))
    services.application_end_consultation(
        application=in_progress, actor=handler, on=date(2026, 10, 16), result="同意公开"
    )
    with pytest.raises(TransitionError, match="（2026-10-16，征求意见结束）"):
        services.application_reply(
            application=in_progress, actor=handler, on=date(2026, 10, 14), outcome=Outcome.DISCLOSED
        )


def test_a_second_consultation_backdated_into_the_first_is_refused_and_no_pause_is_lost(
    in_progress, handler
):
    consult(in_progress, handler, date(2026, 10, 12))
    services.application_end_consultation(
        application=in_progress, actor=handler, on=date(2026, 10, 16), result="同意公开"
    )
    with pytest.raises(TransitionError, match="征求意见的日期不能早于本案上一项办理记录的日期"):
        consult(in_progress, handler, date(2026, 10, 14))
    in_progress.refresh_from_db()
    assert in_progress.due_on == date(2026, 11, 4)  # the first pause, 4 working days, still counts
    assert in_progress.events.filter(kind="consult").count() == 1


def test_an_assignment_recorded_today_does_not_block_backdated_steps(
    make_application, handler, clerk
):
    app = make_application(received_on=date(2026, 9, 25))
    services.application_assign(application=app, actor=handler, assignee=clerk)  # dated today
    services.application_accept(application=app, actor=clerk, on=date(2026, 9, 28))
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED


def test_steps_on_the_same_day_as_the_previous_one_are_allowed(make_application, handler):
    app = make_application(received_on=date(2026, 9, 25))
    services.application_accept(application=app, actor=handler, on=date(2026, 9, 25))
    services.application_start(application=app, actor=handler, on=date(2026, 9, 25))
    services.application_reply(
        application=app, actor=handler, on=date(2026, 9, 25), outcome=Outcome.DISCLOSED
    )


# ------------------------------------------------------------ stale copies (#12)


def test_an_assignment_reads_the_previous_assignee_from_the_locked_row(
    make_application, handler, clerk
):
    app = make_application()
    stale = Application.objects.get(pk=app.pk)
    services.application_assign(application=app, actor=handler, assignee=clerk)
    services.application_assign(application=stale, actor=handler, assignee=handler)
    event = app.events.filter(kind="assign").latest("pk")
    assert event.context == {"assignee": "allroles", "previous": "clerk"}


def test_a_transfer_reads_the_organization_it_leaves_from_the_locked_row(
    make_application, handler, district, other_agency, admin_user
):
    from gongkai.accounts.models import Role
    from gongkai.conftest import make_staff

    app = make_application()
    stale = Application.objects.select_related("organization").get(pk=app.pk)
    services.application_transfer(
        application=app, actor=handler, to_organization=district, reason="属于区司法局职责"
    )
    # Someone over both agencies moves it on again from a page loaded before the first move.
    boss = make_staff("boss", handler.organization, Role.LEADER)
    services.application_transfer(
        application=stale, actor=boss, to_organization=other_agency, reason="属于其他机关职责"
    )
    event = app.events.filter(kind="transfer").latest("pk")
    assert event.context["from"] == "上海市徐汇区司法局"


def test_an_assignment_whose_notice_fails_is_rolled_back(
    make_application, handler, clerk, monkeypatch
):
    from gongkai.applications import notifications

    def broken(*args, **kwargs):
        raise RuntimeError("notice table unavailable")

    monkeypatch.setattr(notifications, "notify_assigned", broken)
    app = make_application()
    with pytest.raises(RuntimeError):
        services.application_assign(application=app, actor=handler, assignee=clerk)
    app.refresh_from_db()
    assert app.assignee is None and not app.events.filter(kind="assign").exists()
    assert not Notification.objects.exists()


# ------------------------------------------------------------ intake dates (#9, #10)


def test_a_letter_posted_in_december_and_signed_for_in_january_belongs_to_the_new_year(
    agency, clerk
):
    import time_machine

    from gongkai.applications.models import Channel, ReceiptBasis

    from .conftest import APPLICANT, at

    with time_machine.travel(at(date(2027, 1, 5)), tick=False):
        app, _ = services.application_intake(
            organization=agency,
            data=APPLICANT,
            channel=Channel.LETTER,
            submitted_on=date(2026, 12, 29),
            received_on=date(2027, 1, 4),
            receipt_basis=ReceiptBasis.SIGNED_FOR,
            actor=clerk,
        )
    assert app.year == 2027 and app.tracking_number == "shsfj-2027-000001"


def test_intake_refuses_dates_before_2004(agency, clerk):
    from gongkai.applications.models import Channel, ReceiptBasis

    from .conftest import APPLICANT

    with pytest.raises(TransitionError, match="日期不能早于 2004-01-01"):
        services.application_intake(
            organization=agency,
            data=APPLICANT,
            channel=Channel.IN_PERSON,
            submitted_on=date(1, 1, 1),
            received_on=date(1, 1, 1),
            receipt_basis=ReceiptBasis.SUBMITTED,
            actor=clerk,
        )
    assert not Application.objects.exists()


def test_the_staff_intake_form_refuses_a_submission_date_before_2004(client, clerk, agency):
    from .conftest import APPLICANT

    client.force_login(clerk)
    response = client.post(
        reverse("applications:intake"),
        {
            **APPLICANT,
            "organization": agency.pk,
            "channel": "in_person",
            "submitted_on": "0001-01-01",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["submitted_on"] == ["日期不能早于 2004-01-01。"]
    assert not Application.objects.exists()


def test_a_date_the_calendar_cannot_count_from_is_shown_as_an_error_not_a_crash(
    client, in_progress, handler, monkeypatch
):
    from gongkai.lib import workdays

    real = workdays.add_workdays

    def overflow(start, n, calendar=None):  # only the consultation's 15 days overflow
        if n == 15:
            raise workdays.DateOutOfRange(start, n)
        return real(start, n, calendar)

    monkeypatch.setattr(workdays, "add_workdays", overflow)
    client.force_login(handler)
    response = client.post(
        reverse("applications:transition", args=[in_progress.pk, "consult"]),
        {
            "consult-on": "2026-10-12",
            "consult-party": "third_party",
            "consult-party_name": "上海某司法鉴定所",
        },
    )
    assert response.status_code == 409
    assert "超出可计算的范围" in response.content.decode()
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS
