"""Every step of the transition table is allowed from its source states and refused elsewhere."""

from datetime import date

import pytest

from gongkai.accounts.models import AuditEntry
from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationEvent, EventKind, Outcome, Status
from gongkai.applications.services import TRANSITIONS, TransitionError

ON = date(2026, 10, 9)


def call(kind, app, actor, district, clerk):
    """Invoke the service for `kind` with valid arguments."""
    args = {"application": app, "actor": actor}
    match kind:
        case EventKind.ACCEPT:
            return services.application_accept(**args, on=ON)
        case EventKind.REQUEST_CORRECTION:
            return services.application_request_correction(
                **args, on=ON, items="请写明所需鉴定机构的名称", correct_by=date(2026, 10, 30)
            )
        case EventKind.RECEIVE_CORRECTION:
            return services.application_receive_correction(**args, on=ON)
        case EventKind.ABANDON:
            return services.application_abandon(**args, on=ON)
        case EventKind.START:
            return services.application_start(**args, on=ON)
        case EventKind.CONSULT:
            return services.application_consult(
                **args, on=ON, party="third_party", party_name="上海某司法鉴定所"
            )
        case EventKind.END_CONSULTATION:
            return services.application_end_consultation(**args, on=ON, result="不同意公开")
        case EventKind.EXTEND:
            return services.application_extend(**args, on=ON, days=10, reason="需调取历年档案")
        case EventKind.REPLY:
            return services.application_reply(**args, on=ON, outcome=Outcome.DISCLOSED)
        case EventKind.DELIVER:
            return services.application_deliver(**args, on=ON, method="电子邮件")
        case EventKind.ARCHIVE:
            return services.application_archive(**args, on=ON)
        case EventKind.ASSIGN:
            return services.application_assign(**args, assignee=clerk)
        case EventKind.TRANSFER:
            return services.application_transfer(
                **args, to_organization=district, reason="属于徐汇区司法局职责"
            )
        case EventKind.REOPEN:
            return services.application_reopen(**args, on=ON, appeal_label="上海市人民政府行政复议")
    raise AssertionError(kind)


CASES = [(kind, status) for kind in TRANSITIONS for status in Status]


@pytest.mark.parametrize(
    ("kind", "status"), CASES, ids=[f"{k.value}-from-{s.value}" for k, s in CASES]
)
def test_each_transition_is_allowed_exactly_from_its_source_states(
    kind, status, make_application, handler, district, clerk
):
    app = make_application()
    Application.objects.filter(pk=app.pk).update(status=status)
    app.refresh_from_db()
    rule = TRANSITIONS[kind]
    if status in rule.sources:
        result = call(kind, app, handler, district, clerk)
        assert result.status == (rule.target or status)
        event = ApplicationEvent.objects.filter(application=app).latest("pk")
        assert (event.kind, event.from_status, event.to_status) == (kind, status, result.status)
        assert event.actor == handler
        assert AuditEntry.objects.filter(action=f"applications.{kind.value}").count() == 1
    else:
        with pytest.raises(TransitionError) as caught:
            call(kind, app, handler, district, clerk)
        assert str(caught.value) == (
            f"申请 {app.tracking_number} 当前状态为“{status.label}”，不能{rule.label}。"
        )
        app.refresh_from_db()
        assert app.status == status
        assert not ApplicationEvent.objects.filter(application=app).exclude(kind="intake").exists()


def test_the_whole_flow_runs_from_intake_to_archive_with_a_timeline(make_application, handler):
    app = make_application()
    services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))
    services.application_start(application=app, actor=handler, on=date(2026, 9, 29))
    services.application_reply(
        application=app,
        actor=handler,
        on=date(2026, 10, 20),
        outcome=Outcome.PARTIALLY_DISCLOSED,
        summary="第3页涉及个人隐私，依第十五条不予公开",
    )
    services.application_deliver(
        application=app,
        actor=handler,
        on=date(2026, 10, 22),
        method="邮政EMS",
        tracking="1180000000",
    )
    services.application_archive(application=app, actor=handler, on=date(2026, 10, 23))
    app.refresh_from_db()
    assert app.status == Status.ARCHIVED
    assert (app.outcome, app.legacy_outcome) == ("partially_disclosed", "partially_disclosed")
    assert app.replied_on == date(2026, 10, 20) and app.delivered_on == date(2026, 10, 22)
    assert list(app.events.values_list("kind", flat=True)) == [
        "intake",
        "accept",
        "start",
        "reply",
        "deliver",
        "archive",
    ]


def test_a_clerk_without_the_right_is_refused_before_anything_changes(make_application, clerk):
    app = make_application()
    services.application_accept(application=app, actor=clerk, on=date(2026, 9, 28))
    services.application_start(application=app, actor=clerk, on=date(2026, 9, 28))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.application_reply(application=app, actor=clerk, outcome=Outcome.DISCLOSED)
    with pytest.raises(PermissionDenied):
        services.application_extend(application=app, actor=clerk, days=5, reason="x")
    app.refresh_from_db()
    assert app.status == Status.IN_PROGRESS


def test_staff_of_another_agency_cannot_touch_the_case(make_application, outsider):
    from django.core.exceptions import PermissionDenied

    app = make_application()
    with pytest.raises(PermissionDenied):
        services.application_accept(application=app, actor=outsider)


def test_dates_in_the_future_or_before_receipt_are_refused(make_application, handler):
    app = make_application()
    with pytest.raises(TransitionError, match="不能晚于今天"):
        services.application_accept(application=app, actor=handler, on=date(2026, 12, 16))
    with pytest.raises(TransitionError, match="不能早于收到申请之日（2026-09-25）"):
        services.application_accept(application=app, actor=handler, on=date(2026, 9, 24))


def test_a_reply_must_pair_its_outcome_with_an_allowed_legacy_category(make_application, handler):
    app = make_application()
    services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))
    with pytest.raises(TransitionError, match="不能归入旧版年报分类“信息不存在”"):
        services.application_reply(
            application=app, actor=handler, outcome=Outcome.DISCLOSED, legacy_outcome="not_exist"
        )
    services.application_reply(
        application=app,
        actor=handler,
        on=date(2026, 10, 9),
        outcome=Outcome.UNABLE_NOT_HELD,
        legacy_outcome="not_our_authority",
        summary="该信息由徐汇区司法局负责公开，联系电话 021-64872222",
    )
    app.refresh_from_db()
    assert (app.outcome, app.legacy_outcome) == ("unable_to_provide.not_held", "not_our_authority")


def test_assignment_goes_only_to_staff_who_may_handle_the_case(
    make_application, handler, clerk, outsider, legal_reviewer
):
    from gongkai.applications.models import Notification

    app = make_application()
    services.application_assign(application=app, actor=handler, assignee=clerk)
    assert Notification.objects.filter(recipient=clerk, kind="assigned").count() == 1
    with pytest.raises(TransitionError, match="已由 clerk 承办"):
        services.application_assign(application=app, actor=handler, assignee=clerk)
    with pytest.raises(TransitionError, match="不能办理上海市司法局的申请"):
        services.application_assign(application=app, actor=handler, assignee=outsider)
    with pytest.raises(TransitionError, match="不能办理"):
        services.application_assign(application=app, actor=handler, assignee=legal_reviewer)
    services.application_assign(application=app, actor=handler, assignee=handler)
    app.refresh_from_db()
    assert app.assignee == handler
    assert app.events.filter(kind="assign").count() == 2


def test_a_transfer_moves_the_case_and_keeps_the_date_of_receipt(
    make_application, handler, district, clerk
):
    app = make_application()
    services.application_assign(application=app, actor=handler, assignee=clerk)
    services.application_transfer(
        application=app, actor=handler, to_organization=district, reason="属于区司法局职责"
    )
    app.refresh_from_db()
    assert app.organization == district and app.assignee is None
    assert app.status == Status.RECEIVED and app.received_on == date(2026, 9, 25)
    event = app.events.get(kind="transfer")
    assert event.context["from"] == "上海市司法局" and event.context["to"] == "上海市徐汇区司法局"


def test_division_staff_act_for_their_agency_but_not_for_another_agency(
    make_application, division, other_agency, outsider
):
    from django.core.exceptions import PermissionDenied

    from gongkai.accounts.models import Role
    from gongkai.conftest import make_staff

    office_clerk = make_staff("bgs", division, Role.CLERK)
    app = make_application()
    services.application_accept(application=app, actor=office_clerk, on=date(2026, 9, 28))
    foreign_case = make_application(organization=other_agency, actor=outsider)
    with pytest.raises(PermissionDenied):
        services.application_accept(application=foreign_case, actor=office_clerk)
