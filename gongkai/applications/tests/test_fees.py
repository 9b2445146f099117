"""信息处理费: off unless turned on, 按件 counted per applicant by ID number per calendar month,
the clock stopped from the notice until payment, the lapse confirmed by a person, the year's
figures."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.applications import fees, services
from gongkai.applications.models import (
    Application,
    FeeMethod,
    FeeNotice,
    FeeSetting,
    FeeStatus,
    Outcome,
    Status,
)
from gongkai.applications.services import TransitionError

OTHER_ID = "310101199001011237"


@pytest.fixture
def charging(agency):
    FeeSetting.objects.create(organization=agency, enabled=True)


def many(make_application, n, received_on=date(2026, 9, 25), **data):
    return [make_application(received_on=received_on, **data) for _ in range(n)]


def test_fees_are_off_unless_the_office_turns_them_on(in_progress, handler):
    with pytest.raises(TransitionError, match="未开启信息处理费"):
        fees.application_fee_notice(
            application=in_progress, actor=handler, method=FeeMethod.PER_PAGE, pages=250
        )
    assert not FeeNotice.objects.exists()


def test_the_office_head_turns_fees_on_and_it_is_audited(agency, division_head, clerk):

    from gongkai.accounts.models import AuditEntry

    with pytest.raises(PermissionDenied):
        fees.fee_setting_save(organization=agency, enabled=True, actor=clerk)
    fees.fee_setting_save(organization=agency, enabled=True, actor=division_head)
    assert fees.fees_enabled(agency.pk)
    assert AuditEntry.objects.filter(action="applications.fee_setting").count() == 1


def test_the_11th_application_of_a_month_by_one_id_number_costs_100_yuan(make_application):
    apps = many(make_application, 11)
    assert fees.quote(application=apps[9], method=FeeMethod.PER_APPLICATION).amount == 0
    eleventh = fees.quote(application=apps[10], method=FeeMethod.PER_APPLICATION)
    assert eleventh.ordinal == 11 and eleventh.amount == 100
    assert "第 11 件：1 件 × 100 元 = 100 元" in eleventh.lines


def test_applications_are_counted_by_id_number_not_by_name(make_application):
    many(make_application, 10)
    # Same name, another person: not counted with the first.
    namesake = make_application(id_number=OTHER_ID)
    assert fees.month_ordinal(namesake) == 1
    # Same person writing the name another way: counted.
    renamed = make_application(applicant_name="陈 志明")
    assert fees.month_ordinal(renamed) == 11


def test_the_count_starts_again_each_calendar_month(make_application):
    many(make_application, 12, received_on=date(2026, 9, 25))
    october = make_application(received_on=date(2026, 10, 9))
    assert fees.month_ordinal(october) == 1


@pytest.mark.parametrize(("n", "rate"), [(30, 100), (31, 200), (40, 200), (41, 300)])
def test_the_bands_of_the_month_on_their_boundaries(make_application, n, rate):
    apps = many(make_application, n)
    assert fees.quote(application=apps[-1], method=FeeMethod.PER_APPLICATION).amount == rate


def test_per_application_needs_an_id_number(make_application):
    app = make_application()
    Application.objects.filter(pk=app.pk).update(id_number="")
    app.refresh_from_db()
    with pytest.raises(TransitionError, match="未登记证件号码"):
        fees.quote(application=app, method=FeeMethod.PER_APPLICATION)


def test_a_notice_holds_one_method_only(charging, in_progress, handler):
    notice = fees.application_fee_notice(
        application=in_progress,
        actor=handler,
        method=FeeMethod.PER_PAGE,
        pages=250,
        on=date(2026, 10, 9),
    )
    assert (notice.method, notice.pages, notice.ordinal, notice.amount) == (
        "per_page",
        250,
        None,
        4700,
    )
    # 20 working days from the next day; Saturday 10-10 is a make-up working day.
    assert notice.pay_by == date(2026, 11, 5)
    assert "第 201–250 页：50 页 × 40 元 = 2000 元" in notice.breakdown


def test_no_notice_for_a_fee_of_nothing(charging, in_progress, handler):
    with pytest.raises(TransitionError, match="无需收费"):
        fees.application_fee_notice(
            application=in_progress, actor=handler, method=FeeMethod.PER_PAGE, pages=30
        )


def test_the_clock_stops_from_the_notice_and_counts_again_after_payment(
    charging, in_progress, handler
):
    # Received 09-25, due 10-29 (National Day holiday in between).
    assert in_progress.due_on == date(2026, 10, 29)
    fees.application_fee_notice(
        application=in_progress,
        actor=handler,
        method=FeeMethod.PER_PAGE,
        pages=120,
        on=date(2026, 10, 12),
    )
    in_progress.refresh_from_db()
    clock = services.clock_for(in_progress, today=date(2026, 10, 20))
    assert clock.state == "awaiting_fee" and in_progress.due_on is None
    assert "待申请人缴纳信息处理费" in clock.summary
    assert not Application.objects.overdue(date(2026, 12, 15)).filter(pk=in_progress.pk).exists()
    with pytest.raises(TransitionError, match="不符"):
        fees.application_fee_pay(
            application=in_progress,
            actor=handler,
            amount=100,
            receipt_number="NO.1",
            on=date(2026, 10, 16),
        )
    fees.application_fee_pay(
        application=in_progress,
        actor=handler,
        amount=1100,
        receipt_number="沪财票 0012345",
        on=date(2026, 10, 16),
    )
    in_progress.refresh_from_db()
    # 10-13..10-16 are four working days not counted: 10-29 moves to 11-04.
    assert in_progress.due_on == date(2026, 11, 4)
    notice = FeeNotice.objects.get()
    assert (notice.status, notice.paid_amount, notice.receipt_number) == (
        FeeStatus.PAID,
        1100,
        "沪财票 0012345",
    )
    assert any(
        "不计入答复期限：4 个工作日" in line for line in services.clock_for(in_progress).lines
    )


def test_a_waiver_also_lets_the_clock_count_again(
    charging, in_progress, handler, division_head, clerk
):
    fees.application_fee_notice(
        application=in_progress,
        actor=handler,
        method=FeeMethod.PER_PAGE,
        pages=120,
        on=date(2026, 10, 12),
    )
    with pytest.raises(PermissionDenied):
        fees.application_fee_waive(application=in_progress, actor=clerk, reason="困难")
    fees.application_fee_waive(
        application=in_progress,
        actor=division_head,
        reason="申请人为低保对象",
        on=date(2026, 10, 13),
    )
    in_progress.refresh_from_db()
    assert in_progress.due_on == date(2026, 10, 30)
    assert FeeNotice.objects.get().status == FeeStatus.WAIVED


def test_the_lapse_is_confirmed_by_a_person_only_after_the_payment_period(
    charging, in_progress, handler
):
    fees.application_fee_notice(
        application=in_progress,
        actor=handler,
        method=FeeMethod.PER_PAGE,
        pages=120,
        on=date(2026, 10, 12),
    )
    notice = FeeNotice.objects.get()
    with pytest.raises(TransitionError, match="期限届满后"):
        fees.application_fee_lapse(application=in_progress, actor=handler, on=notice.pay_by)
    # Nothing closes by itself: the case waits after the period too.
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS
    fees.application_fee_lapse(application=in_progress, actor=handler, on=date(2026, 11, 10))
    in_progress.refresh_from_db()
    assert in_progress.status == Status.REPLIED
    assert in_progress.outcome == Outcome.OTHER_FEE_UNPAID
    assert in_progress.replied_on == date(2026, 11, 10)
    assert FeeNotice.objects.get().status == FeeStatus.LAPSED
    # The applicant gets the fee notice and, on the lapse, the letter that closes the case.
    kinds = list(in_progress.letters.values_list("kind", "variant").order_by("pk"))
    assert ("fee_notice", "") in kinds and ("reply", Outcome.OTHER_FEE_UNPAID.value) in kinds


def test_a_second_notice_waits_for_the_first_to_be_settled(charging, in_progress, handler):
    fees.application_fee_notice(
        application=in_progress, actor=handler, method=FeeMethod.PER_PAGE, pages=120
    )
    with pytest.raises(TransitionError, match="已有待缴费"):
        fees.application_fee_notice(
            application=in_progress, actor=handler, method=FeeMethod.PER_PAGE, pages=300
        )


def test_the_years_figures_count_notices_billed_and_collected(
    charging, make_application, handler, agency
):
    a, b = make_application(), make_application(id_number=OTHER_ID)
    for app in (a, b):
        services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))
        fees.application_fee_notice(
            application=app,
            actor=handler,
            method=FeeMethod.PER_PAGE,
            pages=101,
            on=date(2026, 10, 9),
        )
    fees.application_fee_pay(
        application=a, actor=handler, amount=720, receipt_number="R-1", on=date(2026, 10, 12)
    )
    assert fees.fee_figures(year=2026) == {"notices": 2, "billed": 1440, "collected": 720}
    assert fees.fee_figures(year=2026, organization_ids=[agency.pk])["notices"] == 2
    assert fees.fee_figures(year=2025) == {"notices": 0, "billed": 0, "collected": 0}


def test_no_notice_on_a_case_already_replied(charging, in_progress, handler):
    services.application_reply(
        application=in_progress, actor=handler, on=date(2026, 10, 9), outcome=Outcome.DISCLOSED
    )
    with pytest.raises(TransitionError, match="不能发出收费通知"):
        fees.application_fee_notice(
            application=in_progress, actor=handler, method=FeeMethod.PER_PAGE, pages=120
        )
