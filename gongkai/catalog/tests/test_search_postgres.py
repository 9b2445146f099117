"""The PostgreSQL backend's own behaviour: our segmentation verbatim, a bounded count, checks."""

import pytest
from django.core import checks
from django.db import connection

from gongkai.catalog import search
from gongkai.catalog.search import pg, query


def _errors():
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
    assert "gongkai.catalog.E001" in _errors()
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    assert "gongkai.catalog.E001" not in _errors()
