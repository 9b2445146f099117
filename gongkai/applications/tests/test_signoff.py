"""The sign-off chain: the 承办人 drafts, each stage approves or returns, the last one signs."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Role
from gongkai.accounts.permissions import Action
from gongkai.applications import services, signoff
from gongkai.applications.models import (
    EventKind,
    Outcome,
    SignoffKind,
    SignoffStatus,
    Status,
)
from gongkai.applications.services import TransitionError
from gongkai.conftest import make_staff

WITHHELD = {
    "outcome": Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
    "summary": "所申请的处分决定载有当事人的身份证号码和住址，公开会损害其合法权益。",
    "legal_basis": "《中华人民共和国政府信息公开条例》第十五条",
}
DISCLOSED = {
    "outcome": Outcome.DISCLOSED,
    "legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
    "provided": "2025年度司法鉴定机构年度检查结果（电子文本1份）",
    "access": "随本告知书以电子邮件发送",
}


@pytest.fixture
def case(make_application, clerk, handler):
    """A case started by the clerk, who is its 承办人."""
    app = make_application(received_on=date(2026, 12, 1))
    services.application_accept(application=app, actor=clerk, on=date(2026, 12, 2))
    services.application_start(application=app, actor=clerk, on=date(2026, 12, 2))
    services.application_assign(application=app, actor=handler, assignee=clerk, email=False)
    return app


def submit(case, clerk, **fields):
    return signoff.signoff_submit(
        application=case, actor=clerk, kind=SignoffKind.REPLY, **(fields or WITHHELD)
    )


def test_a_withholding_reply_passes_division_legal_and_leader_and_is_signed(
    case, clerk, division_head, legal_reviewer, leader
):
    draft = submit(case, clerk)
    assert [s["name"] for s in draft.plan] == ["处室负责人审核", "法制审核", "分管领导签发"]
    signoff.signoff_approve(request=draft, actor=division_head, comment="理由充分")
    signoff.signoff_approve(request=draft, actor=legal_reviewer)
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS  # not out before the signature
    signoff.signoff_approve(request=draft, actor=leader)
    case.refresh_from_db()
    assert case.status == Status.REPLIED and case.outcome == WITHHELD["outcome"]
    reply = case.events.get(kind=EventKind.REPLY)
    assert reply.actor == leader
    assert reply.context["signed_by"] == leader.display_name
    assert reply.context["legal_basis"] == WITHHELD["legal_basis"]
    assert reply.context["summary"] == WITHHELD["summary"]
    assert {"provided", "access", "other_agency", "other_agency_contact"} <= set(reply.context)
    steps = list(
        case.events.filter(
            kind__in=[EventKind.SIGNOFF_SUBMIT, EventKind.SIGNOFF_APPROVE]
        ).values_list("actor__username", "context__stage")
    )
    assert steps == [
        ("clerk", "处室负责人审核"),
        ("chief", "处室负责人审核"),
        ("legal", "法制审核"),
        ("leader", "分管领导签发"),
    ]
    draft.refresh_from_db()
    assert draft.status == SignoffStatus.DONE
    audited = AuditEntry.objects.filter(action__startswith="applications.signoff")
    assert list(audited.order_by("pk").values_list("action", "actor__username")) == [
        ("applications.signoff_submit", "clerk"),
        ("applications.signoff_approve", "chief"),
        ("applications.signoff_approve", "legal"),
        ("applications.signoff_approve", "leader"),
    ]


def test_a_full_disclosure_skips_the_legal_review(case, clerk, division_head, leader):
    draft = submit(case, clerk, **DISCLOSED)
    assert [s["name"] for s in draft.plan] == ["处室负责人审核", "分管领导签发"]
    signoff.signoff_approve(request=draft, actor=division_head)
    signoff.signoff_approve(request=draft, actor=leader)
    case.refresh_from_db()
    assert case.status == Status.REPLIED
    assert case.events.get(kind=EventKind.REPLY).context["provided"] == DISCLOSED["provided"]


@pytest.mark.parametrize(
    "outcome", [Outcome.UNABLE_NOT_HELD, Outcome.NOT_PROCESSED_DUPLICATE, Outcome.OTHER_OTHER]
)
def test_unable_not_processed_and_other_replies_go_to_legal_review(case, clerk, outcome):
    draft = submit(case, clerk, outcome=outcome, summary="经检索，本机关未制作或获取该信息。")
    assert "法制审核" in [s["name"] for s in draft.plan]


def test_a_returned_draft_goes_back_to_the_drafter_with_the_comment(
    client, case, clerk, division_head, legal_reviewer, leader
):
    draft = submit(case, clerk)
    signoff.signoff_approve(request=draft, actor=division_head)
    with pytest.raises(TransitionError, match="退回修改时必须填写审核意见"):
        signoff.signoff_return(request=draft, actor=legal_reviewer, comment="  ")
    signoff.signoff_return(request=draft, actor=legal_reviewer, comment="请写明第十五条的适用理由")
    draft.refresh_from_db()
    assert draft.status == SignoffStatus.RETURNED
    assert clerk.notifications.get(kind="returned").message.endswith("请写明第十五条的适用理由")
    # The drafter sees the comment and the form filled with what they submitted.
    client.force_login(clerk)
    page = client.get(reverse("applications:detail", args=[case.pk]))
    text = page.content.decode()
    assert "请写明第十五条的适用理由" in text and "已退回，请修改后重新提交" in text
    form = page.context["draft_forms"][0]["form"]
    assert form.initial["summary"] == WITHHELD["summary"]
    # Resubmitted: a new round, from the first stage, earlier approvals forgotten.
    again = submit(
        case, clerk, **{**WITHHELD, "summary": WITHHELD["summary"] + "依第十五条不予公开。"}
    )
    assert again.pk == draft.pk and again.round == 2 and again.position == 0
    assert again.approved_by == []
    for actor in (division_head, legal_reviewer, leader):
        signoff.signoff_approve(request=again, actor=actor)
    case.refresh_from_db()
    assert case.status == Status.REPLIED


def test_stages_are_decided_only_by_those_who_hold_them(
    case, clerk, division_head, legal_reviewer, leader, outsider
):
    draft = submit(case, clerk)
    for wrong in (clerk, legal_reviewer, leader, outsider):
        with pytest.raises((PermissionDenied, TransitionError)):
            signoff.signoff_approve(request=draft, actor=wrong)
    draft.refresh_from_db()
    assert draft.position == 0 and draft.approved_by == []


def test_nobody_approves_their_own_draft_or_two_stages(make_application, handler, clerk, leader):
    """`handler` holds 承办, 处室负责人 and 分管领导 at once."""
    app = make_application(received_on=date(2026, 12, 1))
    services.application_accept(application=app, actor=handler, on=date(2026, 12, 2))
    draft = signoff.signoff_submit(
        application=app, actor=handler, kind=SignoffKind.REPLY, **DISCLOSED
    )
    with pytest.raises(TransitionError, match="不能审核自己起草的答复"):
        signoff.signoff_approve(request=draft, actor=handler)
    boss = make_staff("boss", handler.organization, Role.DIVISION_HEAD, Role.LEADER)
    signoff.signoff_approve(request=draft, actor=boss)
    with pytest.raises(TransitionError, match="同一人不能办理两个环节"):
        signoff.signoff_approve(request=draft, actor=boss)
    signoff.signoff_approve(request=draft, actor=leader)
    app.refresh_from_db()
    assert app.status == Status.REPLIED


def test_only_the_assignee_drafts_and_only_once_at_a_time(case, handler, clerk):
    with pytest.raises(TransitionError, match="本案由 clerk 承办"):
        signoff.signoff_submit(application=case, actor=handler, kind=SignoffKind.REPLY, **DISCLOSED)
    submit(case, clerk)
    with pytest.raises(TransitionError, match="已在“处室负责人审核”环节审核中"):
        submit(case, clerk)


def test_the_queue_shows_each_reviewer_the_drafts_at_their_stage(
    client, case, clerk, division_head, legal_reviewer, leader, outsider
):
    draft = submit(case, clerk)
    assert signoff.queue_for(division_head) == [draft]
    assert signoff.queue_for(legal_reviewer) == [] and signoff.queue_for(outsider) == []
    signoff.signoff_approve(request=draft, actor=division_head)
    assert signoff.queue_for(division_head) == []
    assert signoff.queue_for(legal_reviewer) == [draft]
    client.force_login(legal_reviewer)
    dashboard = client.get(reverse("accounts:dashboard"))
    nav = {item["label"]: item for item in dashboard.context["workspace_nav"]}
    assert nav["待我签发"]["count"] == 1 and "依申请公开" in nav
    page = client.get(nav["待我签发"]["url"]).content.decode()
    assert case.tracking_number in page and "法制审核" in page


def test_clerks_have_no_signing_queue_and_reviewers_reach_the_cases(
    client, clerk, legal_reviewer, leader
):
    client.force_login(clerk)
    labels = [
        i["label"] for i in client.get(reverse("accounts:dashboard")).context["workspace_nav"]
    ]
    assert "待我签发" not in labels
    assert client.get(reverse("applications:signoff_queue")).status_code == 403
    for person in (legal_reviewer, leader):
        client.force_login(person)
        assert client.get(reverse("applications:inbox")).status_code == 200


def test_the_case_page_tells_whoever_cannot_act_what_comes_next_and_who(
    client, case, clerk, division_head, legal_reviewer
):
    submit(case, clerk)
    client.force_login(clerk)
    page = client.get(reverse("applications:detail", args=[case.pk])).content.decode()
    assert "答复草稿待“处室负责人审核”" in page and "可以办理：allroles、chief" in page
    assert "同意并签发" not in page and "退回修改</button>" not in page
    client.force_login(division_head)
    page = client.get(reverse("applications:detail", args=[case.pk])).content.decode()
    assert reverse("applications:signoff_approve", args=[case.signoff_requests.get().pk]) in page


def test_an_unassigned_case_names_the_clerks_who_can_accept_it(
    client, make_application, legal_reviewer
):
    app = make_application(received_on=date(2026, 12, 1))
    client.force_login(legal_reviewer)
    page = client.get(reverse("applications:detail", args=[app.pk])).content.decode()
    # Only 受理 is offered before acceptance: the 补正 notice follows it.
    assert "<li>受理<br>" in page and "clerk" in page and "尚未分配承办人" in page


def test_approving_and_returning_through_the_pages(
    client, case, clerk, division_head, legal_reviewer, leader
):
    client.force_login(clerk)
    response = client.post(
        reverse("applications:signoff_submit", args=[case.pk, "reply"]),
        {f"draft-reply-{k}": v for k, v in WITHHELD.items()},
    )
    assert response.status_code == 302
    draft = case.signoff_requests.get()
    client.force_login(division_head)
    approve = reverse("applications:signoff_approve", args=[draft.pk])
    assert client.post(approve, {f"decide-{draft.pk}-comment": "同意"}).status_code == 302
    client.force_login(legal_reviewer)
    back = reverse("applications:signoff_return", args=[draft.pk])
    refused = client.post(back, {f"decide-{draft.pk}-comment": ""})
    assert refused.status_code == 400
    assert "退回修改时必须填写审核意见" in refused.content.decode()
    assert client.post(back, {f"decide-{draft.pk}-comment": "依据不足"}).status_code == 302
    client.force_login(leader)
    # Nothing waits for the leader now: a stale button is a clear conflict, not a signature.
    stale = client.post(approve, {f"decide-{draft.pk}-comment": ""})
    assert stale.status_code == 409
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS


def test_an_extension_is_requested_by_the_clerk_and_approved_by_the_division_head(
    case, clerk, division_head
):
    before = services.clock_for(case).due_on
    draft = signoff.signoff_submit(
        application=case, actor=clerk, kind=SignoffKind.EXTENSION, days=10, reason="需调取档案"
    )
    assert draft.plan[0]["action"] == Action.APPLICATION_APPROVE_EXTENSION
    with pytest.raises(PermissionDenied, match="信息公开工作机构负责人批准"):
        signoff.signoff_approve(request=draft, actor=clerk)
    signoff.signoff_approve(request=draft, actor=division_head)
    case.refresh_from_db()
    event = case.events.get(kind=EventKind.EXTEND)
    assert event.context["approver_name"] == division_head.display_name
    assert services.clock_for(case).due_on > before
    with pytest.raises(TransitionError, match="最多还可延期 10 个工作日"):
        signoff.signoff_submit(
            application=case, actor=clerk, kind=SignoffKind.EXTENSION, days=11, reason="再调档"
        )


def test_an_office_names_its_own_chain_and_the_person_for_a_stage(
    case, clerk, division_head, leader, admin_user, agency
):
    deputy = make_staff("deputy", agency, Role.DIVISION_HEAD)
    signoff.signoff_chain_save(
        organization=agency,
        kind=SignoffKind.EXTENSION,
        actor=leader,
        stages=[
            {"name": "公开办主任批准", "action": "applications.approve_extension", "person": deputy}
        ],
    )
    draft = signoff.signoff_submit(
        application=case, actor=clerk, kind=SignoffKind.EXTENSION, days=5, reason="需调取档案"
    )
    with pytest.raises(PermissionDenied, match="由本机关指定的人员办理"):
        signoff.signoff_approve(request=draft, actor=division_head)
    assert signoff.queue_for(division_head) == [] and signoff.queue_for(deputy) == [draft]
    signoff.signoff_approve(request=draft, actor=deputy)
    with pytest.raises(TransitionError, match="最后一个环节须为“签发答复”"):
        signoff.signoff_chain_save(
            organization=agency,
            kind=SignoffKind.REPLY,
            actor=leader,
            stages=[{"name": "法制审核", "action": "applications.review_legal"}],
        )
    with pytest.raises(PermissionDenied):
        signoff.signoff_chain_save(
            organization=agency, kind=SignoffKind.REPLY, actor=clerk, stages=[]
        )


def test_the_chain_settings_page_saves_a_chain(client, leader, agency):
    client.force_login(leader)
    url = reverse("applications:signoff_chain")
    assert "处室负责人审核" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "organization": agency.pk,
            "kind": "reply",
            "name_1": "法制审核",
            "action_1": "applications.review_legal",
            "name_2": "局长签发",
            "action_2": "applications.sign_reply",
        },
    )
    assert response.status_code == 302
    assert [s["name"] for s in signoff.configured_chain(agency, SignoffKind.REPLY)[1]] == [
        "法制审核",
        "局长签发",
    ]
    bad = client.post(url, {"organization": agency.pk, "kind": "reply", "name_1": "只有名称"})
    assert "请选择该环节所需的权限" in bad.content.decode()


def test_a_transfer_leaves_the_drafts_of_the_office_behind(case, clerk, handler, district):
    submit(case, clerk)
    services.application_transfer(
        application=case, actor=handler, to_organization=district, reason="属于区司法局职责"
    )
    assert not case.signoff_requests.exists()
    assert case.events.filter(kind=EventKind.SIGNOFF_SUBMIT).exists()


def test_an_extension_cannot_be_requested_after_the_deadline(make_application, clerk):
    app = make_application(received_on=date(2026, 10, 9))  # due 2026-11-06
    services.application_accept(application=app, actor=clerk, on=date(2026, 10, 10))
    services.application_start(application=app, actor=clerk, on=date(2026, 10, 12))
    with pytest.raises(TransitionError, match="届满，不能再申请延期"):
        signoff.signoff_submit(
            application=app, actor=clerk, kind=SignoffKind.EXTENSION, days=5, reason="调档"
        )


def test_the_queue_page_is_the_current_link_not_the_cases(client, legal_reviewer):
    client.force_login(legal_reviewer)
    nav = client.get(reverse("applications:signoff_queue")).context["workspace_nav"]
    assert [i["label"] for i in nav if i["current"]] == ["待我签发"]


def test_the_queue_page_costs_the_same_queries_for_one_draft_or_five(
    client, make_application, clerk, division_head, django_assert_max_num_queries
):
    def draft():
        app = make_application(received_on=date(2026, 12, 1))
        services.application_accept(application=app, actor=clerk, on=date(2026, 12, 2))
        signoff.signoff_submit(application=app, actor=clerk, kind=SignoffKind.REPLY, **DISCLOSED)

    client.force_login(division_head)
    url = reverse("applications:signoff_queue")
    draft()
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url).context["rows"]) == 1
    for _ in range(4):
        draft()
    with django_assert_max_num_queries(len(one)):
        assert len(client.get(url).context["rows"]) == 5
