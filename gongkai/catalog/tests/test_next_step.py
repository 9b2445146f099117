"""Found clicking through the demo: a stage nobody may decide, and pages that do not say who can.

The demo office has one 处室负责人 (the chief of 办公室): a correction they proposed waited for
ever at the 处室负责人 stage, and nothing on the page said so.
"""

import pytest
from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Role
from gongkai.catalog import corrections, services
from gongkai.catalog.models import (
    Confidentiality,
    ItemRevision,
    ReviewStage,
    ReviewStep,
    RevisionStatus,
    StepDecision,
)
from gongkai.catalog.permissions import revision_queue
from gongkai.conftest import make_staff

CLEAR = Confidentiality.CLEAR


@pytest.fixture
def office(division):
    """One division with one clerk and its only head, as in the demo's 办公室."""
    return {
        "clerk": make_staff("wxm", division, Role.CLERK),
        "chief": make_staff("ljg", division, Role.DIVISION_HEAD),
    }


@pytest.fixture
def published(make_item, office, legal_reviewer, leader):
    item = make_item("关于公布律师事务所年度考核结果的公告", actor=office["clerk"])
    services.item_submit(item=item, actor=office["clerk"])
    for reviewer in (office["chief"], legal_reviewer, leader):
        services.item_approve(item=item, actor=reviewer, confidentiality=CLEAR)
    item.refresh_from_db()
    return item


def _propose(item, actor, body="考核结果为称职，另有公证处一家。"):
    return corrections.revision_propose(
        item=item, actor=actor, data={"body": body}, reason="漏列一家"
    )


def _page(client, user, item) -> str:
    client.force_login(user)
    return client.get(reverse("catalog:staff_detail", args=[item.pk])).content.decode()


def test_the_only_head_of_a_division_proposing_a_correction_stands_for_their_own_stage(
    client, published, office, legal_reviewer, leader
):
    chief = office["chief"]
    revision = _propose(published, chief)
    assert revision.current_stage_name() == "法制审核"
    own = ReviewStep.objects.get(revision=revision, stage_name="更正·处室负责人审核")
    assert own.actor == chief and own.decision == StepDecision.APPROVED
    assert "提出更正即视为本环节同意" in own.opinion
    audit = AuditEntry.objects.get(action="catalog.revision_approve_by_proposer")
    assert audit.actor == chief and audit.changes == {"stage": "处室负责人审核"}
    assert revision_queue(legal_reviewer) == [revision]
    page = _page(client, chief, published)
    assert "下一步：“法制审核”，由法制审核办理（legal）。" in page
    assert "提出人具有“处室负责人审核”权限" in page  # the review record says why
    # The later stages are decided as usual, and the correction then takes effect.
    corrections.revision_approve(revision=revision, actor=legal_reviewer, confidentiality=CLEAR)
    corrections.revision_approve(revision=revision, actor=leader, confidentiality=CLEAR)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPLIED


def test_where_another_head_may_decide_the_stage_they_decide_it(
    client, published, office, division
):
    deputy = make_staff("deputy", division, Role.DIVISION_HEAD)
    revision = _propose(published, office["chief"])
    assert revision.current_stage_name() == "处室负责人审核"
    assert revision_queue(deputy) == [revision]
    assert "下一步：“处室负责人审核”，由拟稿处室（司法鉴定管理处）的处室负责人办理（deputy）。" in (
        _page(client, office["chief"], published)
    )


def test_a_correction_never_takes_effect_on_its_proposers_word_alone(
    client, published, office, division
):
    ReviewStage.objects.create(
        organization=published.organization,
        position=0,
        name="处室负责人审核",
        action="catalog.review_division",
    )
    revision = _propose(published, office["chief"])
    assert revision.status == RevisionStatus.PENDING
    assert revision.current_stage_name() == "处室负责人审核"
    assert not ReviewStep.objects.filter(revision=revision, decision=StepDecision.APPROVED)
    page = _page(client, office["chief"], published)
    assert (
        "下一步：“处室负责人审核”。本单位除提出人本人和已同意的审核人（不能办理）外暂无具有"
        "“处室负责人审核”权限的人员（拟稿处室（司法鉴定管理处）的处室负责人），"
        "请联系系统管理员分配。"
    ) in page


def test_a_stage_nobody_in_the_office_holds_is_named_with_whom_to_ask(
    client, make_item, office, agency
):
    item = make_item(actor=office["clerk"])
    services.item_submit(item=item, actor=office["clerk"])
    services.item_approve(item=item, actor=office["chief"], confidentiality=CLEAR)
    page = _page(client, office["clerk"], item)
    assert (
        "下一步：“法制审核”。本单位暂无具有“法制审核”权限的人员（法制审核），请联系系统管理员分配。"
    ) in page
    make_staff("fzdy", agency, Role.LEGAL_REVIEWER)
    assert "下一步：“法制审核”，由法制审核办理（fzdy）。" in _page(client, office["clerk"], item)


def test_a_clerk_on_their_published_item_is_told_who_corrects_withdraws_or_changes_validity(
    client, published, office
):
    page = _page(client, office["clerk"], published)
    assert "更正已发布的内容" not in page and "撤回该信息" not in page
    assert "已发布信息的更正、有效性变更和撤回由处室负责人或分管领导办理" in page
    assert "已发布信息的更正" not in _page(client, office["chief"], published)


def test_returning_a_draft_needs_no_confidentiality_answer_approving_does(
    client, make_item, office
):
    item = make_item(actor=office["clerk"])
    services.item_submit(item=item, actor=office["clerk"])
    client.force_login(office["chief"])
    url = reverse("catalog:review", args=[item.pk])
    response = client.post(url, {"decision": "approve", "opinion": "同意"})
    assert response.status_code == 400
    assert response.content.decode().count("请填写保密审查结论") == 1
    response = client.post(url, {"decision": "return", "opinion": "请补充依据。"})
    assert response.status_code == 302
    step = ReviewStep.objects.get(item=item, decision=StepDecision.RETURNED)
    assert step.opinion == "请补充依据。" and step.confidentiality == ""


def test_a_draft_says_it_is_not_published_instead_of_an_empty_date(client, make_item, office):
    item = make_item(actor=office["clerk"])
    page = _page(client, office["clerk"], item)
    assert "发布日期： |" not in page and "发布日期：" not in page
    assert "未发布" in page
    assert not ItemRevision.objects.exists()
