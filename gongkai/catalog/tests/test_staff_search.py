"""The staff catalog list's text query goes through the search index, which holds drafts and
items in review too: staff find them by any word, within their scope; the public never does."""

import pytest
from django.urls import reverse

from gongkai.catalog import search, services
from gongkai.catalog.models import Item, ItemStatus, SearchOp

# Every test here runs on both backends (PostgreSQL's only where the database is PostgreSQL).
pytestmark = pytest.mark.usefixtures("search_backend")

WORD = "婚姻家庭纠纷"
BODY = f"本区人民调解委员会今年受理{WORD}调解案件，调解成功率较上年提高。"


def _listed(client, user, q, **params) -> bool:
    """Whether the draft titled 人民调解工作情况 is on the staff list for `q`."""
    client.force_login(user)
    response = client.get(reverse("catalog:staff_list"), {"q": q, **params})
    assert response.status_code == 200
    return "人民调解工作情况" in response.content.decode()


@pytest.fixture
def draft(make_item):
    item = make_item("人民调解工作情况", BODY)
    search.apply_pending()
    return item


def test_a_clerk_finds_a_draft_by_a_word_of_its_body(client, clerk, draft):
    assert draft.status == ItemStatus.DRAFT and WORD not in draft.title
    assert _listed(client, clerk, WORD)
    assert _listed(client, clerk, WORD, status="draft")
    assert not _listed(client, clerk, WORD, status="published")
    assert not _listed(client, clerk, "行政复议")


def test_staff_outside_the_drafting_agency_do_not_find_it(
    client, draft, outsider, district_clerk, agency
):
    # Another agency's clerk, and a district bureau's (below the agency, not above it).
    assert not _listed(client, outsider, WORD)
    assert not _listed(client, district_clerk, WORD)
    assert search.staff_matches(WORD, organizations=[agency.pk]) == [draft.pk]
    assert search.staff_matches(WORD, organizations=[]) == []


def test_a_query_with_nothing_to_search_for_says_so_on_the_list(client, clerk, draft):
    client.force_login(clerk)
    response = client.get(reverse("catalog:staff_list"), {"q": "的 。"})
    assert response.status_code == 200
    assert "检索词中没有可供检索的字词" in response.content.decode()
    assert "人民调解工作情况" not in response.content.decode()


def test_an_index_number_still_finds_its_item_by_its_prefix(client, clerk, make_item, publish):
    item = publish(make_item("人民调解工作情况", BODY))
    search.apply_pending()
    assert _listed(client, clerk, item.index_no[:12])


def test_the_public_never_sees_a_draft_in_search_the_api_or_the_feed(client, draft, clerk):
    assert search.staff_matches(WORD, organizations=[draft.organization_id]) == [draft.pk]
    results = search.search(WORD)
    assert results.hits == [] and results.total == 0
    page = client.get(reverse("catalog:search"), {"q": WORD}).content.decode()
    assert "人民调解工作情况" not in page
    api = client.get("/api/v1/items/search", {"q": WORD}).json()
    assert api["total"] == 0 and api["hits"] == []
    feed = client.get("/feeds/search/rss/", {"q": WORD}).content.decode()
    assert "人民调解工作情况" not in feed


def test_the_index_follows_a_draft_through_edit_review_publication_and_withdrawal(
    client, clerk, division_head, leader, draft, publish
):
    def staff(q, status=None):
        return search.staff_matches(q, organizations=[draft.organization_id], status=status)

    services.item_update(item=draft, actor=clerk, data={"body": "本区开展行政复议应诉培训。"})
    search.apply_pending()
    assert staff(WORD) == [] and staff("行政复议") == [draft.pk]

    services.item_submit(item=draft, actor=clerk)
    search.apply_pending()
    assert staff("行政复议", status=ItemStatus.IN_REVIEW) == [draft.pk]
    assert staff("行政复议", status=ItemStatus.DRAFT) == []
    assert search.search("行政复议").total == 0

    services.item_return(item=draft, actor=division_head, opinion="请补充培训人数。")
    search.apply_pending()
    assert staff("行政复议", status=ItemStatus.DRAFT) == [draft.pk]

    publish(draft)
    search.apply_pending()
    assert [hit.item.pk for hit in search.search("行政复议").hits] == [draft.pk]

    services.item_withdraw(item=draft, actor=leader, reason="内容有误")
    search.apply_pending()
    assert search.search("行政复议").total == 0
    assert staff("行政复议", status=ItemStatus.WITHDRAWN) == [draft.pk]
    assert _listed(client, clerk, "行政复议")


def test_an_item_gone_from_the_database_leaves_the_index(draft, agency):
    # No screen deletes an item today; whatever does must leave a pending change, as here.
    Item.objects.filter(pk=draft.pk).delete()
    search.enqueue(draft.pk, SearchOp.DELETE)
    search.apply_pending()
    assert search.staff_matches(WORD, organizations=[agency.pk]) == []


def test_a_word_only_a_draft_holds_still_falls_back_to_its_parts_for_the_public(make_item, publish):
    # The published item holds 司法 and 鉴定 apart; only the draft holds the word 司法鉴定.
    both = publish(make_item("委托鉴定工作的说明", "市司法局就委托鉴定事项作出说明。"))
    make_item("司法鉴定收费标准（征求意见稿）", "司法鉴定收费标准调整方案。")
    search.apply_pending()
    assert [hit.item.pk for hit in search.search("司法鉴定").hits] == [both.pk]
