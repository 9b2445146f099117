import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.catalog import services
from gongkai.catalog.models import (
    Confidentiality,
    ItemStatus,
    ReviewStage,
    ReviewStep,
    StepDecision,
)

CLEAR = Confidentiality.CLEAR


def test_a_draft_is_published_only_when_the_last_stage_approves(
    client, make_item, clerk, division_head, legal_reviewer, leader
):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    url = reverse("catalog:item", args=[item.pk])
    for reviewer, stage in (
        (division_head, "处室负责人审核"),
        (legal_reviewer, "法制审核"),
    ):
        assert item.current_stage_name() == stage
        services.item_approve(item=item, actor=reviewer, confidentiality=CLEAR, opinion="同意")
        item.refresh_from_db()
        assert item.status == ItemStatus.IN_REVIEW
        assert item.published_at is None
        assert client.get(url).status_code == 404
        assert item.title not in client.get(reverse("catalog:browse")).content.decode()
    services.item_approve(item=item, actor=leader, confidentiality=CLEAR, opinion="同意发布")
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.published_at is not None
    assert client.get(url).status_code == 200
    steps = list(item.review_steps.values_list("stage_name", "decision", "actor__username"))
    assert steps == [
        ("拟稿人提交", StepDecision.SUBMITTED, "clerk"),
        ("处室负责人审核", StepDecision.APPROVED, "chief"),
        ("法制审核", StepDecision.APPROVED, "legal"),
        ("分管领导签发", StepDecision.APPROVED, "leader"),
    ]
    last = item.review_steps.last()
    assert last.opinion == "同意发布" and last.confidentiality == CLEAR and last.decided_at
    assert AuditEntry.objects.filter(action="catalog.item_publish", object_id=str(item.pk)).exists()


def test_a_returned_draft_goes_back_to_the_drafter_with_the_opinion_and_starts_a_new_round(
    make_item, clerk, division_head, legal_reviewer, publish
):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    services.item_approve(item=item, actor=division_head, confidentiality=CLEAR)
    services.item_return(
        item=item,
        actor=legal_reviewer,
        opinion="第三段含当事人身份证号，请删除后再报。",
        confidentiality=Confidentiality.REDACTED,
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT and item.current_action == ""
    returned = item.review_steps.get(decision=StepDecision.RETURNED)
    assert returned.stage_name == "法制审核" and "身份证号" in returned.opinion
    assert returned.actor == legal_reviewer and returned.round == 1
    services.item_update(item=item, actor=clerk, data={"body": "已删除个人信息的正文。"})
    publish(item)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert item.review_steps.filter(round=2, decision=StepDecision.APPROVED).count() == 3


def test_a_return_needs_an_opinion(make_item, clerk, division_head):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    with pytest.raises(services.CatalogError, match="审核意见"):
        services.item_return(item=item, actor=division_head, opinion="  ")


def test_nobody_approves_their_own_draft(make_item, division_head, legal_reviewer, agency):
    from gongkai.accounts.models import Role
    from gongkai.conftest import make_staff

    make_staff("deputy", agency, Role.DIVISION_HEAD)  # someone else may decide the stage
    item = make_item(actor=division_head)
    services.item_submit(item=item, actor=division_head)
    with pytest.raises(services.CatalogError, match="不能审核自己起草"):
        services.item_approve(item=item, actor=division_head, confidentiality=CLEAR)
    assert not ReviewStep.objects.filter(decision=StepDecision.APPROVED).exists()


def test_a_reviewer_cannot_decide_another_stage(make_item, clerk, legal_reviewer, leader):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    for reviewer in (legal_reviewer, leader):
        with pytest.raises(PermissionDenied):
            services.item_approve(item=item, actor=reviewer, confidentiality=CLEAR)


def test_staff_of_another_agency_cannot_review(make_item, clerk, other_agency):
    from gongkai.accounts.models import Role
    from gongkai.conftest import make_staff

    foreign_head = make_staff("foreignhead", other_agency, Role.DIVISION_HEAD)
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    with pytest.raises(PermissionDenied):
        services.item_approve(item=item, actor=foreign_head, confidentiality=CLEAR)


@pytest.mark.parametrize("answer", [Confidentiality.REFER, Confidentiality.SECRET, ""])
def test_an_item_cannot_be_approved_without_a_publishable_confidentiality_answer(
    make_item, clerk, division_head, answer
):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    with pytest.raises(services.CatalogError, match="保密审查"):
        services.item_approve(item=item, actor=division_head, confidentiality=answer)
    item.refresh_from_db()
    assert item.review_position == 0


def test_only_a_draft_can_be_submitted_or_edited(make_item, clerk, publish):
    item = publish(make_item())
    with pytest.raises(services.CatalogError, match="已发布"):
        services.item_submit(item=item, actor=clerk)
    with pytest.raises(services.CatalogError, match="不能修改"):
        services.item_update(item=item, actor=clerk, data={"title": "改标题"})


def test_the_chain_is_configurable_per_organization(make_item, clerk, agency, leader):
    ReviewStage.objects.create(
        organization=agency, position=1, name="分管领导签发", action="catalog.review_leader"
    )
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    assert [s["name"] for s in item.review_plan] == ["分管领导签发"]
    services.item_approve(item=item, actor=leader, confidentiality=CLEAR)
    assert item.status == ItemStatus.PUBLISHED


def test_a_withdrawn_item_says_when_and_why_at_its_public_url(client, make_item, leader, publish):
    item = publish(make_item())
    services.item_withdraw(item=item, actor=leader, reason="内容已被新文件替代")
    response = client.get(reverse("catalog:item", args=[item.pk]))
    assert response.status_code == 410
    page = response.content.decode()
    assert "已撤回" in page and "内容已被新文件替代" in page
    assert item.withdrawn_at.astimezone().strftime("%Y") in page
    assert item.title not in client.get(reverse("catalog:browse")).content.decode()


def test_withdrawal_needs_a_reason_and_the_right(make_item, clerk, leader, publish):
    item = publish(make_item())
    with pytest.raises(services.CatalogError, match="原因"):
        services.item_withdraw(item=item, actor=leader, reason=" ")
    with pytest.raises(PermissionDenied):
        services.item_withdraw(item=item, actor=clerk, reason="误发")


def test_the_review_queue_shows_each_reviewer_what_waits_for_them(
    client, make_item, clerk, division_head, legal_reviewer
):
    item = make_item(title="2024年度司法鉴定机构名录")
    services.item_submit(item=item, actor=clerk)
    client.force_login(division_head)
    assert item.title in client.get(reverse("catalog:review_queue")).content.decode()
    client.force_login(legal_reviewer)
    assert item.title not in client.get(reverse("catalog:review_queue")).content.decode()
    services.item_approve(item=item, actor=division_head, confidentiality=CLEAR)
    assert item.title in client.get(reverse("catalog:review_queue")).content.decode()
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "主动公开待我审核" in page


def test_review_through_the_page_records_the_opinion_and_refuses_a_missing_answer(
    client, make_item, clerk, division_head
):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    client.force_login(division_head)
    url = reverse("catalog:review", args=[item.pk])
    response = client.post(url, {"decision": "approve", "opinion": "同意"})
    assert response.status_code == 400
    assert "请填写保密审查结论" in response.content.decode()
    response = client.post(
        url, {"decision": "approve", "confidentiality": "clear", "opinion": "同意"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current_stage_name() == "法制审核"


def test_staff_cannot_get_or_post_review_pages_of_another_agency(client, make_item, outsider):
    item = make_item()
    client.force_login(outsider)
    assert client.get(reverse("catalog:staff_detail", args=[item.pk])).status_code == 403
    assert client.post(reverse("catalog:submit", args=[item.pk])).status_code == 403


def test_the_legal_division_reviews_items_of_every_division_of_its_agency(
    agency, division, topic, category
):
    from gongkai.accounts.models import Organization, OrganizationKind, Role
    from gongkai.conftest import make_staff

    legal_division = Organization.objects.create(
        name="上海市司法局法治调研处",
        code="shsfj-fzdy",
        kind=OrganizationKind.DIVISION,
        parent=agency,
    )
    drafter = make_staff("sfjdclerk", division, Role.CLERK)
    head = make_staff("sfjdhead", division, Role.DIVISION_HEAD)
    lawyer = make_staff("fzdylegal", legal_division, Role.LEGAL_REVIEWER)
    item = services.item_create(
        actor=drafter,
        organization=division,
        data={
            "title": "司法鉴定机构名录",
            "body": "名录如下。",
            "written_on": "2024-01-02",
            "topic": topic,
            "category": category,
        },
    )
    services.item_submit(item=item, actor=drafter)
    services.item_approve(item=item, actor=head, confidentiality=CLEAR)
    from gongkai.catalog.permissions import review_queue

    assert list(review_queue(lawyer)) == [item]
    services.item_approve(item=item, actor=lawyer, confidentiality=CLEAR)
    assert item.current_stage_name() == "分管领导签发"
