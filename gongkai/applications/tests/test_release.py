"""第44条: a replied case becomes a draft catalog item in one step, passes the normal review
chain and stays linked to the applications it answered; suggestions of cases asked for twice."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import release, services
from gongkai.applications.models import Outcome, ReleaseLink, SimilarApplication
from gongkai.applications.services import TransitionError
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Category, Confidentiality, ItemStatus, Topic
from gongkai.catalog.search import engine

ORIGINAL = "2025年度本市司法鉴定机构年度检查结果及被责令整改的机构名单"
REWORDED = "请公开本市司法鉴定机构2025年度年检结果，以及被责令整改的鉴定机构名单"


@pytest.fixture(autouse=True)
def vocabularies(db, settings, tmp_path):
    from importlib import import_module

    from django.apps import apps

    import_module("gongkai.catalog.migrations.0002_vocabularies").seed(apps, None)
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    engine.forget_index()
    yield
    engine.forget_index()


def answered(make_application, handler, description, day, **data):
    app = make_application(received_on=day, description=description, **data)
    services.application_accept(application=app, actor=handler, on=day)
    services.application_reply(
        application=app,
        actor=handler,
        on=day,
        outcome=Outcome.DISCLOSED,
        provided="2025年度司法鉴定机构年度检查结果名单（附件）",
    )
    return app


@pytest.fixture
def pair(make_application, handler):
    first = answered(make_application, handler, ORIGINAL, date(2026, 9, 25))
    second = answered(
        make_application,
        handler,
        REWORDED,
        date(2026, 10, 12),
        applicant_name="王某",
        id_number="310101199001011237",
    )
    return first, second


def test_the_release_item_passes_the_review_chain_linked_to_both_applications(
    pair, clerk, division_head, legal_reviewer, leader
):
    first, second = pair
    item = release.application_release(
        application=second,
        actor=clerk,
        topic=Topic.objects.get(code="sfjd"),
        category=Category.objects.get(code="yw"),
        title="2025年度司法鉴定机构年度检查结果",
    )
    assert item.status == ItemStatus.DRAFT
    assert "第四十四条" in item.body and "年度检查结果名单" in item.body
    assert set(ReleaseLink.objects.filter(item=item).values_list("application", flat=True)) == {
        first.pk,
        second.pk,
    }
    catalog.item_submit(item=item, actor=clerk)
    for reviewer in (division_head, legal_reviewer, leader):
        catalog.item_approve(item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert ReleaseLink.objects.filter(item=item).count() == 2
    with pytest.raises(TransitionError, match="已转为主动公开"):
        release.application_release(
            application=second,
            actor=clerk,
            topic=item.topic,
            category=item.category,
        )


def test_an_open_case_cannot_be_released(make_application, clerk):
    app = make_application()
    with pytest.raises(TransitionError, match="只有已答复且予以公开"):
        release.application_release(
            application=app,
            actor=clerk,
            topic=Topic.objects.get(code="sfjd"),
            category=Category.objects.get(code="yw"),
        )


def test_cases_several_applicants_asked_for_are_suggested_until_released(pair, clerk, client):
    first, second = pair
    rows = release.release_suggestions(clerk, today=date(2026, 12, 15))
    assert len(rows) == 1 and rows[0]["asked"] == 2
    client.force_login(clerk)
    page = client.get(reverse("applications:release_suggestions")).content.decode()
    assert second.tracking_number in page and "2 件" in page
    response = client.post(
        reverse("applications:release", args=[second.pk]),
        {
            "release-title": "2025年度司法鉴定机构年度检查结果",
            "release-topic": Topic.objects.get(code="sfjd").pk,
            "release-category": Category.objects.get(code="yw").pk,
        },
    )
    assert response.status_code == 302
    assert release.release_suggestions(clerk, today=date(2026, 12, 15)) == []
    case_page = client.get(reverse("applications:detail", args=[first.pk])).content.decode()
    assert "已生成主动公开信息" in case_page


def test_another_agencys_clerk_is_suggested_none_of_this_offices_cases(pair, outsider):
    assert release.release_suggestions(outsider, today=date(2026, 12, 15)) == []


def test_a_release_without_a_topic_is_refused_with_a_message(pair, clerk, client):
    _, second = pair
    client.force_login(clerk)
    response = client.post(
        reverse("applications:release", args=[second.pk]), {"release-title": "x"}
    )
    assert (
        response.status_code == 400 and "转为主动公开：请更正下列错误" in response.content.decode()
    )
    assert not ReleaseLink.objects.exists()


def test_the_newest_groups_are_suggested_a_chunk_at_a_time_and_the_page_says_when_more_wait(
    make_application, handler, clerk, client, monkeypatch
):
    monkeypatch.setattr(release, "SUGGESTIONS_SHOWN", 2)
    monkeypatch.setattr(release, "_CHUNK", 2)  # groups that straddle chunks
    cases = [
        answered(make_application, handler, f"第{n}号事项的办理结果", date(2026, 10, 1 + n))
        for n in range(5)
    ]
    SimilarApplication.objects.all().delete()
    for later, earlier in ((4, 3), (2, 1), (1, 0)):
        SimilarApplication.objects.create(
            application=cases[later], earlier=cases[earlier], score=0.9
        )
    rows = release.release_suggestions(clerk, today=date(2026, 12, 15), limit=10)
    # Newest first; a case counted with a more recent one is not listed again.
    assert [(r["application"], r["asked"]) for r in rows] == [
        (cases[4], 2),
        (cases[2], 2),
        (cases[0], 2),
    ]
    client.force_login(clerk)
    page = client.get(reverse("applications:release_suggestions"))
    assert [r["application"] for r in page.context["rows"]] == [cases[4], cases[2]]
    assert "只列出最近的 2 组" in page.content.decode()
