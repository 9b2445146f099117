"""Corrections of published items: 先审查、后公开 holds for them too.

A correction of substance passes the review chain while the published version stays up; one of
clerical fields only is checked by a second person; both are kept, shown and indexed.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Role
from gongkai.catalog import corrections, search, services
from gongkai.catalog.models import (
    Confidentiality,
    Item,
    ItemRevision,
    ReviewStep,
    RevisionPath,
    RevisionStatus,
)
from gongkai.conftest import make_staff

CLEAR = Confidentiality.CLEAR


@pytest.fixture
def published_item(make_item, publish):
    with time_machine.travel("2024-03-05 10:00 +0800", tick=False):
        item = publish(make_item("关于公布律师事务所年度考核结果的公告", "考核结果为称职。"))
    search.apply_pending()
    return item


@pytest.fixture
def second_leader(agency):
    return make_staff("leader2", agency, Role.LEADER)


def _form(item, **changes):
    data = {
        "organization": item.organization_id,
        "title": item.title,
        "doc_number": item.doc_number,
        "written_on": item.written_on.isoformat(),
        "topic": item.topic_id,
        "category": item.category_id,
        "kind": item.kind,
        "keywords": item.keywords,
        "summary": item.summary,
        "body": item.body,
    }
    data.update(changes)
    return data


def _public(client, item) -> str:
    return client.get(reverse("catalog:item", args=[item.pk])).content.decode()


def _decide(client, revision, **data):
    return client.post(reverse("catalog:revision_decide", args=[revision.pk]), data)


@time_machine.travel("2024-04-01 09:30 +0800", tick=False)
def test_a_correction_of_substance_goes_through_the_chain_while_the_published_text_stays_up(
    client, published_item, leader, division_head, legal_reviewer, second_leader
):
    client.force_login(leader)
    url = reverse("catalog:staff_correct", args=[published_item.pk])
    new_body = "考核结果为称职，另有公证处一家。"
    response = client.post(url, _form(published_item, body=new_body))
    assert response.status_code == 400 and "请填写更正原因" in response.content.decode()
    response = client.post(url, _form(published_item, body=new_body, reason="漏列一家"))
    assert response.status_code == 302
    revision = ItemRevision.objects.get()
    assert revision.status == RevisionStatus.PENDING
    assert revision.path == RevisionPath.SUBSTANTIVE
    assert revision.changes == {"正文": ["考核结果为称职。", new_body]}
    # Nothing public has changed yet: page, search, "修改于".
    search.apply_pending()
    public = _public(client, published_item)
    assert "另有公证处一家" not in public and "修改于" not in public
    assert search.search("公证处").total == 0

    # The proposer decides nothing; each stage of the chain in turn does.
    staff = client.get(reverse("catalog:staff_detail", args=[published_item.pk])).content.decode()
    assert "待审核的更正" in staff and "不能审核自己提出的更正" in staff
    assert _decide(client, revision, decision="approve", confidentiality=CLEAR).status_code == 302
    assert ItemRevision.objects.get().review_position == 0  # refused, still at the first stage
    for reviewer in (division_head, legal_reviewer, second_leader):
        client.force_login(reviewer)
        queue = client.get(reverse("catalog:review_queue")).content.decode()
        assert "待我审核的更正" in queue and published_item.title in queue
        response = _decide(client, revision, decision="approve", confidentiality=CLEAR)
        assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPLIED
    steps = ReviewStep.objects.filter(revision=revision).order_by("position")
    assert [s.stage_name for s in steps] == [
        "提出更正",
        "更正·处室负责人审核",
        "更正·法制审核",
        "更正·分管领导签发",
    ]
    search.apply_pending()
    assert search.search("公证处").total == 1
    public = _public(client, published_item)
    assert "修改于 2024-04-01 09:30" in public and "另有公证处一家" in public
    assert AuditEntry.objects.filter(action="catalog.item_correct").count() == 1
    staff = client.get(reverse("catalog:staff_detail", args=[published_item.pk])).content.decode()
    assert "修改记录" in staff and "漏列一家" in staff and "已生效" in staff
    assert "更正生效" in staff  # the timeline


def test_a_reviewer_who_answers_the_confidentiality_question_with_secret_cannot_let_it_through(
    published_item, leader, division_head
):
    revision = corrections.revision_propose(
        item=published_item, actor=leader, data={"title": "新名称"}, reason="名称有误"
    )
    with pytest.raises(services.CatalogError, match="保密审查结论"):
        corrections.revision_approve(
            revision=revision, actor=division_head, confidentiality=Confidentiality.SECRET
        )
    published_item.refresh_from_db()
    assert published_item.title == "关于公布律师事务所年度考核结果的公告"


def test_a_returned_correction_leaves_the_published_version_and_is_kept(
    client, published_item, leader, division_head
):
    revision = corrections.revision_propose(
        item=published_item, actor=leader, data={"body": "另一个正文"}, reason="重写"
    )
    client.force_login(division_head)
    response = _decide(client, revision, decision="return")
    assert response.status_code == 400 and "退回时必须填写审核意见" in response.content.decode()
    assert _decide(client, revision, decision="return", opinion="依据不足").status_code == 302
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.RETURNED
    published_item.refresh_from_db()
    assert published_item.body == "考核结果为称职。" and published_item.revised_at is None
    staff = client.get(reverse("catalog:staff_detail", args=[published_item.pk])).content.decode()
    assert "已退回" in staff and "依据不足" in staff


@time_machine.travel("2024-04-01 09:30 +0800", tick=False)
def test_a_clerical_correction_takes_the_short_path_checked_by_a_second_person(
    client, published_item, leader, division_head
):
    client.force_login(leader)
    url = reverse("catalog:staff_correct", args=[published_item.pk])
    response = client.post(url, _form(published_item, written_on="2024-03-02", reason="日期笔误"))
    assert response.status_code == 302
    revision = ItemRevision.objects.get()
    assert revision.path == RevisionPath.CLERICAL
    with pytest.raises(services.CatalogError, match="不能审核自己提出的更正"):
        corrections.revision_approve(revision=revision, actor=leader)
    client.force_login(division_head)
    staff = client.get(reverse("catalog:staff_detail", args=[published_item.pk])).content.decode()
    assert "文字性更正" in staff and "保密审查" not in staff.split("待审核的更正")[1][:2000]
    assert _decide(client, revision, decision="approve").status_code == 302
    published_item.refresh_from_db()
    assert published_item.written_on == dt.date(2024, 3, 2)
    step = ReviewStep.objects.get(revision=revision, stage_name="更正复核")
    assert step.actor == division_head
    assert AuditEntry.objects.filter(action="catalog.item_correct", actor=division_head).exists()


def test_the_office_declares_which_fields_are_clerical_on_the_review_chain_page(
    client, published_item, leader, clerk, district
):
    client.force_login(leader)
    url = reverse("catalog:review_chain")
    page = client.get(url).content.decode()
    assert "文字性更正的字段" in page and 'value="body"' not in page
    data = {"org": published_item.organization.code, "clerical": "1", "fields": ["title"]}
    assert client.post(url, data).status_code == 302
    assert corrections.clerical_fields(published_item.organization) == {"title"}
    assert corrections.clerical_fields(district) == {"title"}  # below it, inherited
    assert AuditEntry.objects.filter(action="catalog.correction_policy_save").exists()
    revision = corrections.revision_propose(
        item=published_item, actor=leader, data={"title": "改正错字的名称"}, reason="错字"
    )
    assert revision.path == RevisionPath.CLERICAL
    revision.status = RevisionStatus.RETURNED
    revision.save()
    revision = corrections.revision_propose(
        item=published_item, actor=leader, data={"written_on": dt.date(2024, 3, 2)}, reason="日期"
    )
    assert revision.path == RevisionPath.SUBSTANTIVE
    # The body can never be made clerical, and a clerk may not set the rule at all.
    with pytest.raises(services.CatalogError, match="正文"):
        corrections.correction_policy_save(
            organization=published_item.organization, actor=leader, fields=["body"]
        )
    with pytest.raises(PermissionDenied):
        corrections.correction_policy_save(
            organization=published_item.organization, actor=clerk, fields=[]
        )


def test_one_correction_at_a_time(published_item, leader):
    corrections.revision_propose(
        item=published_item, actor=leader, data={"title": "名称一"}, reason="一"
    )
    with pytest.raises(services.CatalogError, match="已有一项更正正在审核中"):
        corrections.revision_propose(
            item=published_item, actor=leader, data={"title": "名称二"}, reason="二"
        )


def test_a_clerk_or_an_outsider_cannot_correct_a_published_item(
    client, published_item, clerk, outsider
):
    with pytest.raises(PermissionDenied):
        corrections.revision_propose(
            item=published_item, actor=clerk, data={"title": "改"}, reason="改"
        )
    for user in (clerk, outsider):
        client.force_login(user)
        url = reverse("catalog:staff_correct", args=[published_item.pk])
        assert client.post(url, _form(published_item, reason="改")).status_code == 403
    assert not ItemRevision.objects.exists()


def test_a_division_head_corrects_only_what_their_division_drafted(
    client, make_item, division, published_item, legal_reviewer, leader
):
    head = make_staff("sfjdchief", division, Role.DIVISION_HEAD, Role.CLERK)
    client.force_login(head)
    url = reverse("catalog:staff_correct", args=[published_item.pk])
    response = client.post(url, _form(published_item, title="别处的信息", reason="改"))
    assert response.status_code == 403 and "本处室" in response.content.decode()
    assert not ItemRevision.objects.exists()
    # Nor withdraw it or change its validity.
    with pytest.raises(PermissionDenied, match="本处室"):
        services.item_withdraw(item=published_item, actor=head, reason="撤")
    with pytest.raises(PermissionDenied, match="本处室"):
        services.item_set_validity(item=published_item, actor=head, validity="expired")
    staff = client.get(reverse("catalog:staff_detail", args=[published_item.pk])).content.decode()
    assert "撤回该信息" not in staff and "更正已发布的内容" not in staff
    drafter = make_staff("sfjdclerk", division, Role.CLERK)
    own = make_item("司法鉴定处的通知", actor=drafter)
    services.item_submit(item=own, actor=drafter)
    for reviewer in (head, legal_reviewer, leader):
        services.item_approve(item=own, actor=reviewer, confidentiality=CLEAR)
    url = reverse("catalog:staff_correct", args=[own.pk])
    assert (
        client.post(url, _form(own, title="司法鉴定处的通知（更正）", reason="名称")).status_code
        == 302
    )
    assert ItemRevision.objects.get().item == own
    staff = client.get(reverse("catalog:staff_detail", args=[own.pk])).content.decode()
    assert "撤回该信息" in staff


def test_a_correction_that_changes_nothing_is_refused(published_item, leader):
    with pytest.raises(services.CatalogError, match="没有修改任何内容"):
        corrections.revision_propose(
            item=published_item, actor=leader, data={"title": published_item.title}, reason="核对"
        )
    assert not ItemRevision.objects.exists()


def test_a_correction_page_that_changes_nothing_shows_the_refusal_on_the_form(
    client, published_item, leader
):
    client.force_login(leader)
    url = reverse("catalog:staff_correct", args=[published_item.pk])
    response = client.post(url, _form(published_item, reason="核对"))
    assert response.status_code == 400 and "没有修改任何内容" in response.content.decode()
    assert not ItemRevision.objects.exists()


# -- lost updates and conflicts -----------------------------------------------------------------


def test_a_correction_taking_effect_does_not_undo_a_validity_change_made_meanwhile(
    published_item, leader, division_head, legal_reviewer, second_leader
):
    """The lost update of issue 15: the correction wrote back a whole stale row."""
    stale = Item.objects.get(pk=published_item.pk)
    revision = corrections.revision_propose(
        item=stale, actor=leader, data={"body": "新的正文"}, reason="补充"
    )
    services.item_set_validity(
        item=Item.objects.get(pk=published_item.pk),
        actor=leader,
        validity="expired",
        changed_on=dt.date.today(),
    )
    for reviewer in (division_head, legal_reviewer, second_leader):
        revision.item = stale  # the instance loaded before the validity change
        corrections.revision_approve(revision=revision, actor=reviewer, confidentiality=CLEAR)
    item = Item.objects.get(pk=published_item.pk)
    assert item.body == "新的正文"
    assert item.validity == "expired" and item.validity_changed_on == dt.date.today()


def test_a_change_against_a_page_opened_before_another_change_is_refused_as_a_conflict(
    client, published_item, leader
):
    client.force_login(leader)
    seen = services.version_of(published_item)
    detail = reverse("catalog:staff_detail", args=[published_item.pk])
    assert f'value="{seen}"' in client.get(detail).content.decode()
    validity = reverse("catalog:set_validity", args=[published_item.pk])
    today = dt.date.today().isoformat()
    data = {"validity": "expired", "changed_on": today, "seen": seen}
    assert client.post(validity, data).status_code == 302
    url = reverse("catalog:staff_correct", args=[published_item.pk])
    response = client.post(url, _form(published_item, title="新名称", reason="改", seen=seen))
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()
    assert not ItemRevision.objects.exists()
    # And the other way round: a validity form opened before a correction was proposed.
    seen = services.version_of(Item.objects.get(pk=published_item.pk))
    response = client.post(url, _form(published_item, title="新名称", reason="改", seen=seen))
    assert response.status_code == 302
    data = {"validity": "valid", "changed_on": today, "seen": seen}
    page = client.post(validity, data, follow=True).content.decode()
    assert "已被他人修改" in page
    assert Item.objects.get(pk=published_item.pk).validity == "expired"


@time_machine.travel("2024-04-01 09:30 +0800", tick=False)
def test_the_pending_correction_shows_the_words_that_changed_in_a_long_body(
    client, make_item, publish, leader
):
    # A sentence added at the end of a long body: the reviewer must see that sentence, not the
    # first 80 characters of the body twice.
    opening = "本机关对律师事务所开展年度考核，考核工作依照有关规定进行。" * 6
    item = publish(make_item("关于公布律师事务所年度考核结果的公告", opening + "考核结果为称职。"))
    client.force_login(leader)
    body = opening + "考核结果为称职，另有公证处一家。"
    response = client.post(
        reverse("catalog:staff_correct", args=[item.pk]), _form(item, body=body, reason="漏列")
    )
    assert response.status_code == 302
    page = client.get(reverse("catalog:staff_detail", args=[item.pk])).content.decode()
    assert "另有公证处一家" in page
    assert "考核结果为称职。" in page  # what it replaces, beside it
