"""Corrections of published items: by whom, with a reason, kept, shown, indexed."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.catalog import search, services
from gongkai.catalog.models import ItemRevision


@pytest.fixture
def published_item(make_item, publish):
    with time_machine.travel("2024-03-05 10:00 +0800", tick=False):
        item = publish(make_item("关于公布律师事务所年度考核结果的公告", "考核结果为称职。"))
    search.apply_pending()
    return item


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


@time_machine.travel("2024-04-01 09:30 +0800", tick=False)
def test_a_division_head_corrects_a_published_item_and_the_index_follows(
    client, published_item, division_head
):
    client.force_login(division_head)
    url = reverse("catalog:staff_correct", args=[published_item.pk])
    response = client.post(url, _form(published_item, body="考核结果为称职，另有公证处一家。"))
    assert response.status_code == 400 and "请填写更正原因" in response.content.decode()
    response = client.post(
        url, _form(published_item, body="考核结果为称职，另有公证处一家。", reason="漏列一家")
    )
    assert response.status_code == 302
    revision = ItemRevision.objects.get()
    assert revision.actor == division_head and revision.reason == "漏列一家"
    assert revision.changes == {"正文": ["考核结果为称职。", "考核结果为称职，另有公证处一家。"]}
    assert AuditEntry.objects.filter(action="catalog.item_correct").exists()
    search.apply_pending()
    assert search.search("公证处").total == 1
    public = client.get(reverse("catalog:item", args=[published_item.pk])).content.decode()
    assert "修改于 2024-04-01 09:30" in public and "另有公证处一家" in public
    staff = client.get(reverse("catalog:staff_detail", args=[published_item.pk])).content.decode()
    assert "修改记录" in staff and "漏列一家" in staff


def test_a_clerk_or_an_outsider_cannot_correct_a_published_item(
    client, published_item, clerk, outsider
):
    with pytest.raises(PermissionDenied):
        services.item_correct(item=published_item, actor=clerk, data={"title": "改"}, reason="改")
    for user in (clerk, outsider):
        client.force_login(user)
        url = reverse("catalog:staff_correct", args=[published_item.pk])
        assert client.post(url, _form(published_item, reason="改")).status_code == 403
    assert not ItemRevision.objects.exists()


def test_a_correction_that_changes_nothing_is_refused(published_item, leader):
    with pytest.raises(services.CatalogError, match="没有修改任何内容"):
        services.item_correct(
            item=published_item, actor=leader, data={"title": published_item.title}, reason="核对"
        )
    published_item.refresh_from_db()
    assert published_item.revised_at is None


def test_a_correction_page_that_changes_nothing_shows_the_refusal_on_the_form(
    client, published_item, leader
):
    client.force_login(leader)
    url = reverse("catalog:staff_correct", args=[published_item.pk])
    response = client.post(url, _form(published_item, reason="核对"))
    assert response.status_code == 400 and "没有修改任何内容" in response.content.decode()
    assert not ItemRevision.objects.exists()
