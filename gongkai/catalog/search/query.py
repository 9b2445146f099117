"""The search function behind /search/: BM25 in tantivy, then the database has the last word.

Each whitespace-separated word of the query must match (AND); within a word any of its
search-mode terms may match (OR), each on the title (boosted) or the body. Filters restrict
without adding to the score. Every hit is re-checked against the database, so an item
withdrawn a moment ago never shows even while the index still holds it.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import tantivy
from django.core.paginator import Page, Paginator
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.lib import text

from ..models import Item, ItemStatus
from . import engine

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
    item: Item
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
    words: list[tuple[str, tuple[str, ...]]], filters: dict | None = None
) -> tantivy.Query:
    """Every word must match, by itself or by all of its parts; filters add no score."""
    musts = []
    for word, parts in words:
        if parts:
            all_parts = tantivy.Query.boolean_query([(tantivy.Occur.Must, _term(p)) for p in parts])
            clause = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, _term(word)), (tantivy.Occur.Should, all_parts)]
            )
        else:
            clause = _term(word)
        musts.append((tantivy.Occur.Must, clause))
    for name, value in (filters or {}).items():
        if value is None:
            continue
        if name == "validity":
            value = engine.VALIDITY_CODES[value]
        musts.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.const_score_query(
                    tantivy.Query.term_query(engine.SCHEMA, name, int(value)), 0.0
                ),
            )
        )
    return tantivy.Query.boolean_query(musts)


@lru_cache(maxsize=256)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(set(terms), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)


def highlight(source: str, terms: tuple[str, ...], width: int | None = None) -> SafeString:
    """`source` (or a window of `width` characters around the first match) as HTML with the
    query terms wrapped in <mark>. Escapes everything else."""
    if not source:
        return mark_safe("")
    pattern = _term_pattern(terms)
    start, end = 0, len(source)
    prefix = suffix = ""
    if width is not None and len(source) > width:
        first = pattern.search(source)
        begin = max(0, (first.start() if first else 0) - width // 4)
        start, end = begin, min(len(source), begin + width)
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(source) else ""
    window = source[start:end]
    out, pos = [], 0
    for match in pattern.finditer(window):
        out.append(html.escape(window[pos : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        pos = match.end()
    out.append(html.escape(window[pos:]))
    return mark_safe(prefix + "".join(out) + suffix)


def _flat_terms(words: list[tuple[str, tuple[str, ...]]]) -> tuple[str, ...]:
    return tuple(t for word, parts in words for t in (word, *parts))


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
    q = clean_query(raw_query)
    words = text.query_terms(q)
    if not words:
        raise SearchError("检索词中没有可供检索的字词，请换一个说法。")
    page = max(1, min(int(page or 1), MAX_PAGE))
    query = build_query(
        words,
        {
            "org": organization,
            "topic": topic,
            "category": category,
            "year": year,
            "validity": validity,
        },
    )
    index = engine.get_index()
    searcher = index.searcher()
    result = searcher.search(
        query, limit=per_page + SLACK, count=True, offset=(page - 1) * per_page
    )
    addresses = [address for _, address in result.hits]
    ids = searcher.fast_field_values("id", addresses) if addresses else []
    scores = {item_id: score for item_id, (score, _) in zip(ids, result.hits, strict=True)}
    # The database decides what may be shown: published now, whatever the index says.
    # The filters are checked again too, so a lagging index cannot show an item under a
    # validity (or topic…) it no longer has.
    current = Item.objects.filter(pk__in=ids, status=ItemStatus.PUBLISHED)
    exact = {"organization_id": organization, "topic_id": topic, "category_id": category}
    current = current.filter(**{k: v for k, v in exact.items() if v is not None})
    if validity:
        current = current.filter(validity=validity)
    if year:
        tz = timezone.get_current_timezone()
        current = current.filter(
            published_at__gte=datetime(year, 1, 1, tzinfo=tz),
            published_at__lt=datetime(year + 1, 1, 1, tzinfo=tz),
        )
    items = {
        item.pk: item
        for item in current.select_related("organization", "topic", "category").only(
            "pk",
            "title",
            "summary",
            "body",
            "index_no",
            "doc_number",
            "published_at",
            "validity",
            "organization__name",
            "topic__name",
            "category__name",
        )
    }
    terms = _flat_terms(words)
    hits = []
    for item_id in ids:
        item = items.get(item_id)
        if item is None:
            continue
        hits.append(
            Hit(
                item=item,
                score=scores[item_id],
                title_html=highlight(item.title, terms),
                snippet_html=highlight(item.summary or item.body, terms, SNIPPET_CHARS)
                if _term_pattern(terms).search(item.summary or "")
                else highlight(item.body, terms, SNIPPET_CHARS),
            )
        )
        if len(hits) == per_page:
            break
    total = min(result.count, MAX_PAGE * per_page)
    paginator = Paginator(range(total), per_page)
    return SearchResults(
        query=q, hits=hits, total=result.count, page=paginator.get_page(page), words=words
    )
