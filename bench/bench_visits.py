"""What counting a page view costs: the same trivial public page served through Django's whole
middleware stack with and without `VisitCounterMiddleware`, measured in the same run.

Scenarios, each against the same requests without the counter:
  returning visitor  the visitor was seen today: one more view in memory
  new visitor        a new (IP, User-Agent) every request: its digest too, INSERTed by the fold
  bot                a crawler's User-Agent: the counter looks and skips
The database is a fresh SQLite file in a temporary directory (or BENCH_DATABASE_URL, e.g. a
PostgreSQL test database, which is migrated and then left with the benchmark's rows).

Results are printed and merged into var/bench/results.json as rows
{"name", "value", "baseline", "ratio", "unit"} (rows with other names are kept).

Page views are buffered in memory (GONGKAI_VISIT_BUFFER_SECONDS, analytics/buffer.py) and
folded in by a thread; `returning_visitor_unbuffered` is the former write-per-view path. Target:
a counted page costs ≤ 1.1× an uncounted one, in CPU time (the fold's writes included).

Run: python bench/bench_visits.py [--requests 1500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
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


def time_requests(middleware: list[str], n: int, headers_for, buffer_seconds: float = 5):
    """(wall µs, CPU µs) per request for `n` GETs of the page through `middleware`, the fold of
    what the buffer then holds included: its INSERTs are part of what counting costs, whether
    the fold thread or this call writes them. CPU time (this process's, every thread) is what
    the target compares: the wall clock of a machine shared with other work moved the ratio
    by ±0.15 from run to run."""
    from django.test import Client, override_settings

    from gongkai.analytics import buffer

    with override_settings(
        MIDDLEWARE=middleware, ROOT_URLCONF=__name__, GONGKAI_VISIT_BUFFER_SECONDS=buffer_seconds
    ):
        client = Client()
        client.get("/notice/", **headers_for(-1))  # load the middleware chain, warm caches
        buffer.flush()
        # Each block starts from the same heap: Django's test client leaves two weakref
        # finalizers per request behind, and a full collection walking the earlier blocks'
        # objects (20–30 ms, landing in one scenario's block or another's) moved a block's
        # figure by ±40 µs a request. Frozen objects are left out of collections, as a
        # gunicorn worker forked after gc.freeze() leaves the preloaded app out.
        gc.collect()
        gc.freeze()
        start, cpu = time.perf_counter(), time.process_time()
        for i in range(n):
            response = client.get("/notice/", **headers_for(i))
            assert response.status_code == 200
        buffer.flush()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        return wall / n * 1e6, cpu / n * 1e6


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
    # Each kind of visitor against the same requests without the counter: a new address costs
    # the audit context's parse whether or not the view is counted.
    visitors = {
        "returning_visitor": lambda i: {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "203.0.113.10"},
        "new_visitor": lambda i: {
            "HTTP_USER_AGENT": BROWSER,
            "REMOTE_ADDR": f"10.{(k := next(fresh)) >> 16 & 255}.{k >> 8 & 255}.{k & 255}",
        },
        "bot": lambda i: {"HTTP_USER_AGENT": BOT, "REMOTE_ADDR": "203.0.113.11"},
    }
    scenarios = {}
    for name, headers_for in visitors.items():
        scenarios[f"{name}_uncounted"] = (without, headers_for)
        scenarios[name] = (with_counter, headers_for)
    # The previous way, for comparison: each view written in its own transaction.
    scenarios["returning_visitor_unbuffered"] = (with_counter, visitors["returning_visitor"], 0)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in scenarios}
    for _ in range(args.rounds):  # interleaved, so drift hits every scenario alike
        for name, (middleware, headers_for, *buffer_seconds) in scenarios.items():
            samples[name].append(
                time_requests(middleware, args.requests, headers_for, *buffer_seconds)
            )
    wall = {name: statistics.median(w for w, _ in values) for name, values in samples.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in samples.items()}

    counted = DailyVisit.objects.get(section="规范性文件").count
    expected = 3 * args.rounds * (args.requests + 1)
    assert counted == expected, f"counted {counted} page views, expected {expected}"

    print(
        f"database: {vendor}; {args.requests} requests × {args.rounds} rounds, median per request"
        " (CPU of this process, the buffer's fold included; wall clock beside it), each against"
        " the same requests without the counter"
    )
    rows = []
    for name in ("returning_visitor", "new_visitor", "bot", "returning_visitor_unbuffered"):
        uncounted = name.removesuffix("_unbuffered") + "_uncounted"
        value, base = cpu[name], cpu[uncounted]
        ratio = value / base
        flag = "" if ratio <= 1.1 or name.endswith("unbuffered") else "  ← 超过 1.1×"
        print(
            f"  {name:<28} {value:7.1f} µs CPU against {base:7.1f}  ×{ratio:.2f}"
            f"  (+{value - base:.1f} µs); wall ×{wall[name] / wall[uncounted]:.2f}{flag}"
        )
        rows.append(
            {
                "name": f"visits.counter_{name}.{vendor}",
                "value": round(value, 1),
                "baseline": round(base, 1),
                "ratio": round(ratio, 3),
                "unit": "µs CPU/request",
            }
        )
    print(
        f"  counted {counted} page views in one row; {VisitorSeen.objects.count()} visitor digests"
    )
    merge_results(rows)
    print(f"merged {len(rows)} rows into {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
