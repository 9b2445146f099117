"""The review chain and the vocabularies are configured through staff pages, checked."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.catalog import services
from gongkai.catalog.models import Category, Item, ReviewStage, Topic


def test_a_stage_can_only_require_a_review_action(agency):
    stage = ReviewStage(organization=agency, position=1, name="拟稿即发布", action="catalog.draft")
    with pytest.raises(ValidationError):
        stage.full_clean()


def test_a_corrupt_stored_chain_is_refused_at_submission_not_published(make_item, clerk, agency):
    ReviewStage.objects.create(
        organization=agency, position=1, name="拟稿即发布", action="catalog.draft"
    )
    item = make_item()
    with pytest.raises(services.CatalogError, match="审核流程配置有误"):
        services.item_submit(item=item, actor=clerk)


def test_an_item_waiting_at_an_unknown_action_does_not_break_the_pages(
    client, make_item, clerk, division_head
):
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    Item.objects.filter(pk=item.pk).update(current_action="nonsense")
    client.force_login(division_head)
    assert client.get(reverse("catalog:staff_detail", args=[item.pk])).status_code == 200
    assert client.get(reverse("catalog:review_queue")).status_code == 200
    response = client.post(
        reverse("catalog:review", args=[item.pk]),
        {"decision": "approve", "confidentiality": "clear"},
    )
    assert response.status_code == 403


def _chain_post(client, agency, rows):
    data = {"org": agency.code, "form-TOTAL_FORMS": "6", "form-INITIAL_FORMS": "0"}
    for i in range(6):
        name, action = rows[i] if i < len(rows) else ("", "")
        data[f"form-{i}-name"] = name
        data[f"form-{i}-action"] = action
    return client.post(reverse("catalog:review_chain"), data)


def test_a_leader_sets_the_chain_of_the_agency_and_items_follow_it(
    client, make_item, clerk, leader, agency, vocabularies
):
    client.force_login(leader)
    page = client.get(reverse("catalog:review_chain")).content.decode()
    assert "沿用默认审核流程" in page and "处室负责人审核" in page
    response = _chain_post(
        client,
        agency,
        [("法制审核", "catalog.review_legal"), ("局领导签发", "catalog.review_leader")],
    )
    assert response.status_code == 302
    assert list(ReviewStage.objects.filter(organization=agency).values_list("name", flat=True)) == [
        "法制审核",
        "局领导签发",
    ]
    assert AuditEntry.objects.filter(action="catalog.review_chain_save").exists()
    item = make_item()
    services.item_submit(item=item, actor=clerk)
    assert [s["name"] for s in item.review_plan] == ["法制审核", "局领导签发"]


def test_the_chain_page_refuses_bad_stages_with_a_message(client, leader, agency, vocabularies):
    client.force_login(leader)
    response = _chain_post(client, agency, [("拟稿即发布", "catalog.draft")])
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    response = _chain_post(client, agency, [])
    assert response.status_code == 400
    assert "至少要有一个环节" in response.content.decode()
    assert not ReviewStage.objects.filter(organization=agency).exists()


def test_clerks_and_other_agencies_cannot_configure_a_chain(clerk, other_agency, agency):
    from gongkai.accounts.models import Role
    from gongkai.conftest import make_staff

    foreign_leader = make_staff("mzleader", other_agency, Role.LEADER)
    for actor in (clerk, foreign_leader):
        with pytest.raises(PermissionDenied):
            services.review_chain_save(
                organization=agency, actor=actor, stages=[("签发", "catalog.review_leader")]
            )


def test_vocabularies_are_added_renamed_deactivated_and_deleted_only_when_unused(
    client, make_item, leader, admin_user, clerk, district, vocabularies
):
    from gongkai.accounts.models import Role
    from gongkai.conftest import make_staff

    url = reverse("catalog:vocabularies")
    client.force_login(clerk)
    assert client.get(url).status_code == 403
    client.force_login(make_staff("xhleader", district, Role.LEADER))
    assert client.get(url).status_code == 403
    client.force_login(leader)
    assert (
        client.post(
            url, {"kind": "topic", "op": "add", "topic-name": "社区矫正", "topic-code": "sqjz"}
        ).status_code
        == 302
    )
    new = Topic.objects.get(code="sqjz")
    assert (
        client.post(
            url, {"kind": "topic", "op": "rename", "pk": new.pk, "name": "社区矫正管理"}
        ).status_code
        == 302
    )
    used = make_item().topic
    response = client.post(url, {"kind": "topic", "op": "delete", "pk": used.pk})
    assert response.status_code == 400
    assert "已有信息使用，不能删除" in response.content.decode()
    assert client.post(url, {"kind": "topic", "op": "deactivate", "pk": used.pk}).status_code == 302
    used.refresh_from_db()
    assert not used.is_active and Topic.objects.filter(pk=used.pk).exists()
    assert client.post(url, {"kind": "topic", "op": "delete", "pk": new.pk}).status_code == 302
    assert not Topic.objects.filter(code="sqjz").exists()
    response = client.post(
        url,
        {
            "kind": "category",
            "op": "rename",
            "pk": Category.objects.first().pk,
            "name": Category.objects.last().name,
        },
    )
    assert response.status_code == 400 and "已有名为" in response.content.decode()
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


def test_a_deactivated_category_is_not_offered_for_new_drafts(client, clerk, vocabularies):
    hdjl = Category.objects.get(code="hdjl")
    hdjl.is_active = False
    hdjl.save()
    client.force_login(clerk)
    page = client.get(reverse("catalog:staff_create")).content.decode()
    assert "互动交流类" not in page and "业务类" in page
