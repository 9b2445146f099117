"""A bounded load run against a real server on 127.0.0.1: search, item pages and the public
application form, from several clients at once. Prints the error count, latency percentiles
per kind of request and the server's memory before and after; exits 1 on any error or on
memory that keeps growing.

    .venv/bin/python bench/bench_load.py                 # 3000 requests, at most 120 s
    BENCH_SCALE=0.1 .venv/bin/python bench/bench_load.py  # 300 requests
    BENCH_WORKERS=8 ...                                  # client threads (default 4)
    BENCH_DATABASE_URL=postgres://…/scratch ...          # a PostgreSQL database (migrated, filled)

The server is gunicorn (2 workers, 127.0.0.1 on a free port) over a fresh SQLite database in a
temporary directory filled by `gongkai demo` (the demo office: some 350 published items).
Rows {"name","value","baseline","ratio","unit"} are merged into var/bench/results.json.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from results_file import RESULTS, merge_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
REQUESTS = max(100, int(3000 * SCALE))
MAX_SECONDS = max(20.0, 120 * SCALE)
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
HOST = "127.0.0.1"
# Memory the server may gain between the end of the warm-up and the end of the run.
GROWTH_LIMIT_MB = 30
WORDS = ["鉴定", "律师事务所", "行政处罚", "公证", "法律援助", "行政复议", "调解", "社区矫正"]
WORDS += ["信访", "许可", "年度报告", "收费", "培训", "考核", "人民调解", "普法"]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def prepare(env: dict) -> list[int]:
    """Migrate and fill the database; the ids of the published items."""
    gongkai = [sys.executable, "-m", "gongkai"]
    subprocess.run([*gongkai, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*gongkai, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*gongkai, "search", "rebuild"], env=env, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(
        [
            *gongkai,
            "shell",
            "-c",
            "from gongkai.catalog.models import Item;"
            "print(list(Item.objects.filter(status='published').values_list('pk', flat=True)))",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def rss_mb(master: int) -> float:
    """Resident memory of the gunicorn master and its workers, in MB."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if pid == master or ppid == master:
            status = (stat.parent / "status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total / 1024


class Client:
    """One visitor: a cookie jar (for the form's CSRF token) and timed requests."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, float, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            req.add_header("Referer", self.base + path)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
        return status, (time.perf_counter() - start) * 1000, text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


APPLICANT = {
    "applicant_kind": "natural_person",
    "applicant_name": "陈志明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "email": "chen.zhiming@example.com",
    "address": "上海市徐汇区漕溪北路88号",
    "postcode": "200030",
    "description": "2025年度本市司法鉴定机构年度检查结果及被责令整改的机构名单",
    "delivery": "electronic",
    "consent": "on",
}


def one_request(client: Client, rng: random.Random, items: list[int]) -> tuple[str, int, float]:
    """One visitor action, chosen as a public site sees them: mostly reading, some searching,
    now and then the application form (shown, and one in five of those sent)."""
    roll = rng.random()
    if roll < 0.45:
        return ("item", *client.request(f"/catalog/items/{rng.choice(items)}/")[:2])
    if roll < 0.85:
        q = urllib.parse.urlencode({"q": rng.choice(WORDS)})
        return ("search", *client.request(f"/search/?{q}")[:2])
    status, ms, page = client.request("/apply/")
    if status != 200 or rng.random() > 0.2:
        return ("form", status, ms)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    org = re.search(r'name="organization" value="(\d+)"', page) or re.search(
        r'<option value="(\d+)"', page
    )
    submission = re.search(r'name="submission_token" value="([^"]*)"', page)
    data = {**APPLICANT, "csrfmiddlewaretoken": token, "organization": org.group(1)}
    if submission:
        data["submission_token"] = submission.group(1)
    status, ms, _ = client.request("/apply/", data)
    return ("apply", status, ms)


EXPECTED = {"item": {200}, "search": {200}, "form": {200}, "apply": {302}}
THROTTLED = 429  # the form may limit how often one address applies: counted, not an error


def run(base: str, items: list[int], count: int, deadline: float, seed: int):
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    remaining = iter(range(count))

    def worker(n: int):
        rng, client = random.Random(seed * 100 + n), Client(base)
        while time.monotonic() < deadline:
            with lock:
                if next(remaining, None) is None:
                    return
            try:
                outcome = one_request(client, rng, items)
            except Exception as exc:  # a dropped connection is an error of the run
                outcome = ("error", 0, 0.0)
                print(f"  request failed: {exc!r}", file=sys.stderr)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-load-"))
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(tmp),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/load.sqlite3",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "GONGKAI_ENV": "development",
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }
    vendor = env["DATABASE_URL"].split(":", 1)[0]
    server = None
    try:
        started = time.perf_counter()
        items = prepare(env)
        print(f"database: {vendor}; demo office ready in {time.perf_counter() - started:.1f} s")
        port = free_port()
        server = subprocess.Popen(
            [
                str(GUNICORN),
                "gongkai.wsgi",
                "-b",
                f"{HOST}:{port}",
                "-w",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://{HOST}:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        warmup = max(50, REQUESTS // 10)
        run(base, items, warmup, time.monotonic() + MAX_SECONDS, seed=1)
        before = rss_mb(server.pid)
        start = time.monotonic()
        results = run(base, items, REQUESTS, start + MAX_SECONDS, seed=2)
        elapsed = time.monotonic() - start
        after = rss_mb(server.pid)
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)

    errors = [r for r in results if r[1] not in EXPECTED.get(r[0], ()) and r[1] != THROTTLED]
    throttled = sum(1 for r in results if r[1] == THROTTLED)
    print(
        f"{len(results)} requests in {elapsed:.1f} s ({len(results) / elapsed:.0f}/s) "
        f"from {WORKERS} clients; errors {len(errors)}; throttled {throttled}"
    )
    rows = []
    for kind in ("item", "search", "form", "apply"):
        times = [ms for k, status, ms in results if k == kind and status in EXPECTED[kind]]
        if not times:
            continue
        p50, p90, p99 = (percentile(times, p) for p in (50, 90, 99))
        print(
            f"  {kind:<7} {len(times):5d}  p50 {p50:7.1f} ms  p90 {p90:7.1f} ms  "
            f"p99 {p99:7.1f} ms  max {max(times):7.1f} ms  mean {statistics.mean(times):6.1f} ms"
        )
        for name, value in (("p50", p50), ("p90", p90), ("p99", p99)):
            rows.append(
                {
                    "name": f"load.{kind}_{name}.{vendor}",
                    "value": round(value, 1),
                    "baseline": None,
                    "ratio": None,
                    "unit": "ms",
                }
            )
    growth = after - before
    print(
        f"  server memory {before:.0f} MB after warm-up, {after:.0f} MB at the end ({growth:+.1f} MB)"
    )
    for kind, status, _ in errors[:10]:
        print(f"  error: {kind} answered {status}", file=sys.stderr)
    rows += [
        {
            "name": f"load.errors.{vendor}",
            "value": len(errors),
            "baseline": 0,
            "ratio": None,
            "unit": "requests",
        },
        {
            "name": f"load.memory_growth.{vendor}",
            "value": round(growth, 1),
            "baseline": 0,
            "ratio": None,
            "unit": "MB",
        },
    ]
    merge_results(rows)
    print(f"merged {len(rows)} rows into {RESULTS.relative_to(ROOT)}")
    if errors or growth > GROWTH_LIMIT_MB:
        print("FAILED: errors or memory growth", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
