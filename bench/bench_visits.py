"""What counting a page view costs: the same trivial public page served through Django's whole
middleware stack with and without `VisitCounterMiddleware`, measured in the same run.

Scenarios (each against the baseline without the counter):
  returning visitor  the day's row exists, the visitor was seen today: one UPDATE
  new visitor        a new (IP, User-Agent) every request: UPDATE + INSERT of the digest
  bot                a crawler's User-Agent: the counter looks and skips
The database is a fresh SQLite file in a temporary directory (or BENCH_DATABASE_URL, e.g. a
PostgreSQL test database, which is migrated and then left with the benchmark's rows).

Results are printed and merged into var/bench/results.json as rows
{"name", "value", "baseline", "ratio", "unit"} (rows with other names are kept).

Page views are buffered in memory (GONGKAI_VISIT_BUFFER_SECONDS, analytics/buffer.py) and
folded in by a thread; `returning_visitor_unbuffered` is the former write-per-view path. Target:
a counted page costs ≤ 1.1× an uncounted one.

Run: python bench/bench_visits.py [--requests 1500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from results_file import RESULTS, merge_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
BOT = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
COUNTER = "gongkai.analytics.middleware.VisitCounterMiddleware"


def setup_django() -> str:
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-visits-")
    os.environ["GONGKAI_VAR_DIR"] = tmp
    os.environ["DATABASE_URL"] = (
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return os.environ["DATABASE_URL"].split(":", 1)[0]


def bench_urls():
    from django.http import HttpResponse
    from django.urls import path

    def notice(request):
        request.analytics = {"section": "规范性文件"}
        return HttpResponse("<!DOCTYPE html><title>通知</title><h1>关于印发规范性文件的通知</h1>")

    return [path("notice/", notice, name="notice")]


def time_requests(middleware: list[str], n: int, headers_for, buffer_seconds: float = 5) -> float:
    """Microseconds per request for `n` GETs of the page through `middleware`."""
    from django.test import Client, override_settings

    with override_settings(
        MIDDLEWARE=middleware, ROOT_URLCONF=__name__, GONGKAI_VISIT_BUFFER_SECONDS=buffer_seconds
    ):
        client = Client()
        client.get("/notice/", **headers_for(-1))  # load the middleware chain, warm caches
        start = time.perf_counter()
        for i in range(n):
            response = client.get("/notice/", **headers_for(i))
            assert response.status_code == 200
        return (time.perf_counter() - start) / n * 1e6


urlpatterns: list = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    vendor = setup_django()
    urlpatterns.extend(bench_urls())
    from django.conf import settings

    from gongkai.analytics.models import DailyVisit, VisitorSeen

    with_counter = list(settings.MIDDLEWARE)
    without = [m for m in with_counter if m != COUNTER]
    assert COUNTER in with_counter, "the counter is not in settings.MIDDLEWARE"

    fresh = iter(range(10**9))
    scenarios = {
        "baseline": (without, lambda i: {"HTTP_USER_AGENT": BROWSER}),
        "returning_visitor": (
            with_counter,
            lambda i: {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "203.0.113.10"},
        ),
        "new_visitor": (
            with_counter,
            lambda i: {
                "HTTP_USER_AGENT": BROWSER,
                "REMOTE_ADDR": f"10.{(k := next(fresh)) >> 16 & 255}.{k >> 8 & 255}.{k & 255}",
            },
        ),
        "bot": (with_counter, lambda i: {"HTTP_USER_AGENT": BOT}),
        # The previous way, for comparison: each view written in its own transaction.
        "returning_visitor_unbuffered": (
            with_counter,
            lambda i: {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "203.0.113.10"},
            0,
        ),
    }
    samples: dict[str, list[float]] = {name: [] for name in scenarios}
    for _ in range(args.rounds):  # interleaved, so drift hits every scenario alike
        for name, (middleware, headers_for, *buffer_seconds) in scenarios.items():
            samples[name].append(
                time_requests(middleware, args.requests, headers_for, *buffer_seconds)
            )
    median = {name: statistics.median(values) for name, values in samples.items()}
    from gongkai.analytics import buffer

    buffer.flush()  # what the buffered scenarios still hold

    counted = DailyVisit.objects.get(section="规范性文件").count
    expected = 3 * args.rounds * (args.requests + 1)
    assert counted == expected, f"counted {counted} page views, expected {expected}"

    base = median["baseline"]
    print(
        f"database: {vendor}; {args.requests} requests × {args.rounds} rounds, median per request"
    )
    print(f"  without the counter        {base:8.1f} µs")
    rows = []
    for name in ("returning_visitor", "new_visitor", "bot", "returning_visitor_unbuffered"):
        value = median[name]
        ratio = value / base
        print(f"  {name:<26} {value:8.1f} µs  ×{ratio:.2f}  (+{value - base:.1f} µs)")
        rows.append(
            {
                "name": f"visits.counter_{name}.{vendor}",
                "value": round(value, 1),
                "baseline": round(base, 1),
                "ratio": round(ratio, 3),
                "unit": "µs/request",
            }
        )
    print(
        f"  counted {counted} page views in one row; {VisitorSeen.objects.count()} visitor digests"
    )
    merge_results(rows)
    print(f"merged {len(rows)} rows into {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
