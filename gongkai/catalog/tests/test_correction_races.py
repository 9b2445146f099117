"""A correction and a validity change sent at the same moment (issue 15, PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Role
from gongkai.catalog import corrections, services
from gongkai.catalog.models import Confidentiality, Item, ItemRevision
from gongkai.conftest import make_staff

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _together(*calls):
    """Run the calls in threads released at one moment; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(n):
        try:
            barrier.wait()
            results[n] = calls[n]()
        except Exception as exc:  # noqa: BLE001 — the test looks at it
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.fixture
def item(make_item, publish):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer, so there is no race to test")
    return publish(make_item("关于公布律师事务所年度考核结果的公告", "考核结果为称职。"))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_of_a_correction_and_a_validity_change_on_the_same_page_one_wins_the_other_is_told(
    item, leader, division_head
):
    today = dt.date.today().isoformat()
    corrector, changer = _client(leader), _client(division_head)
    correct_url = reverse("catalog:staff_correct", args=[item.pk])
    validity_url = reverse("catalog:set_validity", args=[item.pk])
    detail_url = reverse("catalog:staff_detail", args=[item.pk])
    for attempt in range(4):
        before = Item.objects.get(pk=item.pk)
        seen = services.version_of(before)
        form = {
            "organization": item.organization_id,
            "title": f"更正后的名称 {attempt}",
            "written_on": item.written_on.isoformat(),
            "topic": item.topic_id,
            "category": item.category_id,
            "kind": item.kind,
            "body": item.body,
            "reason": "名称有误",
            "seen": seen,
        }
        wanted = "expired" if before.validity == "valid" else "valid"
        validity = {"validity": wanted, "changed_on": today, "seen": seen}
        corrected, changed = _together(
            lambda form=form: corrector.post(correct_url, form),
            lambda validity=validity: changer.post(validity_url, validity, follow=True),
        )
        proposed = ItemRevision.objects.filter(status="pending").exists()
        fresh = Item.objects.get(pk=item.pk)
        validity_changed = fresh.validity == wanted
        assert proposed != validity_changed, "exactly one of the two goes through"
        if proposed:
            assert corrected.status_code == 302
            assert "已被他人修改" in changed.content.decode()
        else:
            assert corrected.status_code == 409
            assert "已被他人修改" in corrected.content.decode()
        # Never "本文件已于  失效": a validity is always stored with its date.
        assert fresh.validity == "valid" or fresh.validity_changed_on is not None
        # The timeline says what happened, and only that.
        actions = list(
            AuditEntry.objects.filter(object_id=str(item.pk))
            .order_by("-pk")
            .values_list("action", flat=True)[:1]
        )
        assert actions == (
            ["catalog.revision_propose"] if proposed else ["catalog.item_set_validity"]
        )
        # The page shows a pending proposal exactly when one went through (its banner: an
        # earlier attempt's proposal stays in the item's history as 提出更正).
        page = corrector.get(detail_url).content.decode()
        assert ("审核通过前，公开页面仍显示原内容" in page) == proposed
        ItemRevision.objects.filter(status="pending").update(status="returned")


def test_a_correction_taking_effect_while_the_validity_changes_keeps_both(
    item, leader, division_head, legal_reviewer
):
    second_leader = make_staff("leader2", item.organization, Role.LEADER)
    revision = corrections.revision_propose(
        item=item, actor=leader, data={"body": "更正后的正文"}, reason="补充"
    )
    for reviewer in (division_head, legal_reviewer):
        corrections.revision_approve(
            revision=revision, actor=reviewer, confidentiality=Confidentiality.CLEAR
        )
    stale = Item.objects.get(pk=item.pk)
    revision = ItemRevision.objects.get(pk=revision.pk)
    results = _together(
        lambda: corrections.revision_approve(
            revision=revision, actor=second_leader, confidentiality=Confidentiality.CLEAR
        ),
        lambda: services.item_set_validity(
            item=stale, actor=leader, validity="expired", changed_on=dt.date.today()
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    fresh = Item.objects.get(pk=item.pk)
    assert fresh.body == "更正后的正文"
    assert fresh.validity == "expired" and fresh.validity_changed_on == dt.date.today()
