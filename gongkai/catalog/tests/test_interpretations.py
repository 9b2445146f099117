"""Linking an interpretation to its normative document: by 索引号, within the drafter's scope."""

import pytest
import time_machine
from django.urls import reverse

from gongkai.accounts.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Item, ItemKind, ItemStatus
from gongkai.conftest import make_staff


def _draft(client, topic, category, index_no):
    return client.post(
        reverse("catalog:staff_create"),
        {
            "organization": Item.objects.values_list("organization_id", flat=True).first(),
            "title": "《上海市司法鉴定管理办法》政策解读",
            "written_on": "2024-06-01",
            "topic": topic.pk,
            "category": category.pk,
            "kind": ItemKind.INTERPRETATION,
            "interprets_index_no": index_no,
            "body": "解读正文。",
        },
    )


@time_machine.travel("2024-06-03 10:00 +0800")
def test_the_drafting_form_has_no_list_of_documents_and_never_names_unpublished_ones(
    client, make_item, publish, clerk, other_agency, topic, category
):
    foreign = make_staff("mzclerk", other_agency, Role.CLERK)
    secret = make_item(
        "民政局尚未发布的规范性文件草稿", kind=ItemKind.NORMATIVE, actor=foreign, org=other_agency
    )
    own_draft = make_item("本局规范性文件草稿", kind=ItemKind.NORMATIVE)
    client.force_login(clerk)
    page = client.get(reverse("catalog:staff_create")).content.decode()
    assert secret.title not in page and own_draft.title not in page
    assert 'name="interprets_index_no"' in page
    lookup = client.get(reverse("catalog:normative_lookup"), {"q": "规范性文件"}).content.decode()
    assert secret.title not in lookup and own_draft.title not in lookup


@time_machine.travel("2024-06-03 10:00 +0800")
def test_an_interpretation_links_by_index_number_to_a_published_document_in_scope(
    client, make_item, publish, clerk, topic, category
):
    document = publish(make_item("上海市司法鉴定管理办法", kind=ItemKind.NORMATIVE))
    client.force_login(clerk)
    lookup = client.get(reverse("catalog:normative_lookup"), {"q": "司法鉴定"}).content.decode()
    assert document.index_no in lookup
    response = _draft(client, topic, category, document.index_no)
    assert response.status_code == 302
    assert Item.objects.get(kind=ItemKind.INTERPRETATION).interprets == document


@time_machine.travel("2024-06-03 10:00 +0800")
def test_a_document_outside_the_scope_or_unpublished_cannot_be_linked(
    client, make_item, publish, clerk, leader, other_agency, topic, category
):
    foreign_clerk = make_staff("mzclerk", other_agency, Role.CLERK)
    foreign = make_item(
        "民政局规范性文件", kind=ItemKind.NORMATIVE, actor=foreign_clerk, org=other_agency
    )
    own_draft = make_item("本局规范性文件草稿", kind=ItemKind.NORMATIVE)
    foreign.index_no = "shmzj/2024-00001"
    foreign.status = "published"
    foreign.save()
    client.force_login(clerk)
    for wanted in (foreign.index_no, "shsfj/2024-09999"):
        response = _draft(client, topic, category, wanted)
        assert response.status_code == 200
        assert f"没有找到索引号为“{wanted}”的本机关已发布规范性文件" in response.content.decode()
    assert not Item.objects.filter(kind=ItemKind.INTERPRETATION).exists()
    # The service refuses it too, whatever the form did.
    import pytest

    for target in (foreign, own_draft):
        with pytest.raises(services.CatalogError, match="不是本机关已发布的规范性文件"):
            make_item(kind=ItemKind.INTERPRETATION, interprets=target)


def test_an_interpretation_without_its_document_cannot_go_into_review(make_item, clerk):
    reading = make_item("《上海市司法鉴定管理办法》政策解读", kind=ItemKind.INTERPRETATION)
    with pytest.raises(services.CatalogError, match="政策解读须先关联所解读的规范性文件"):
        services.item_submit(item=reading, actor=clerk)
    reading.refresh_from_db()
    assert reading.status == ItemStatus.DRAFT and not reading.review_steps.exists()


@time_machine.travel("2024-06-03 10:00 +0800")
def test_a_written_date_in_year_one_is_refused_on_the_form(
    client, make_item, clerk, topic, category
):
    make_item()  # the form's organization comes from an existing item
    client.force_login(clerk)
    before = Item.objects.count()
    response = client.post(
        reverse("catalog:staff_create"),
        {
            "organization": Item.objects.values_list("organization_id", flat=True).first(),
            "title": "关于律师事务所年度检查考核的通知",
            "written_on": "0001-01-01",
            "topic": topic.pk,
            "category": category.pk,
            "kind": ItemKind.GENERAL,
            "body": "正文。",
        },
    )
    assert response.status_code == 200  # the form shown again, as for any refused draft
    assert "成文日期不能早于 1949年10月01日" in response.content.decode()
    assert Item.objects.count() == before
