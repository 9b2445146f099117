"""Filing, deciding and the link to the application: a 纠正 reopens it."""

from datetime import date

import pytest

from gongkai.appeals import services
from gongkai.appeals.models import Appeal, AppealKind, AppealResult, AppealStatus
from gongkai.applications.models import EventKind, Status
from gongkai.applications.services import clock_for


def file(organization, actor, **changes):
    values = {
        "organization": organization,
        "actor": actor,
        "kind": AppealKind.REVIEW,
        "appellant": "陈志明",
        "body": "上海市人民政府",
        "subject": "不服答复（本机关不掌握相关政府信息）",
        "filed_on": date(2026, 11, 2),
        **changes,
    }
    return services.appeal_file(**values)


def test_an_appeal_is_filed_on_the_application_it_concerns(agency, clerk, answered):
    appeal = file(agency, clerk, application=answered, case_number="沪府复字〔2026〕第101号")
    assert appeal.application == answered and appeal.status == AppealStatus.OPEN
    assert list(answered.appeals.all()) == [appeal]
    assert appeal.events.get().kind == "file"
    assert appeal.handler == clerk


def test_an_appeal_about_proactive_disclosure_concerns_no_application(agency, clerk):
    appeal = file(agency, clerk, subject="主动公开的行政处罚决定未及时公开")
    assert appeal.application is None


def test_it_refuses_an_application_of_another_organization(
    agency, other_agency, clerk, outsider, make_application
):
    theirs = make_application(organization=other_agency, actor=outsider)
    with pytest.raises(services.AppealError, match="不是上海市司法局办理的申请"):
        file(agency, clerk, application=theirs)
    assert not Appeal.objects.exists()


def test_a_clerk_of_another_agency_cannot_file_against_this_one(agency, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        file(agency, outsider)


def test_a_corrected_result_reopens_the_answered_application(agency, clerk, answered):
    appeal = file(agency, clerk, application=answered)
    services.appeal_decide(
        appeal=appeal,
        actor=clerk,
        result=AppealResult.CORRECTED,
        decided_on=date(2026, 12, 1),
        note="责令重新答复",
    )
    answered.refresh_from_db()
    assert answered.status == Status.IN_PROGRESS
    reopen = answered.events.get(kind=EventKind.REOPEN)
    assert reopen.on == date(2026, 12, 1) and "上海市人民政府行政复议" in reopen.context["appeal"]
    # The reply clock restarts: 20 working days from the decision.
    clk = clock_for(answered)
    assert clk.state == "running" and clk.due_on == date(2026, 12, 29)
    assert answered.due_on == date(2026, 12, 29)
    assert any("复议诉讼决定重新办理之日" in line for line in clk.lines)


def test_an_upheld_result_leaves_the_application_closed(agency, clerk, answered):
    appeal = file(agency, clerk, application=answered)
    services.appeal_decide(
        appeal=appeal, actor=clerk, result=AppealResult.UPHELD, decided_on=date(2026, 12, 1)
    )
    answered.refresh_from_db()
    assert answered.status == Status.DELIVERED
    assert not answered.events.filter(kind=EventKind.REOPEN).exists()


def test_a_decision_dated_before_the_filing_is_refused_and_nothing_changes(agency, clerk, answered):
    appeal = file(agency, clerk, application=answered)
    with pytest.raises(services.AppealError, match="审结日期不能早于立案日期"):
        services.appeal_decide(
            appeal=appeal, actor=clerk, result=AppealResult.CORRECTED, decided_on=date(2026, 10, 1)
        )
    appeal.refresh_from_db()
    answered.refresh_from_db()
    assert appeal.status == AppealStatus.OPEN and answered.status == Status.DELIVERED


def test_a_decided_case_cannot_be_decided_again(agency, clerk):
    appeal = file(agency, clerk)
    services.appeal_decide(
        appeal=appeal, actor=clerk, result=AppealResult.OTHER, decided_on=date(2026, 12, 1)
    )
    with pytest.raises(services.AppealError, match="已审结"):
        services.appeal_decide(
            appeal=appeal, actor=clerk, result=AppealResult.UPHELD, decided_on=date(2026, 12, 2)
        )


def test_the_reopen_step_is_no_button_on_the_case_page(answered, clerk):
    from gongkai.applications.services import allowed_transitions

    assert EventKind.REOPEN not in allowed_transitions(answered, clerk)


def test_hearing_before_filing_is_refused(agency, clerk):
    with pytest.raises(services.AppealError, match="听证或开庭日期不能早于立案日期"):
        file(agency, clerk, hearing_on=date(2026, 10, 1))


def test_a_case_number_is_registered_once_per_office(agency, other_agency, clerk, outsider):
    first = file(agency, clerk, case_number="沪府复字〔2026〕第101号")
    with pytest.raises(services.AppealError, match="案号“沪府复字〔2026〕第101号”已登记"):
        file(agency, clerk, case_number=" 沪府复字〔2026〕第101号 ", appellant="李娜")
    assert list(Appeal.objects.all()) == [first]
    # Another office may hold the same number (the body numbers its own cases), and cases
    # registered before their number is known have none.
    file(other_agency, outsider, case_number="沪府复字〔2026〕第101号")
    file(agency, clerk)
    file(agency, clerk)
    assert Appeal.objects.count() == 4


def test_the_database_refuses_a_second_case_with_the_same_number(agency, clerk):
    from django.db import IntegrityError, transaction

    first = file(agency, clerk, case_number="(2026)沪0104行初1号")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(
            organization=agency,
            kind=first.kind,
            case_number=first.case_number,
            appellant="李娜",
            body=first.body,
            subject=first.subject,
            filed_on=first.filed_on,
        )
