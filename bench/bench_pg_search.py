"""PostgreSQL search (RUM) against tantivy on the same items, and the staff and portal list
pages, at BENCH_SCALE × 1,000,000 items in a PostgreSQL database.

    BENCH_SCALE=0.01 .venv/bin/python bench/bench_pg_search.py    # 10,000 items
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench_pg (default; created if missing)

The items come from bench_search's seeded generator, segmented once and loaded with COPY (see
pg_corpus: database rows and RUM entries, and the tantivy index from the same terms; 4% of them
drafts or in review), so both backends answer the same 200 queries through gongkai's search
function (re-check and snippets included). The load is kept for the next run of the same size.
The list pages are timed through Django's whole stack in-process (server time, no network):
the staff catalog list (all, a status, a text query through the search backend) as a clerk of
the agency, the portal's catalog list, home and an item page.
Rows {"name","value","baseline","ratio","unit"} are merged into var/bench/results.json.
Skipped (with a message, exit 0) when PostgreSQL or the rum extension is unavailable.
"""

import itertools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
N_ITEMS = max(1000, int(1_000_000 * SCALE))
URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench_pg")
# One folder per database: the tantivy index and the load marker must describe the same items.
VAR = ROOT / "var" / "bench" / "pg" / URL.rsplit("/", 1)[1]


def log(message: str) -> None:
    print(message, flush=True)


def create_database() -> bool:
    import psycopg

    name = URL.rsplit("/", 1)[1]
    try:
        with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        log(f"跳过：PostgreSQL 不可用（{exc}）")
        return False
    return True


def main() -> None:
    if not create_database():
        return
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DATABASE_URL=URL,
        GONGKAI_VAR_DIR=str(VAR),
        GONGKAI_SEARCH_BACKEND="postgres",
        GONGKAI_VISIT_BUFFER_SECONDS="5",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
    )
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    # After setup: bench_search's own environment changes then have no effect on settings.
    import bench_search as corpus
    import pg_corpus
    from django.conf import settings

    from gongkai.catalog.models import Category, Topic
    from gongkai.catalog.search import pg

    orgs = corpus.setup_database()
    if not pg.ensure_index(required=False):
        log("跳过：数据库服务器没有 rum 扩展（apt-get install postgresql-15-rum）")
        return
    topics = {t.code: t for t in Topic.objects.all()}
    categories = {c.code: c for c in Category.objects.all()}
    if not pg_corpus.loaded(N_ITEMS, VAR / "load"):
        log(f"载入 {N_ITEMS:,} 条到 PostgreSQL（COPY 预先分词的行）和 tantivy……")
        start = time.perf_counter()
        pg_corpus.load(N_ITEMS, orgs, topics, categories, VAR / "load", log)
        log(f"  载入共耗时 {time.perf_counter() - start:.1f} s")
    queries = corpus.make_queries(orgs, topics)

    def timed(backend: str) -> list[float]:
        settings.GONGKAI_SEARCH_BACKEND = backend
        corpus.time_gongkai(queries[:20])  # warm
        return corpus.time_gongkai(queries)

    tantivy_ms, postgres_ms = timed("tantivy"), timed("postgres")
    p = corpus.percentile
    slowest_queries(queries, postgres_ms)

    lists = time_list_pages(orgs)
    rows = [
        corpus.row("pg_search_p50_ms_vs_tantivy", p(postgres_ms, 50), p(tantivy_ms, 50), "ms"),
        corpus.row("pg_search_p95_ms_vs_tantivy", p(postgres_ms, 95), p(tantivy_ms, 95), "ms"),
        corpus.row("pg_search_p95_vs_50ms_target", p(postgres_ms, 95), 50.0, "ms"),
    ]
    for name, times in lists.items():
        rows.append(corpus.row(f"list_{name}_p95_ms_vs_50ms_target", p(times, 95), 50.0, "ms"))
    log("")
    log(
        f"规模：{N_ITEMS:,} 条信息（PostgreSQL，4% 为草稿或审核中），{len(queries)} 个查询，本机 2 核且与他人共用"
    )
    log(f"PostgreSQL（RUM）检索 p50 {p(postgres_ms, 50):.2f} ms  p95 {p(postgres_ms, 95):.2f} ms")
    log(f"tantivy 检索          p50 {p(tantivy_ms, 50):.2f} ms  p95 {p(tantivy_ms, 95):.2f} ms")
    for name, times in lists.items():
        log(f"列表页 {name:<28} p50 {p(times, 50):7.2f} ms  p95 {p(times, 95):7.2f} ms")
    for r in rows:
        log(
            f"  {r['name']:<44} {r['value']:>10.3f} {r['unit']:<3} 基线 {r['baseline']:>9.3f}  比值 {r['ratio']}"
        )
    corpus.write_results(rows)
    log(f"已写入 {corpus.BENCH_DIR / 'results.json'}")


def slowest_queries(queries, times: list[float], shown: int = 8) -> None:
    """Why the slow ones are slow: RUM reads every posting of the query's words and ranks every
    match before returning its top, so the time follows the posting lists and the matches
    (counted here, exactly); common words are ranked among their newest matches instead
    (gongkai.catalog.search.pg.BROAD_CANDIDATES), at best when they are dense among the newest
    entries, so the slowest left are ANDs of common words matching 1–3% of the items."""
    from django.db import connection

    from gongkai.catalog.search import pg
    from gongkai.lib import text

    log(
        "PostgreSQL 最慢的查询（RUM 读完各词的倒排表并为每条匹配计算相关度；很常见的词改在最新的匹配中排序）："
    )
    ranked = sorted(zip(times, queries, strict=True), key=lambda pair: -pair[0])[:shown]
    for ms, query in ranked:
        words = text.query_terms(query["q"])
        tsquery = " & ".join(pg._word_query(word, parts, pg._known) for word, parts in words)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {pg.TABLE} WHERE tsv @@ %s::tsquery", [tsquery])
            matches = cursor.fetchone()[0]
        log(f"  {ms:8.1f} ms  {matches:>8,} 条含这些词  {query['q']}  {query['filters'] or ''}")


def time_list_pages(orgs, repeat: int = 30) -> dict[str, list[float]]:
    """Server time of the list pages through the whole middleware stack (in-process)."""
    from django.test import Client, override_settings
    from django.urls import reverse

    from gongkai.accounts.models import Role, RoleGrant, User
    from gongkai.catalog.models import Item

    clerk, created = User.objects.get_or_create(
        username="bench-clerk", defaults={"organization": orgs[0], "full_name": "基准测试"}
    )
    if created:
        RoleGrant.objects.create(user=clerk, role=Role.CLERK)
    staff = Client()
    staff.force_login(clerk)
    public = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench) Chrome/124.0", REMOTE_ADDR="203.0.113.5")
    item = Item.objects.published().order_by("-pk").values_list("pk", flat=True).first()
    pages = {
        "staff_catalog": (staff, reverse("catalog:staff_list"), {}),
        "staff_catalog_drafts": (staff, reverse("catalog:staff_list"), {"status": "draft"}),
        "staff_catalog_text_query": (staff, reverse("catalog:staff_list"), {"q": "律师 年度"}),
        "portal_catalog": (public, reverse("catalog:browse"), {}),
        "portal_home": (public, reverse("portal:home"), {}),
        "portal_item": (public, reverse("catalog:item", args=[item]), {}),
    }
    times: dict[str, list[float]] = {}
    # The rendering is measured: a portal page is asked for under another URL each time (an
    # unread parameter), so the page cache misses, as for the long tail of a busy portal's
    # lists and pages; what the pages derive from public content alone (the lists' filter
    # choices) is kept per content generation, as in production (GONGKAI_PAGE_CACHE_SECONDS
    # at its default).
    serial = itertools.count()
    with override_settings(GONGKAI_PAGE_CACHE_SECONDS=60):
        for name, (client, url, params) in pages.items():
            public = client is not staff
            queries = [
                {**params, "v": next(serial)} if public else params for _ in range(repeat + 1)
            ]
            client.get(url, queries[0])  # warm
            samples = []
            for query in queries[1:]:
                start = time.perf_counter()
                response = client.get(url, query)
                samples.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (name, response.status_code)
            times[name] = samples
    return times


if __name__ == "__main__":
    main()
