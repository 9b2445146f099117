"""Two people pressing conflicting buttons on the same record at the same moment (PostgreSQL).

For each pair: exactly one wins, the other is told in Chinese what happened instead, and the
record's history (review steps, case events) shows the winner's step once and nothing of the
loser's. SQLite serialises whole transactions, so these only mean something on PostgreSQL.
"""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Role
from gongkai.applications import services as application_services
from gongkai.applications.models import Application, ApplicationEvent, Status
from gongkai.applications.services import TransitionError
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Confidentiality, Item, ItemStatus, ReviewStep, Topic
from gongkai.catalog.services import CatalogError
from gongkai.conftest import make_staff

from . import world as world_module

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises whole transactions, so row locks prove nothing there",
    ),
]


def at_once(*targets):
    """Run the targets in threads released together; their results or exceptions, in order."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def run(i, target):
        try:
            barrier.wait()
            results[i] = target()
        except Exception as exc:  # collected and asserted on by the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def one_wins(results, loses_with):
    """(the winner's result, the loser's exception) of a pair; fails unless exactly that."""
    losers = [r for r in results if isinstance(r, loses_with)]
    winners = [r for r in results if not isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1, results
    return winners[0], losers[0]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"


# -- the review chain ---------------------------------------------------------------------


@pytest.fixture
def in_review(agency, clerk):
    world_module.seed_vocabularies()
    item = world_module.make_item(clerk, agency, "关于公证机构执业年度考核结果的公告")
    return catalog_services.item_submit(item=item, actor=clerk)


def _decide(verb, pk, actor, stage):
    def run():
        item = Item.objects.get(pk=pk)
        if verb == "approve":
            return catalog_services.item_approve(
                item=item, actor=actor, confidentiality=Confidentiality.CLEAR, stage=stage
            )
        return catalog_services.item_return(
            item=item, actor=actor, opinion="请补充依据", stage=stage
        )

    return run


def test_two_heads_approving_one_stage_at_once_approve_it_once(in_review, agency, division_head):
    # The second head also signs as legal reviewer: without the stage he saw, his approval of
    # the division stage would land on the legal stage the first head's approval opened.
    second = make_staff("chief2", agency, Role.DIVISION_HEAD, Role.LEGAL_REVIEWER)
    stage = catalog_services.stage_token(in_review)
    results = at_once(
        _decide("approve", in_review.pk, division_head, stage),
        _decide("approve", in_review.pk, second, stage),
    )
    winner, loser = one_wins(results, CatalogError)
    assert "已由他人办理" in str(loser) and "法制审核" in str(loser)
    steps = list(ReviewStep.objects.filter(item=in_review).order_by("pk"))
    approvals = [s for s in steps if s.decision == "approved"]
    assert len(approvals) == 1 and approvals[0].actor_id == winner.review_steps.last().actor_id
    item = Item.objects.get(pk=in_review.pk)
    assert item.status == ItemStatus.IN_REVIEW and item.current_stage_name() == "法制审核"


def test_approve_and_return_of_one_stage_at_once_decide_it_once(in_review, agency, division_head):
    second = make_staff("chief2", agency, Role.DIVISION_HEAD)
    stage = catalog_services.stage_token(in_review)
    results = at_once(
        _decide("approve", in_review.pk, division_head, stage),
        _decide("return", in_review.pk, second, stage),
    )
    _, loser = one_wins(results, CatalogError)
    item = Item.objects.get(pk=in_review.pk)
    decisions = ReviewStep.objects.filter(item=item).exclude(decision="submitted")
    assert decisions.count() == 1
    if decisions.get().decision == "approved":
        assert item.status == ItemStatus.IN_REVIEW and "已由他人办理" in str(loser)
    else:
        assert item.status == ItemStatus.DRAFT and "当前状态为“草稿”" in str(loser)


def test_a_stale_review_form_is_refused_on_the_page_with_the_stage_now_waiting(
    client, in_review, agency, division_head
):
    """The page's side of the race: the form carries the stage its reader saw."""
    client.force_login(division_head)
    page = client.get(reverse("catalog:staff_detail", args=[in_review.pk]))
    stage = page.context["review_form"]["stage"].value()
    second = make_staff("chief2", agency, Role.DIVISION_HEAD)
    catalog_services.item_approve(
        item=in_review, actor=second, confidentiality=Confidentiality.CLEAR
    )
    response = client.post(
        reverse("catalog:review", args=[in_review.pk]),
        {"decision": "approve", "confidentiality": "clear", "stage": stage},
        follow=True,
    )
    assert "您审核的环节刚刚已由他人办理，该信息现在等待“法制审核”" in response.content.decode()
    assert ReviewStep.objects.filter(item=in_review, decision="approved").count() == 1


# -- the vocabularies ---------------------------------------------------------------------


def test_two_terms_renamed_to_one_name_at_once_get_it_once(leader):
    world_module.seed_vocabularies()
    first, second = Topic.objects.order_by("pk")[:2]

    def rename(pk):
        return lambda: catalog_services.vocabulary_rename(
            kind="topic", actor=leader, pk=pk, name="社区矫正"
        )

    results = at_once(rename(first.pk), rename(second.pk))
    _, loser = one_wins(results, CatalogError)
    assert "已有名为“社区矫正”" in str(loser)
    assert Topic.objects.filter(name="社区矫正").count() == 1


# -- applications -------------------------------------------------------------------------


@pytest.fixture
def in_progress(agency, clerk):
    app = world_module.make_application(agency, clerk)
    today = timezone.localdate()
    handler = make_staff("handler", agency, Role.CLERK)
    application_services.application_accept(application=app, actor=handler, on=today)
    return application_services.application_start(application=app, actor=handler, on=today)


def _reply(pk, actor):
    return lambda: application_services.application_reply(
        application=Application.objects.get(pk=pk), actor=actor, outcome="disclosed"
    )


def _transfer(pk, actor, to):
    return lambda: application_services.application_transfer(
        application=Application.objects.get(pk=pk),
        actor=actor,
        to_organization=to,
        reason="属于其他机关职责",
    )


def test_a_reply_and_a_transfer_at_once_leave_one_of_them(
    client, in_progress, leader, other_agency, agency
):
    assigner = make_staff("chief2", agency, Role.DIVISION_HEAD)
    results = at_once(
        _reply(in_progress.pk, leader), _transfer(in_progress.pk, assigner, other_agency)
    )
    _, loser = one_wins(results, TransitionError)
    app = Application.objects.get(pk=in_progress.pk)
    kinds = list(app.events.order_by("pk").values_list("kind", flat=True))
    assert kinds[:3] == ["intake", "accept", "start"] and len(kinds) == 4
    if kinds[3] == "reply":
        assert app.status == Status.REPLIED and "当前状态为“已答复”，不能转交其他机关" in str(loser)
        reader, shown, absent = leader, "答复", "转交其他机关"
    else:
        assert kinds[3] == "transfer" and app.organization_id == other_agency.pk
        assert "刚刚已转交“上海市民政局”办理，不能答复" in str(loser)
        # The case now belongs to the other agency: its staff read the timeline.
        reader = make_staff("mzleader", other_agency, Role.LEADER)
        shown, absent = "转交其他机关", "答复"
    # The timeline the staff read shows the winner's step once and nothing of the loser's.
    client.force_login(reader)
    page = client.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert page.count(f"<strong>{shown}</strong>") == 1
    assert f"<strong>{absent}</strong>" not in page


def test_a_reply_signed_twice_at_once_is_recorded_once(in_progress, leader, agency):
    second = make_staff("leader2", agency, Role.LEADER)
    results = at_once(_reply(in_progress.pk, leader), _reply(in_progress.pk, second))
    _, loser = one_wins(results, TransitionError)
    assert "当前状态为“已答复”，不能答复" in str(loser)
    assert ApplicationEvent.objects.filter(application=in_progress, kind="reply").count() == 1


def test_two_transfers_out_of_the_office_at_once_move_the_case_once(
    in_progress, agency, other_agency
):
    from gongkai.accounts.models import Organization, OrganizationKind

    third = Organization.objects.create(
        name="上海市人力资源和社会保障局", code="shrsj", kind=OrganizationKind.AGENCY
    )
    first = make_staff("chief2", agency, Role.DIVISION_HEAD)
    second = make_staff("chief3", agency, Role.DIVISION_HEAD)
    results = at_once(
        _transfer(in_progress.pk, first, other_agency), _transfer(in_progress.pk, second, third)
    )
    winner, loser = one_wins(results, TransitionError)
    app = Application.objects.get(pk=in_progress.pk)
    assert app.organization_id == winner.organization_id
    assert f"刚刚已转交“{app.organization.name}”办理，不能转交其他机关" in str(loser)
    assert ApplicationEvent.objects.filter(application=app, kind="transfer").count() == 1
