"""The PostgreSQL backend's own behaviour: our segmentation verbatim, a bounded count, checks."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.db import connection

from gongkai.catalog import search
from gongkai.catalog.search import pg, query


def _checks():
    return [m.id for m in checks.run_checks(databases=["default"], tags=["database"])]


def test_the_tsvector_holds_our_terms_verbatim_with_the_title_weighted_above_the_body():
    literal = pg.tsvector_literal("o'brien 律师 c:\\ 。", "律师 事务所 的")
    # Quotes and backslashes escaped, punctuation and stop words dropped, a term's positions
    # in the title weigh A and in the body B.
    assert literal == "'o''brien':1A '律师':2A,4B 'c:\\\\':3A '事务所':5B"
    # The filters as position-less lexemes a typed query cannot spell (a control character).
    faceted = pg.tsvector_literal("律师", "", {"org": 3, "year": 2024})
    assert faceted == "'律师':1A '\x1forg=3' '\x1fyear=2024'"


@pytest.fixture
def on_postgres(settings, db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL 检索后端只在 PostgreSQL 上测试（make test-postgres）")
    pg.ensure_index()
    settings.GONGKAI_SEARCH_BACKEND = "postgres"


def test_terms_postgres_would_split_are_found_as_we_segmented_them(on_postgres, make_item, publish):
    item = publish(make_item("O'Brien-2024.3版律师事务所名录", "收录 c:\\data 下的名录。"))
    search.apply_pending()
    for q in ("o'brien", "律师事务所", "brien-2024.3"):
        assert [hit.item.pk for hit in search.search(q).hits] == [item.pk], q


def test_the_count_stops_past_the_last_page_and_the_page_says_more_than(
    on_postgres, make_item, publish, client, monkeypatch
):
    for n in range(3):
        publish(make_item(f"行政处罚决定书（第{n + 1}号）", "依法作出行政处罚。"))
    search.apply_pending()
    monkeypatch.setattr(query, "MAX_PAGE", 1)
    monkeypatch.setattr(query, "PER_PAGE", 2)
    results = search.search("行政处罚", per_page=2)
    assert results.total_is_floor and len(results.hits) == 2
    monkeypatch.setattr(
        query.search, "__kwdefaults__", {**query.search.__kwdefaults__, "per_page": 2}
    )
    page = client.get("/search/", {"q": "行政处罚"}).content.decode()
    assert "找到超过 2 条" in page


def test_choosing_postgres_search_on_sqlite_fails_the_check_with_what_to_do(settings, db):
    if connection.vendor == "postgresql":
        pytest.skip("只在 SQLite 上出现")
    settings.GONGKAI_SEARCH_BACKEND = "postgres"
    assert "gongkai.catalog.E001" in _checks()
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    assert "gongkai.catalog.E001" not in _checks()


def test_migrating_a_new_database_makes_the_index_and_one_with_items_is_told_to_rebuild(
    on_postgres, make_item, publish
):
    # A new install: migrate leaves a searchable, empty index, nothing to rebuild.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {pg.INDEX_NAME}")
    # Nothing to find yet: the checks `migrate` runs first say nothing of a rebuild.
    assert "gongkai.catalog.W001" not in _checks()
    call_command("migrate", "catalog", verbosity=0)
    assert pg.index_exists()
    assert "gongkai.catalog.W001" not in _checks()
    # A site that already has items (an upgrade, or switching from tantivy): migrate cannot
    # fill the index, so it leaves the warning that says to rebuild.
    publish(make_item("律师事务所设立许可", "准予设立。"))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {pg.INDEX_NAME}")
    call_command("migrate", "catalog", verbosity=0)
    assert not pg.index_exists()
    assert "gongkai.catalog.W001" in _checks()
    search.rebuild()
    assert [hit.item.title for hit in search.search("律师事务所").hits] == ["律师事务所设立许可"]


@pytest.fixture
def broad(monkeypatch):
    """The common-words path at test scale: any word counts as common, three candidates, the
    newest four entries read first and at most twenty, reading always chosen as cheaper."""
    monkeypatch.setattr(pg, "BROAD_MATCHES", -1)
    monkeypatch.setattr(pg, "BROAD_CANDIDATES", 3)
    monkeypatch.setattr(pg, "BROAD_PROBE", 4)
    monkeypatch.setattr(pg, "BROAD_WINDOW", 20)
    monkeypatch.setattr(pg, "ENTRY_US", 0.0)


def _penalties(make_item, publish, n, *, strong=()):
    """n published decisions, oldest first, each with the word 行政处罚; those at the indexes
    in `strong` name it three more times (ranked above the others)."""
    items = []
    for k in range(n):
        extra = "行政处罚。" * 3 if k in strong else ""
        items.append(publish(make_item(f"第{k + 1}号决定书", f"依法作出行政处罚。{extra}")))
    search.apply_pending()
    return items


def test_a_common_word_is_ranked_among_its_newest_matches_and_the_page_says_so(
    on_postgres, make_item, publish, broad, client
):
    items = _penalties(make_item, publish, 8, strong=(0, 6))
    results = search.search("行政处罚")
    newest = [item.pk for item in items[-3:]]  # the 6th, 7th and 8th decisions
    # The best of the newest three first (the 7th names the word four times), and nothing
    # older, not even the first, which names it as often: ranked among the candidates only.
    assert [hit.item.pk for hit in results.hits][0] == items[6].pk
    assert sorted(hit.item.pk for hit in results.hits) == sorted(newest)
    assert results.total_is_floor and results.among_newest == 3
    page = client.get("/search/", {"q": "行政处罚"}).content.decode()
    assert "检索词很常见，下面按相关程度列出其中最近收录的 3 条" in page
    # Every page ranks the same candidates.
    pages = [search.search("行政处罚", per_page=2, page=n).hits for n in (1, 2)]
    assert [hit.item.pk for page in pages for hit in page] == [hit.item.pk for hit in results.hits]


def test_the_common_words_path_keeps_the_filters_and_the_drafts_out_of_public_search(
    on_postgres, make_item, publish, broad, other_agency, clerk
):
    items = _penalties(make_item, publish, 6)
    draft = make_item("第7号决定书（草稿）", "依法作出行政处罚。行政处罚。行政处罚。")
    search.apply_pending()
    hits = [hit.item.pk for hit in search.search("行政处罚").hits]
    assert draft.pk not in hits and set(hits) <= {item.pk for item in items}
    # The staff's search finds the draft among the same newest entries, within their scope.
    staff = search.staff_matches("行政处罚", organizations=[items[0].organization_id])
    assert staff[0] == draft.pk and len(staff) == 3
    assert search.staff_matches("行政处罚", organizations=[other_agency.pk]) == []


def test_a_common_word_whose_newest_entries_hold_too_few_matches_is_ranked_whole(
    on_postgres, make_item, publish, broad, monkeypatch
):
    items = _penalties(make_item, publish, 3, strong=(1,))
    for k in range(25):  # newer entries without the word: the window holds too few matches
        publish(make_item(f"第{k + 1}号通知", "关于开展普法宣传的通知。"))
    search.apply_pending()
    results = search.search("行政处罚")
    assert sorted(hit.item.pk for hit in results.hits) == sorted(item.pk for item in items)
    assert results.hits[0].item.pk == items[1].pk  # the one naming it four times
    assert results.total == 3 and not results.total_is_floor and not results.among_newest


def test_common_words_anded_with_few_matches_are_ranked_whole_as_rum_ranks_them(
    on_postgres, make_item, publish, broad, monkeypatch
):
    both = [
        publish(make_item("第1号决定书", "举行听证后依法作出行政处罚。")),
        publish(make_item("第2号决定书", "听证。听证。听证。依法作出行政处罚。行政处罚。")),
    ]
    for k in range(3):  # each word alone
        publish(make_item(f"第{k + 3}号决定书", "依法作出行政处罚。"))
        publish(make_item(f"第{k + 3}号听证通知", "定于下周举行听证。"))
    for k in range(25):  # newer entries without either: the newest hold too few matches
        publish(make_item(f"第{k + 1}号通知", "关于开展普法宣传的通知。"))
    search.apply_pending()
    taken = []
    few_matches = pg._few_matches
    monkeypatch.setattr(pg, "_few_matches", lambda *a: taken.append(a) or few_matches(*a))
    results = search.search("行政处罚 听证")
    assert taken, "the GIN index was not asked"
    assert [hit.item.pk for hit in results.hits] == [both[1].pk, both[0].pk]
    assert results.total == 2 and not results.total_is_floor and not results.among_newest
    # The same hits in the same order as RUM ranking them itself.
    gin_ready = pg._gin_ready
    monkeypatch.setattr(pg, "_gin_ready", lambda cursor: False)
    assert [hit.item.pk for hit in search.search("行政处罚 听证").hits] == [
        hit.item.pk for hit in results.hits
    ]
    # Past the last page the database cuts the ranked matches, and still counts them.
    publish(
        make_item("第9号决定书", "举行听证后依法作出行政处罚决定，并告知当事人申请复议的权利。")
    )
    for k in range(25):
        publish(make_item(f"第{k + 26}号通知", "关于开展普法宣传的通知。"))
    search.apply_pending()
    assert search.search("行政处罚 听证").hits[0].item.pk == both[1].pk  # by RUM (no GIN)
    monkeypatch.setattr(pg, "_gin_ready", gin_ready)
    monkeypatch.setattr(query, "MAX_PAGE", 1)
    taken.clear()
    first = search.search("行政处罚 听证", per_page=1)
    assert taken, "the GIN index was not asked"
    assert [hit.item.pk for hit in first.hits] == [both[1].pk]
    assert first.total == 2 and first.total_is_floor
