"""Separation of duties in the review chain: who may decide which stage."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Organization, OrganizationKind, Role
from gongkai.catalog import services
from gongkai.catalog.models import Confidentiality, ItemStatus, ReviewStep, StepDecision
from gongkai.catalog.permissions import review_queue
from gongkai.conftest import make_staff

CLEAR = Confidentiality.CLEAR


def _approvals(item):
    return ReviewStep.objects.filter(item=item, decision=StepDecision.APPROVED).count()


def test_a_head_who_rewrote_the_draft_cannot_approve_it(make_item, clerk, division_head, agency):
    deputy = make_staff("deputy", agency, Role.DIVISION_HEAD)
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    services.item_return(item=item, actor=division_head, opinion="请重写第二段。")
    services.item_update(item=item, actor=division_head, data={"body": "处长重写的正文。"})
    services.item_submit(item=item, actor=division_head)
    with pytest.raises(services.CatalogError, match="不能审核自己起草、修改或提交的信息"):
        services.item_approve(item=item, actor=division_head, confidentiality=CLEAR)
    assert _approvals(item) == 0
    assert item not in review_queue(division_head)
    assert list(review_queue(deputy)) == [item]
    services.item_approve(item=item, actor=deputy, confidentiality=CLEAR)
    assert item.current_stage_name() == "法制审核"


def test_whoever_submits_or_changes_attachments_counts_as_an_author(make_item, clerk, agency):
    submitter = make_staff("submitter", agency, Role.DIVISION_HEAD)
    make_staff("deputy", agency, Role.DIVISION_HEAD)
    item = make_item()
    services.item_submit(item=item, actor=submitter)
    with pytest.raises(services.CatalogError, match="不能审核自己"):
        services.item_approve(item=item, actor=submitter, confidentiality=CLEAR)


def test_a_drafter_holding_a_second_role_cannot_approve_their_own_draft(client, make_item, agency):
    both = make_staff("both", agency, Role.CLERK, Role.DIVISION_HEAD)
    make_staff("deputy", agency, Role.DIVISION_HEAD)
    item = make_item(actor=both)
    services.item_submit(item=item, actor=both)
    client.force_login(both)
    response = client.post(
        reverse("catalog:review", args=[item.pk]),
        {"decision": "approve", "confidentiality": "clear", "opinion": "同意"},
    )
    assert response.status_code == 302
    assert _approvals(item) == 0
    page = client.get(reverse("catalog:staff_detail", args=[item.pk])).content.decode()
    assert "不能审核自己起草、修改或提交的信息" in page


def test_one_person_cannot_approve_two_stages_of_the_same_round(
    make_item, clerk, division_head, agency
):
    both = make_staff("legalleader", agency, Role.LEGAL_REVIEWER, Role.LEADER)
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    services.item_approve(item=item, actor=division_head, confidentiality=CLEAR)
    services.item_approve(item=item, actor=both, confidentiality=CLEAR)
    assert item.current_stage_name() == "分管领导签发"
    with pytest.raises(services.CatalogError, match="同一人不能办理两个环节"):
        services.item_approve(item=item, actor=both, confidentiality=CLEAR)
    assert item not in review_queue(both)
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_REVIEW and _approvals(item) == 2


def test_the_division_stage_belongs_to_the_head_of_the_drafting_division(
    agency, division, make_item
):
    other_division = Organization.objects.create(
        name="上海市司法局律师工作管理处",
        code="shsfj-lsgl",
        kind=OrganizationKind.DIVISION,
        parent=agency,
    )
    drafter = make_staff("sfjdclerk", division, Role.CLERK)
    own_head = make_staff("sfjdhead", division, Role.DIVISION_HEAD)
    other_head = make_staff("lsglhead", other_division, Role.DIVISION_HEAD)
    item = make_item("司法鉴定机构名录", "名录如下。", actor=drafter)
    assert item.drafting_division == division
    services.item_submit(item=item, actor=drafter)
    with pytest.raises(PermissionDenied):
        services.item_approve(item=item, actor=other_head, confidentiality=CLEAR)
    assert item not in review_queue(other_head)
    assert list(review_queue(own_head)) == [item]
    services.item_approve(item=item, actor=own_head, confidentiality=CLEAR)
    assert item.current_stage_name() == "法制审核"


def test_a_draft_from_the_organ_itself_may_be_reviewed_by_any_head_in_scope(
    make_item, clerk, division
):
    head = make_staff("sfjdhead", division, Role.DIVISION_HEAD)
    item = make_item()  # the clerk sits in the agency itself
    assert item.drafting_division is None
    services.item_submit(item=item, actor=clerk)
    services.item_approve(item=item, actor=head, confidentiality=CLEAR)
    assert item.current_stage_name() == "法制审核"


def test_the_only_head_of_a_division_drafting_stands_for_their_stage_by_rank(
    client, agency, division, make_item, legal_reviewer, leader
):
    chief = make_staff("sfjdchief", division, Role.DIVISION_HEAD)
    item = make_item("司法鉴定管理处的通知", "通知如下。", actor=chief)
    services.item_submit(item=item, actor=chief)
    item.refresh_from_db()
    assert item.current_stage_name() == "法制审核"
    step = ReviewStep.objects.get(item=item, decision=StepDecision.APPROVED)
    assert step.actor == chief and step.stage_name == "处室负责人审核"
    assert "提交即视为本环节同意" in step.opinion and step.confidentiality == ""
    assert AuditEntry.objects.filter(action="catalog.item_approve_by_author").count() == 1
    assert list(review_queue(legal_reviewer)) == [item]
    for reviewer in (legal_reviewer, leader):
        services.item_approve(item=item, actor=reviewer, confidentiality=CLEAR)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED


def test_a_one_stage_chain_never_publishes_on_the_authors_rank(client, agency, division, make_item):
    from gongkai.catalog.models import ReviewStage

    ReviewStage.objects.create(
        organization=agency, position=0, name="处室负责人审核", action="catalog.review_division"
    )
    chief = make_staff("sfjdchief", division, Role.DIVISION_HEAD)
    item = make_item("通知", "通知如下。", actor=chief)
    services.item_submit(item=item, actor=chief)
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_REVIEW and _approvals(item) == 0
    client.force_login(chief)
    page = client.get(reverse("catalog:staff_detail", args=[item.pk])).content.decode()
    assert (
        "本单位除拟稿人、修改人和本轮已同意的审核人（不能办理）外暂无具有“处室负责人审核”权限"
        in page
    )


@pytest.mark.parametrize("persona", ["outsider", "clerk", "legal_reviewer"])
def test_wrong_roles_posting_a_review_are_refused_and_change_nothing(
    request, client, make_item, clerk, persona
):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.post(
        reverse("catalog:review", args=[item.pk]),
        {"decision": "approve", "confidentiality": "clear"},
    )
    assert response.status_code == 403
    assert _approvals(item) == 0
