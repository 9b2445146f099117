"""The PostgreSQL search backend (GONGKAI_SEARCH_BACKEND=postgres): one index every app server
shares, in the database itself.

Each item (drafts included, with its status) has a SearchEntry row whose tsvector holds the same rjieba terms the
tantivy index receives (title, 文号 and 主题词 at weight A, the body at weight B), written as a
tsvector literal term by term: PostgreSQL's parser would split our segmentation again (a
hyphen, a version number, mixed letters and characters). A RUM index (the `rum` extension)
answers `ORDER BY tsv <=> query LIMIT n` from the index itself, ranked by term frequency and
weight, so the top 20 of a query holding a common word costs the same as that of a rare one.

Changes reach the table as they reach tantivy: SearchPending rows applied after commit (or by
the worker), one writer at a time under an advisory lock, re-reading each item.
"""

import json
import math
import time

from django.db import connection, transaction

from gongkai.lib import text

from ..models import SearchEntry, SearchPending
from . import engine

TABLE = SearchEntry._meta.db_table
INDEX_NAME = "catalog_searchentry_tsv_rum"
# A plain GIN index beside it: no positions, a third of RUM's size, it finds the few matches of
# common words ANDed together without reading their positions (see _few_matches). It indexes
# strip(tsv), which only _few_matches asks for: on tsv itself the planner took it for ranked
# queries too, and sorted thousands of rows where RUM returned its best (13 → 52 ms for one
# rare word).
GIN_INDEX_NAME = "catalog_searchentry_tsv_gin"
GIN_INDEX_SQL = f"CREATE INDEX IF NOT EXISTS {GIN_INDEX_NAME} ON {TABLE} USING gin (strip(tsv))"
# One advisory lock key for the single writer ("gksearch" in hex, any constant would do).
LOCK_KEY = 0x676B736561726368
# Positions past PostgreSQL's limit are clamped; a term keeps at most this many of them,
# enough for ranking, and far below the 256 a tsvector allows.
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 32
MAX_LEXEME_BYTES = 2046
_DROP = text.STOPWORDS | text.PUNCTUATION

INSTALL_HINT = (
    "PostgreSQL 检索需要 rum 扩展：以 root 运行 apt-get install postgresql-15-rum"
    "（或与服务器版本对应的包），再以超级用户在数据库中执行 CREATE EXTENSION rum;"
    "然后运行 gongkai search rebuild。"
)


class RumUnavailable(RuntimeError):
    """The database cannot hold the RUM index; the message says what to install."""


def rum_available(conn=connection) -> bool:
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def index_exists(conn=connection) -> bool:
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [INDEX_NAME])
        return cursor.fetchone() is not None


def ensure_index(conn=connection, *, required: bool = True) -> bool:
    """Create the rum extension and the index where missing. Returns whether the index is
    there; raises RumUnavailable when `required` and it cannot be."""
    if conn.vendor != "postgresql":
        if required:
            raise RumUnavailable(
                "PostgreSQL 检索需要 PostgreSQL 数据库（DATABASE_URL=postgres://…）。"
            )
        return False
    if index_exists(conn):
        with conn.cursor() as cursor:
            cursor.execute(GIN_INDEX_SQL)
        return True
    if not rum_available(conn):
        if required:
            raise RumUnavailable(INSTALL_HINT)
        return False
    with conn.cursor() as cursor:
        try:
            with transaction.atomic(using=conn.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except Exception as exc:  # not a superuser: the extension must be created by one
            if required:
                raise RumUnavailable(f"{INSTALL_HINT}（{exc}）") from exc
            return False
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {TABLE} USING rum (tsv rum_tsvector_ops)"
        )
        cursor.execute(GIN_INDEX_SQL)
    return True


_gin_seen = False


def _gin_ready(cursor) -> bool:
    """Whether the GIN index is there; once seen, taken as there for the process's life (the
    catalog lookup cost 0.7 ms a search; only a rebuild of the bench's corpus drops it)."""
    global _gin_seen
    if not _gin_seen:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [GIN_INDEX_NAME])
        _gin_seen = cursor.fetchone() is not None
    return _gin_seen


def _quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


# The selective filters (organization, topic, category, year) are also lexemes of the tsvector,
# without positions: the RUM index then intersects them with the words instead of the ranked
# scan fetching rows from the table to test them (9,222 rows fetched and dropped for one
# 发布机构 + 年份 query at 10⁶ items). The prefix is a control character, which no text the
# search reads or is asked for can hold (gongkai.lib.inputs refuses them).
FACET_PREFIX = "\x1f"
FACETS = ("org", "topic", "category", "year")


def facet_lexeme(name: str, value) -> str:
    return f"{FACET_PREFIX}{name}={value}"


def tsvector_literal(title_terms: str, body_terms: str, facets: dict | None = None) -> str:
    """The tsvector of an item's segmented title and body (and its filter values, `facets`:
    name → value), as PostgreSQL's input syntax."""
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, terms in (("A", title_terms), ("B", body_terms)):
        for term in terms.split():
            if term in _DROP or len(term.encode()) > MAX_LEXEME_BYTES:
                continue
            position = min(position + 1, MAX_POSITION)
            seen = positions.setdefault(term, [])
            if len(seen) < MAX_POSITIONS_PER_TERM:
                seen.append(f"{position}{weight}")
    literal = " ".join(f"{_quote(term)}:{','.join(at)}" for term, at in positions.items())
    if facets:
        literal += "".join(f" {_quote(facet_lexeme(n, v))}" for n, v in facets.items())
    return literal


def entry_values(row: dict) -> tuple:
    """(item_id, org, topic, category, year, validity, status, tsvector literal) of an item."""
    from django.utils import timezone

    title, body = engine.document_texts(row)
    published = row["published_at"]
    year = timezone.localtime(published).year if published else 0
    org, topic, category = row["organization_id"], row["topic_id"], row["category_id"]
    facets = {"org": org, "topic": topic, "category": category, "year": year}
    return (
        row["pk"],
        org,
        topic,
        category,
        year,
        row["validity"],
        row["status"],
        tsvector_literal(text.index_text(title), text.index_text(body), facets),
    )


COLUMNS = (
    "item_id",
    "organization_id",
    "topic_id",
    "category_id",
    "year",
    "validity",
    "status",
    "tsv",
)
_INSERT = (
    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s::tsvector) ON CONFLICT (item_id) DO UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS[1:])
)


def write_entries(values: list[tuple]) -> None:
    if values:
        with connection.cursor() as cursor:
            cursor.executemany(_INSERT, values)


def _lock(blocking: bool) -> bool:
    """The writer's advisory lock, held until the surrounding transaction ends."""
    with connection.cursor() as cursor:
        if blocking:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
        return cursor.fetchone()[0]


def drain(*, blocking: bool, indexed_rows, batch: int) -> int:
    """Apply pending rows to the table; 0 when another writer holds the lock."""
    applied = 0
    while True:
        with transaction.atomic():
            if not _lock(blocking):
                return applied
            rows = list(SearchPending.objects.order_by("pk").values_list("pk", "item_id")[:batch])
            if not rows:
                return applied
            ids = sorted({item_id for _, item_id in rows})
            SearchEntry.objects.filter(item_id__in=ids).delete()
            write_entries([entry_values(row) for row in indexed_rows(ids)])
            SearchPending.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
            applied += len(rows)


def rebuild(*, indexed_rows, chunk: int, stdout=None) -> int:
    """Refill the table from the items, in one transaction (readers keep seeing the
    old entries until it commits)."""
    ensure_index()
    with transaction.atomic():
        _lock(True)
        seen = list(SearchPending.objects.values_list("pk", flat=True))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
        count, last_pk = 0, 0
        while True:
            rows = list(indexed_rows().filter(pk__gt=last_pk).order_by("pk")[:chunk])
            if not rows:
                break
            write_entries([entry_values(row) for row in rows])
            count += len(rows)
            last_pk = rows[-1]["pk"]
            if stdout is not None:
                stdout.write(f"已索引 {count} 条……")
        for start in range(0, len(seen), 500):
            SearchPending.objects.filter(pk__in=seen[start : start + 500]).delete()
    return count


# Searching -----------------------------------------------------------------------------------


def _word_query(word: str, parts: tuple[str, ...], known) -> str:
    """A word matches on itself; a word no entry holds needs all of its parts (as tantivy)."""
    if parts and not known(word):
        return "(" + " & ".join(_quote(p) for p in parts) + ")"
    return _quote(word)


def _known(word: str, status: str | None = None) -> bool:
    """Whether an entry (of `status`, if given: drafts must not change what the public finds)
    holds `word` itself."""
    condition, params = "tsv @@ %s::tsquery", [_quote(word)]
    if status is not None:
        condition += " AND status = %s"
        params.append(status)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {TABLE} WHERE {condition})", params)
        return cursor.fetchone()[0]


_FILTER_COLUMNS = {
    "org": "organization_id",
    "topic": "topic_id",
    "category": "category_id",
    "year": "year",
    "validity": "validity",
    "status": "status",
}


# A query of common words is ranked among its newest BROAD_CANDIDATES matches when reading the
# newest entries finds them sooner than RUM ranks them all. RUM reads every posting of the
# query's words and ranks every match before it returns the first: at 10⁶ items here ≈ 0.15 µs a
# posting and 0.5 µs a match (140–180 ms for 鉴定, in a quarter of the items; 73–83 ms for 声像
# 资料 投诉, whose three posting lists hold 320,000 entries for 21,496 matches). Reading the
# newest entries costs ≈ 0.6 µs each once they are in memory, as the newest entries of a site
# stay (50,000 of them in 28 ms; 82 ms the first time), and finds BROAD_CANDIDATES matches in
# BROAD_CANDIDATES ÷ the query's share of them. The candidates are ranked with the same operator. What "best" means for such a query
# thus changes: the most relevant of its recent matches (tantivy, whose index skips most
# postings, still ranks them all).
BROAD_MATCHES = 20_000  # the rarest word's postings, below which RUM ranks all at once
BROAD_CANDIDATES = 1_000  # as many as the pager shows: every page ranks the same candidates
BROAD_PROBE = 2_000  # the newest entries read first, to measure the query's share of them
BROAD_WINDOW = 50_000  # and at most (≈ 30 ms), whatever that share
# Common words ANDed together whose matches are few (行政复议 检查 公证: 881 of 10⁶ items) are
# found through the GIN index and ranked in the database, all of them: 30 ms where RUM took 70,
# reading every posting's positions. The GIN index reads a posting for ≈ 0.04 µs, then each
# match costs a visit to its row (≈ 6 µs: 3–10 measured; 1.2–1.6 µs only while the rows stay in
# PostgreSQL's own buffers, which a table of 10⁶ entries outgrows: 17,072 rows read from the
# system's cache took 86 ms), so it is taken when the matches, estimated from the newest
# entries, cost less so than the postings RUM would read; reading stops past FEW_MATCHES rows
# (then RUM ranks them after all).
GIN_POSTING_US, GIN_MATCH_US = 0.04, 6.0
FEW_MATCHES = 10_000
# A margin on the entries' cost: read from disk they cost more (the previous estimate, 1.4 µs,
# was measured on a machine under load).
POSTING_US, MATCH_US, ENTRY_US = 0.15, 0.5, 0.8


# The planner's estimates change only when ANALYZE runs: kept a few minutes per term, they spare
# a search one EXPLAIN per word (0.5 ms each), and the words people search for recur.
_ESTIMATES: dict[str, tuple[float, float]] = {}
ESTIMATE_SECONDS, ESTIMATES_KEPT = 300.0, 10_000


def forget() -> None:
    """Drop what this process keeps of the database's state (tests: each has its own)."""
    global _gin_seen
    _ESTIMATES.clear()
    _gin_seen = False


def _postings(cursor, term: str) -> float:
    """The planner's estimate of the entries holding a (quoted) term."""
    now = time.monotonic()
    kept = _ESTIMATES.get(term)
    if kept is not None and now - kept[1] < ESTIMATE_SECONDS:
        return kept[0]
    cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE tsv @@ %s", [term])
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    if len(_ESTIMATES) >= ESTIMATES_KEPT:
        _ESTIMATES.clear()
    estimate = plan[0]["Plan"]["Plan Rows"]
    _ESTIMATES[term] = (estimate, now)
    return estimate


def _newest_matches(cursor, tsquery: str, condition: str, params: list, postings: float):
    """(item_id, distance) of the newest BROAD_CANDIDATES matches, best first, or None when
    ranking every match would cost less than reading the entries that hold them; and the
    query's matches as estimated from the newest entries."""
    wanted = BROAD_CANDIDATES
    cursor.execute(f"SELECT max(item_id) FROM {TABLE}")
    top = cursor.fetchone()[0] or 0
    # The same test as a function call, which no index answers: the planner then reads the
    # newest entries by primary key instead of the query's whole posting lists.
    on_rows = condition.replace("tsv @@ %s::tsquery", "ts_match_vq(tsv, %s::tsquery)", 1)

    def read(newer_than: int, older_than: int, n: int) -> list:
        cursor.execute(
            f"SELECT item_id, tsv <=> %s::tsquery FROM {TABLE} WHERE item_id > %s "
            f"AND item_id <= %s AND {on_rows} ORDER BY item_id DESC LIMIT %s",
            [tsquery, newer_than, older_than, *params, n],
        )
        return cursor.fetchall()

    rows = read(top - BROAD_PROBE, top, wanted)
    share = len(rows) / min(BROAD_PROBE, top or 1)
    if len(rows) < wanted:
        if not rows:
            return None, 0.0
        reading = wanted / share
        ranking_all = postings * POSTING_US + share * top * MATCH_US
        if reading > BROAD_WINDOW or reading * ENTRY_US > ranking_all:
            return None, share * top
        rows += read(top - BROAD_WINDOW, top - BROAD_PROBE, wanted - len(rows))
        if len(rows) < wanted:
            return None, share * top
    # Best first, ties to the newest (as _few_matches orders them).
    return sorted(rows, key=lambda row: (row[1], -row[0])), share * top


def _few_matches(cursor, tsquery: str, condition: str, params: list, wanted: int):
    """((item_id, distance) of the best `wanted` matches, best first, found through the GIN
    index; how many match), or None when more than FEW_MATCHES do. Ranked and cut in the
    database: sending every match (7,169 for one query) to be sorted here cost 10 ms more."""
    on_gin = condition.replace("tsv @@", "strip(tsv) @@", 1)
    cursor.execute(
        f"SELECT item_id, distance, count(*) OVER () FROM (SELECT item_id, "
        f"tsv <=> %s::tsquery AS distance FROM {TABLE} WHERE {on_gin} LIMIT %s) AS matches "
        "ORDER BY distance, item_id DESC LIMIT %s",
        [tsquery, *params, FEW_MATCHES + 1, wanted],
    )
    rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    if total > FEW_MATCHES:
        return None
    return [(item_id, distance) for item_id, distance, _ in rows], total


def ranked(words, filters: dict, *, offset: int, limit: int, count_cap: int | None):
    """(ids, {id: score}, count, among_newest) of one page of hits, best first. The count
    stops at `count_cap`: counting every match of a common word would cost more than the page;
    with None it is not counted (the count is then the hits'). `among_newest`: how many of
    the query's newest matches were ranked (0: all of them)."""
    status = filters.get("status")
    known = (lambda word: _known(word, status)) if isinstance(status, str) else _known
    word_queries = [_word_query(word, parts, known) for word, parts in words]
    tsquery = " & ".join(word_queries)
    # The words rank; the selective filters only restrict, inside the index (see FACETS).
    facets = []
    where, params = [], []
    for name, value in filters.items():
        if value is None:
            continue
        if name in FACETS and not isinstance(value, (list, tuple, set, frozenset)):
            facets.append(_quote(facet_lexeme(name, value)))
        elif isinstance(value, (list, tuple, set, frozenset)):  # any of several (a scope)
            where.append(f" AND {_FILTER_COLUMNS[name]} = ANY(%s)")
            params.append(list(value))
        else:  # validity and status: most items pass, cheaper tested on the row
            where.append(f" AND {_FILTER_COLUMNS[name]} = %s")
            params.append(value)
    condition = "tsv @@ %s::tsquery" + "".join(where)
    matching = [" & ".join([tsquery, *facets]), *params]
    # One query gives the page and the count: RUM has ranked every match before returning the
    # first, so reading on to the count's cap costs little more than the page (a separate
    # count read the posting lists again: 10 ms on average at 10⁶ items, 28 for an AND).
    wanted = offset + limit if count_cap is None else max(offset + limit, count_cap)
    with transaction.atomic(), connection.cursor() as cursor:
        hits = count = None
        # Each term's postings. A word's (a word matched by its parts: its rarest part's)
        # bound the matches from above, the least of them the query's: the planner's estimate
        # of an AND multiplies the words' shares, far too low for words that come together
        # (环境 损害 鉴定). RUM reads them all, the parts of a split word included.
        postings = [
            [_postings(cursor, _quote(term)) for term in terms]
            for terms in (
                parts if query.startswith("(") else (word,)
                for (word, parts), query in zip(words, word_queries, strict=True)
            )
        ]
        among_newest = 0
        if min(min(word) for word in postings) > BROAD_MATCHES:
            read_by_rum = sum(sum(word) for word in postings)
            hits, estimate = _newest_matches(cursor, tsquery, condition, matching, read_by_rum)
            if hits is not None:
                # More matches than the candidates: the count is a floor, as past the cap.
                among_newest, count = len(hits), count_cap
            elif (
                len(words) > 1
                # The newest entries are of recent years: they tell nothing of another year's.
                and filters.get("year") is None
                and estimate * (GIN_MATCH_US - MATCH_US)
                < read_by_rum * (POSTING_US - GIN_POSTING_US)
                and _gin_ready(cursor)
            ):
                found = _few_matches(cursor, tsquery, condition, matching, wanted)
                if found is not None:
                    hits, total = found
                    count = total if count_cap is None else min(total, count_cap)
        if hits is None:
            # RUM ranks every match and sorts them: with the default 4 MB a common word's
            # matches spill to temporary files (875 ms instead of 583 ms for a word in 25% of
            # 10⁶ items).
            cursor.execute("SET LOCAL work_mem = '64MB'")
            # From the index in rank order, never a bitmap of every match sorted afterwards:
            # the planner multiplies the words' shares, and for words that always come
            # together (锦 天城: 9,276 matches estimated at 104) it read every match's row
            # (60 ms warm, 380 cold; 10 ms from the index).
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(
                f"SELECT item_id, tsv <=> %s::tsquery FROM {TABLE} WHERE {condition} "
                "ORDER BY tsv <=> %s::tsquery LIMIT %s",
                [tsquery, *matching, tsquery, wanted],
            )
            hits = cursor.fetchall()
    if count is None:
        count = len(hits) if count_cap is None else min(len(hits), count_cap)
    hits = hits[offset : offset + limit]
    # The operator gives 1 / rank: turn it back into a score, higher is better.
    scores = {
        item_id: (0.0 if not distance or math.isinf(distance) else 1.0 / distance)
        for item_id, distance in hits
    }
    return [item_id for item_id, _ in hits], scores, count, among_newest
