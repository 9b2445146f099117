"""The API's list endpoint at scale: a first page and a deep page of /api/v1/items (keyset
cursor), with and without an organization filter, each against the bare indexed SQL query for
the same rows, measured in the same run. O(page) means the deep page costs what the first does
and neither grows with the table (no COUNT, no OFFSET).

    BENCH_SCALE=0.01 .venv/bin/python bench/bench_api.py     # 10,000 items
    .venv/bin/python bench/bench_api.py                      # 1,000,000 items
    BENCH_REUSE=1 ...                                        # keep the items in var/bench/

The database is a fresh SQLite file in a temporary directory (or BENCH_DATABASE_URL, e.g. a
PostgreSQL test database, which is migrated and then left with the benchmark's rows). Items are
bulk-inserted as published rows (the review chain is not what is measured). Rows
{"name","value","baseline","ratio","unit"} are merged into var/bench/results.json.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
N_ITEMS = max(1000, int(1_000_000 * SCALE))
ROUNDS = 7
REQUESTS = 30
PAGE = 20

# BENCH_REUSE=1 keeps the SQLite file under var/bench/ and reuses it when it already holds the
# items: inserting a million rows takes minutes, timing them seconds.
REUSE = os.environ.get("BENCH_REUSE") == "1"
TMP = str(ROOT / "var" / "bench") if REUSE else tempfile.mkdtemp(prefix="gongkai-bench-api-")
Path(TMP).mkdir(parents=True, exist_ok=True)
os.environ["GONGKAI_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = (
    os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP}/api-{N_ITEMS}.sqlite3"
)
os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from results_file import merge_results  # noqa: E402

from gongkai.accounts.models import Organization, OrganizationKind  # noqa: E402
from gongkai.api.pagination import encode_cursor  # noqa: E402
from gongkai.catalog.models import Category, Item, ItemStatus, Topic  # noqa: E402


def log(message: str) -> None:
    print(message, flush=True)


def populate() -> tuple[Organization, Organization]:
    call_command("migrate", verbosity=0, interactive=False)
    if REUSE and Item.objects.count() == N_ITEMS:
        log("  reusing the items already there")
        return Organization.objects.get(code="shsfj"), Organization.objects.get(code="xh-sfj")
    agency = Organization.objects.create(
        name="上海市司法局", code="shsfj", kind=OrganizationKind.AGENCY
    )
    district = Organization.objects.create(
        name="上海市徐汇区司法局", code="xh-sfj", kind=OrganizationKind.SUBORDINATE, parent=agency
    )
    topic, category = Topic.objects.first(), Category.objects.first()
    start = datetime(2015, 1, 1, tzinfo=UTC)
    batch, made = [], 0
    began = time.perf_counter()
    for n in range(N_ITEMS):
        # One in ten items is the district's: a filtered page skips nine rows in ten.
        published = start + timedelta(minutes=5 * n)
        batch.append(
            Item(
                organization=district if n % 10 == 0 else agency,
                index_no=f"bench-{n}",
                title=f"关于第{n}号司法行政事项的公告",
                body="正文",
                written_on=published.date(),
                published_at=published,
                topic=topic,
                category=category,
                status=ItemStatus.PUBLISHED,
            )
        )
        if len(batch) == 20_000:
            Item.objects.bulk_create(batch)
            made += len(batch)
            batch = []
            log(f"  {made:,} items ({time.perf_counter() - began:.0f} s)")
    Item.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return agency, district


def cursor_at(depth: int, organization=None) -> str:
    """The cursor a client would hold after reading `depth` items."""
    items = Item.objects.published()
    if organization is not None:
        items = items.filter(organization=organization)
    row = items.order_by("-published_at", "-pk").values_list("published_at", "pk")[depth]
    return encode_cursor(*row)


RAW_FIRST = (
    "SELECT i.id, i.title, i.summary, i.index_no, i.doc_number, i.written_on, i.published_at,"
    " i.validity, o.name, t.name FROM catalog_item i"
    " JOIN accounts_organization o ON o.id = i.organization_id"
    " JOIN catalog_topic t ON t.id = i.topic_id"
    " WHERE i.status = 'published' {extra}"
    " ORDER BY i.published_at DESC, i.id DESC LIMIT %s"
)


def time_api(client: Client, params: dict) -> float:
    client.get("/api/v1/items", params)  # warm
    began = time.perf_counter()
    for _ in range(REQUESTS):
        response = client.get("/api/v1/items", params)
        assert response.status_code == 200, response.content
        assert len(response.json()["items"]) == PAGE
    return (time.perf_counter() - began) / REQUESTS * 1000


def time_raw(extra: str, args: list) -> float:
    sql = RAW_FIRST.format(extra=extra)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*args, PAGE + 1])
        began = time.perf_counter()
        for _ in range(REQUESTS):
            cursor.execute(sql, [*args, PAGE + 1])
            assert len(cursor.fetchall()) == PAGE + 1
    return (time.perf_counter() - began) / REQUESTS * 1000


def time_export(client: Client) -> dict:
    """Stream one organization's busiest year as CSV: rows per second, and how far the process's
    peak memory rises while it streams (it must not hold the year's rows)."""
    year = 2015
    expected = (
        Item.objects.published().filter(organization__code="shsfj", published_at__year=year).count()
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    response = client.get(f"/opendata/items-shsfj-{year}.csv")
    lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    seconds = time.perf_counter() - began
    rise_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert lines == expected + 1, (lines, expected)
    log(
        f"  CSV of {expected:,} items streamed in {seconds:.1f} s"
        f" ({expected / seconds:,.0f} rows/s), peak memory rose {rise_mb:.0f} MB"
    )
    return {
        "name": f"api.opendata_csv_year.{N_ITEMS}.{connection.vendor}",
        "value": round(expected / seconds),
        "baseline": expected,
        "ratio": round(rise_mb, 1),
        "unit": "rows/s (baseline: rows; ratio: MB peak-memory rise)",
    }


def main() -> None:
    vendor = connection.vendor
    log(f"database: {vendor}; inserting {N_ITEMS:,} published items")
    agency, district = populate()
    deep = int(N_ITEMS * 0.9)
    deep_district = int(N_ITEMS * 0.09)
    scenarios = {}
    for name, org, depth in (
        ("first_page", None, 0),
        ("deep_page", None, deep),
        ("org_first_page", district, 0),
        ("org_deep_page", district, deep_district),
    ):
        params: dict = {"limit": PAGE}
        extra, args = "", []
        if org is not None:
            params["org"] = org.code
            extra, args = "AND i.organization_id = %s", [org.pk]
        if depth:
            cursor = cursor_at(depth - 1, org)
            params["cursor"] = cursor
            last = (
                Item.objects.filter(pk=int(cursor.split(".")[1]))
                .values_list("published_at", "pk")
                .get()
            )
            extra += " AND i.published_at <= %s AND (i.published_at < %s OR i.id < %s)"
            args += [last[0], last[0], last[1]]
        scenarios[name] = (params, extra, args)

    client = Client()
    samples = {name: ([], []) for name in scenarios}
    for _ in range(ROUNDS):  # interleaved, so drift hits every scenario alike
        for name, (params, extra, args) in scenarios.items():
            samples[name][0].append(time_api(client, params))
            samples[name][1].append(time_raw(extra, args))

    with connection.cursor() as cursor:
        began = time.perf_counter()
        cursor.execute("SELECT COUNT(*) FROM catalog_item WHERE status = 'published'")
        total = cursor.fetchone()[0]
        count_ms = (time.perf_counter() - began) * 1000
    assert total == N_ITEMS

    log(f"{N_ITEMS:,} items, {REQUESTS} requests × {ROUNDS} rounds, median per request")
    rows = []
    first = statistics.median(samples["first_page"][0])
    for name, (api_ms, raw_ms) in samples.items():
        value, base = statistics.median(api_ms), statistics.median(raw_ms)
        log(f"  {name:<16} API {value:7.2f} ms   bare SQL {base:6.2f} ms   ×{value / base:.1f}")
        rows.append(
            {
                "name": f"api.items_{name}.{N_ITEMS}.{vendor}",
                "value": round(value, 2),
                "baseline": round(base, 2),
                "ratio": round(value / base, 2),
                "unit": "ms/request",
            }
        )
    deep_value = statistics.median(samples["deep_page"][0])
    log(f"  deep page / first page: ×{deep_value / first:.2f}")
    log(
        f"  (one COUNT(*) over the published items, which no list request makes: {count_ms:.1f} ms)"
    )
    rows.append(
        {
            "name": f"api.items_deep_vs_first.{N_ITEMS}.{vendor}",
            "value": round(deep_value, 2),
            "baseline": round(first, 2),
            "ratio": round(deep_value / first, 2),
            "unit": "ms/request",
        }
    )
    rows.append(time_export(client))
    merge_results(rows)


if __name__ == "__main__":
    main()
