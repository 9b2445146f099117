"""The search function behind /search/: BM25 in tantivy, then the database has the last word.

Each whitespace-separated word of the query must match (AND); within a word any of its
search-mode terms may match (OR), each on the title (boosted) or the body. Filters restrict
without adding to the score. Every hit is re-checked against the database, so an item
withdrawn a moment ago never shows even while the index still holds it.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

import tantivy
from django.core.paginator import Page, Paginator
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.lib import text

from ..models import Item, ItemStatus, Validity
from . import engine, sync

MAX_QUERY_CHARS = 100
MAX_PAGE = 50  # deeper pages are rarely wanted and cost the engine more than they are worth
PER_PAGE = 20
# Extra hits fetched beyond a page so that stale ones dropped by the re-check rarely shorten it.
SLACK = 5
SNIPPET_CHARS = 120


class SearchError(ValueError):
    """A query that cannot be run; the message tells the user why."""


@dataclass
class Hit:
    item: "HitItem"
    score: float
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    total: int
    page: Page
    words: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # True when `total` is where counting stopped (the PostgreSQL backend counts no further
    # than the deepest page it would show), not every match.
    total_is_floor: bool = False
    # When the hits are the best of the newest matches only (PostgreSQL, common words): how many
    # of them were ranked (0: every match).
    among_newest: int = 0


def clean_query(raw: str | None) -> str:
    q = " ".join((raw or "").split())
    if not q:
        raise SearchError("请输入检索词。")
    if len(q) > MAX_QUERY_CHARS:
        raise SearchError(f"检索词过长（{len(q)} 个字），请不超过 {MAX_QUERY_CHARS} 个字。")
    return q


def _term(term: str) -> tantivy.Query:
    """`term` in the title (boosted) or in the body."""
    schema = engine.SCHEMA
    return tantivy.Query.boolean_query(
        [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(
                    tantivy.Query.term_query(schema, "title", term), engine.TITLE_BOOST
                ),
            ),
            (tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", term)),
        ]
    )


def build_query(
    words: list[tuple[str, tuple[str, ...]]], filters: dict | None = None, searcher=None
) -> tantivy.Query:
    """Every word must match; filters add no score.

    A word matches on itself. Only a word no document holds (a segmentation the index never
    produced) falls back to requiring all of its parts, each anywhere in the item: the
    fallback intersects long posting lists, so it is kept for the words that need it.
    """
    musts = []
    for word, parts in words:
        clause = _term(word)
        if parts and searcher is not None and not _known(searcher, word, filters):
            clause = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, _term(part)) for part in parts]
            )
        musts.append((tantivy.Occur.Must, clause))
    for name, value in (filters or {}).items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):  # any of several (a user's scope)
            match = tantivy.Query.term_set_query(engine.SCHEMA, name, [int(v) for v in value])
        else:
            codes = _FILTER_CODES.get(name)
            value = codes[value] if codes else int(value)
            match = tantivy.Query.term_query(engine.SCHEMA, name, value)
        musts.append((tantivy.Occur.Must, tantivy.Query.const_score_query(match, 0.0)))
    return tantivy.Query.boolean_query(musts)


# Filters held in the index as small integers.
_FILTER_CODES = {"validity": engine.VALIDITY_CODES, "status": engine.STATUS_CODES}


def _known(searcher, word: str, filters: dict | None = None) -> bool:
    """Whether a document holds `word` itself (one of the status asked for, if any)."""
    holding = max(searcher.doc_freq("title", word), searcher.doc_freq("body", word))
    if holding == 0:
        return False
    status = (filters or {}).get("status")
    if status is None:
        return True
    # The index holds drafts too: a word only they hold must not change what the public finds.
    # A word in more documents than there are of other statuses is in one of this status
    # (counts include deleted documents not yet merged away: close enough for a fallback).
    code = engine.STATUS_CODES[status]
    if holding > searcher.num_docs - searcher.doc_freq("status", code):
        return True
    only = tantivy.Query.term_query(engine.SCHEMA, "status", code)
    query = tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, tantivy.Query.const_score_query(_term(word), 0.0)),
            (tantivy.Occur.Must, tantivy.Query.const_score_query(only, 0.0)),
        ]
    )
    return bool(searcher.search(query, limit=1, count=False).hits)


@lru_cache(maxsize=256)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(set(terms), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)


def highlight(source: str, terms: tuple[str, ...], width: int | None = None) -> SafeString:
    """`source` (or a window of `width` characters around the first match) as HTML with the
    query terms wrapped in <mark>. Everything else is escaped.

    The text is split on the matches first and each piece escaped on its own: marking the
    escaped text would match inside entities (a query for "amp" on "AT&T").
    """
    if not source:
        return mark_safe("")
    pattern = _term_pattern(terms)
    prefix = suffix = ""
    if width is not None and len(source) > width:
        first = pattern.search(source)
        start = max(0, (first.start() if first else 0) - width // 4)
        end = min(len(source), start + width)
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(source) else ""
        source = source[start:end]
    pieces, last = [prefix], 0
    for match in pattern.finditer(source):
        pieces.append(html.escape(source[last : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    pieces.append(html.escape(source[last:]))
    pieces.append(suffix)
    return mark_safe("".join(pieces))


@dataclass
class HitItem:
    """What a result shows of an item, read in one query (no model instances)."""

    pk: int
    title: str
    index_no: str
    doc_number: str
    published_at: datetime
    validity: str
    organization_name: str
    topic_name: str
    category_name: str

    @property
    def validity_label(self) -> str:
        return Validity(self.validity).label

    def get_absolute_url(self) -> str:
        return reverse("catalog:item", args=[self.pk])


_COLUMNS = (
    "pk",
    "status",
    "organization_id",
    "topic_id",
    "category_id",
    "validity",
    "published_at",
    "title",
    "index_no",
    "doc_number",
    "summary",
    "body",
    "organization__name",
    "topic__name",
    "category__name",
)


@lru_cache(maxsize=64)
def _rows_sql(count: int) -> str:
    """The SQL of the re-check for `count` ids, compiled by the ORM once per count."""
    queryset = Item.objects.filter(pk__in=list(range(count))).order_by().values_list(*_COLUMNS)
    sql, _ = queryset.query.sql_with_params()
    return sql


def _fetch_rows(ids: list[int]) -> dict[int, tuple]:
    """(pk → row of _COLUMNS) for the ids, by primary key. Raw execution of ORM-built SQL:
    building the query anew for every search cost more than running it."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_rows_sql(len(ids)), list(ids))
        fetched = cursor.fetchall()
    rows = {}
    for row in fetched:
        published_at = row[6]
        if isinstance(published_at, str):  # SQLite keeps naive UTC text
            published_at = datetime.fromisoformat(published_at)
        if published_at is not None and published_at.tzinfo is None:
            row = (*row[:6], published_at.replace(tzinfo=UTC), *row[7:])
        rows[row[0]] = row
    return rows


def _still_matches(row, filters: dict, year_bounds) -> bool:
    """Re-check a row against the database's truth: published, and every filter."""
    _, status, org, topic, category, validity, published_at = row[:7]
    if status != ItemStatus.PUBLISHED:
        return False
    wanted = (
        ("organization", org),
        ("topic", topic),
        ("category", category),
        ("validity", validity),
    )
    if any(filters.get(name) is not None and filters[name] != value for name, value in wanted):
        return False
    return year_bounds is None or year_bounds[0] <= published_at < year_bounds[1]


def _flat_terms(words: list[tuple[str, tuple[str, ...]]]) -> tuple[str, ...]:
    """Every word of the query and all of its parts."""
    return tuple(t for word, parts in words for t in (word, *parts))


def _parse(raw_query: str | None) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    q = clean_query(raw_query)
    words = text.query_terms(q)
    if not words:
        raise SearchError("检索词中没有可供检索的字词，请换一个说法。")
    return q, words


def search(
    raw_query: str | None,
    *,
    organization: int | None = None,
    topic: int | None = None,
    category: int | None = None,
    year: int | None = None,
    validity: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """Ranked, filtered, re-checked hits for one page of a query. Raises SearchError."""
    q, words = _parse(raw_query)
    page = max(1, min(int(page or 1), MAX_PAGE))
    filters = {
        "org": organization,
        "topic": topic,
        "category": category,
        "year": year,
        "validity": validity,
        # The index holds drafts too (for the staff's search): the public sees published ones.
        "status": ItemStatus.PUBLISHED.value,
    }
    ranked = _ranked_postgres if sync.backend() == "postgres" else _ranked_tantivy
    ids, scores, count, among_newest = ranked(words, filters, page, per_page)
    last_page = max(1, -(-min(count, MAX_PAGE * per_page) // per_page))
    if page > last_page:
        # A page past the end shows the last page, and the pager says so.
        page = last_page
        ids, scores, count, among_newest = ranked(words, filters, page, per_page)
    # The database decides what may be shown: published now and matching the filters now,
    # whatever the (possibly lagging) index says. Looked up by primary key only, so the
    # query costs the same however many items the filters would match.
    rows = _fetch_rows(ids)
    filters = {"organization": organization, "topic": topic, "category": category}
    filters["validity"] = validity or None
    year_bounds = None
    if year:
        tz = timezone.get_current_timezone()
        year_bounds = (datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz))
    # Highlight the query's words; an item matched through a word's parts gets the parts.
    whole = tuple(word for word, _ in words)
    with_parts = _flat_terms(words)
    pattern = _term_pattern(whole)
    hits = []
    for item_id in ids:
        row = rows.get(item_id)
        if row is None or not _still_matches(row, filters, year_bounds):
            continue
        (pk, _, _, _, _, validity_now, published_at, title, index_no, number, summary, body) = row[
            :12
        ]
        item = HitItem(pk, title, index_no, number, published_at, validity_now, *row[12:])
        source = summary if summary and pattern.search(summary) else body
        terms = whole if pattern.search(title) or pattern.search(source) else with_parts
        hits.append(
            Hit(
                item=item,
                score=scores[item_id],
                title_html=highlight(title, terms),
                snippet_html=highlight(source, terms, SNIPPET_CHARS),
            )
        )
        if len(hits) == per_page:
            break
    total = min(count, MAX_PAGE * per_page)
    paginator = Paginator(range(total), per_page)
    return SearchResults(
        query=q,
        hits=hits,
        total=count,
        page=paginator.get_page(page),
        words=words,
        total_is_floor=count > MAX_PAGE * per_page and sync.backend() == "postgres",
        among_newest=among_newest,
    )


def _ranked_tantivy(words, filters: dict, page: int, per_page: int):
    """(ids, {id: score}, count) of one page from the tantivy index."""
    searcher = engine.get_index().searcher()
    query = build_query(words, filters, searcher)
    result = searcher.search(
        query, limit=per_page + SLACK, count=True, offset=(page - 1) * per_page
    )
    addresses = [address for _, address in result.hits]
    ids = searcher.fast_field_values("id", addresses) if addresses else []
    scores = {item_id: score for item_id, (score, _) in zip(ids, result.hits, strict=True)}
    return ids, scores, result.count, 0


def _ranked_postgres(words, filters: dict, page: int, per_page: int):
    """The same page from the PostgreSQL backend; its count stops past the last page shown."""
    from . import pg

    return pg.ranked(
        words,
        filters,
        offset=(page - 1) * per_page,
        limit=per_page + SLACK,
        count_cap=MAX_PAGE * per_page + 1,
    )


# The staff list keeps this many matches of a text query, best first: enough to find a draft by
# a word of it, few enough for the list's id filter to stay cheap at a million items.
STAFF_LIMIT = 500


def staff_matches(
    raw_query: str | None,
    *,
    organizations: Iterable[int],
    status: str | None = None,
    limit: int = STAFF_LIMIT,
) -> list[int]:
    """Ids of the items of `organizations` (the user's scope) matching a query, whatever their
    status (or only `status`), best first, at most `limit`. Raises SearchError.

    Drafts and items in review are in the index for this. The caller filters its own queryset
    by these ids, so the database still decides what the user may see."""
    _, words = _parse(raw_query)
    organizations = sorted(set(organizations))
    if not organizations:
        return []
    filters = {"org": organizations, "status": status or None}
    if sync.backend() == "postgres":
        from . import pg

        return pg.ranked(words, filters, offset=0, limit=limit, count_cap=None)[0]
    searcher = engine.get_index().searcher()
    result = searcher.search(build_query(words, filters, searcher), limit=limit, count=False)
    addresses = [address for _, address in result.hits]
    return searcher.fast_field_values("id", addresses) if addresses else []
