"""What the annual report's statistics cost: one organization-year computed by the engine, against
one raw SQL GROUP BY over the same table, in the same run.

The applications table holds 1,000,000 cases (BENCH_SCALE shrinks it) over 20 organizations and
ten years. Timed, as the median of several rounds:
  engine        reports.engine.figures.compute(org, year, "2021") — every source, the whole document
  applications  applications.report_figures.figures(org_ids, year) — the one GROUP BY and its fold
  raw_group_by  SELECT applicant_kind, outcome, count(*) … WHERE organization_id = … AND received_on
                in the year GROUP BY 1, 2 — the least any report could ask of the database
The database is a fresh SQLite file in a temporary directory (or BENCH_DATABASE_URL, e.g. a
PostgreSQL database, which is migrated and filled).

Results are printed and merged into var/bench/results.json as rows
{"name", "value", "baseline", "ratio", "unit"} (rows with other names are kept).

Run: [BENCH_SCALE=0.05] python bench/bench_report_stats.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
N_APPLICATIONS = max(10_000, int(1_000_000 * SCALE))
N_ORGS = 20
YEAR = 2024


def setup_django() -> str:
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-report-")
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


def fill(rng: random.Random) -> list:
    """N_ORGS agencies and N_APPLICATIONS cases received 2017–2026 (idempotent per database)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.accounts.models import Organization, OrganizationKind
    from gongkai.applications.models import ApplicantKind, Application, Channel
    from gongkai.applications.outcomes import Outcome

    orgs = [
        Organization.objects.get_or_create(
            code=f"bench{i:02d}",
            defaults={"name": f"基准测试局{i:02d}", "kind": OrganizationKind.AGENCY},
        )[0]
        for i in range(N_ORGS)
    ]
    have = Application.objects.filter(tracking_number__startswith="B-").count()
    if have >= N_APPLICATIONS:
        return orgs
    kinds, channels, outcomes = ApplicantKind.values, Channel.values, Outcome.values
    # A few large agencies and many small ones; the largest (orgs[0]) is the one timed.
    weights = [1 / (i + 1) for i in range(N_ORGS)]
    org_ids = rng.choices([o.pk for o in orgs], weights, k=N_APPLICATIONS - have)
    first, span = date(2017, 1, 1), (date(2026, 12, 31) - date(2017, 1, 1)).days
    now = timezone.now()
    # Raw INSERTs with every NOT NULL column: a million model instances would take minutes.
    fields = [f for f in Application._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    template = {f.column: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    template.update(
        status="archived", receipt_basis="online_receipt", applicant_name="申请人",
        id_type="resident_id", id_number="310101199001011234", phone="13800000000",
        description="基准测试", delivery="electronic", created_at=now, updated_at=now,
        submission_token=None, query_code_hash="", legacy_outcome="",
    )  # fmt: skip
    sql = (
        f"INSERT INTO {Application._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    started = time.perf_counter()
    batch: list = []
    with transaction.atomic(), connection.cursor() as cursor:
        for n, org_id in enumerate(org_ids, start=have):
            received = first + timedelta(days=rng.randrange(span))
            still_open = rng.random() < 0.02
            closed = None if still_open else received + timedelta(days=rng.randrange(1, 45))
            row = dict(template)
            row.update(
                organization_id=org_id,
                tracking_number=f"B-{n:08d}",
                year=received.year,
                status="in_progress" if still_open else "archived",
                outcome="" if still_open else rng.choice(outcomes),
                channel=rng.choice(channels),
                submitted_on=received,
                received_on=received,
                applicant_kind=rng.choice(kinds),
                closed_on=closed,
                replied_on=closed,
            )
            batch.append([row[c] for c in columns])
            if len(batch) == 10_000:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
    with connection.cursor() as cursor:
        # PostgreSQL answers from the index alone only for pages its visibility map marks
        # all-visible: a bulk load needs VACUUM for that, not just fresh statistics.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"filled {N_APPLICATIONS:,} applications in {time.perf_counter() - started:.0f} s")
    return orgs


def median_ms(fn, rounds: int) -> float:
    fn()  # warm caches and the query plan
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    vendor = setup_django()
    from django.db import connection
    from results_file import merge_results

    from gongkai.applications import report_figures
    from gongkai.reports.engine.figures import compute, scope_ids

    orgs = fill(random.Random(12))
    org = orgs[0]  # the largest agency
    ids = scope_ids(org)
    table = "applications_application"
    raw_sql = (
        f"SELECT applicant_kind, outcome, count(*) FROM {table} "
        "WHERE organization_id = %s AND received_on >= %s AND received_on <= %s "
        "GROUP BY applicant_kind, outcome"
    )

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(raw_sql, [org.pk, date(YEAR, 1, 1), date(YEAR, 12, 31)])
            return cursor.fetchall()

    in_year = sum(n for _, _, n in raw())
    baseline = median_ms(raw, args.rounds)
    figures_ms = median_ms(lambda: report_figures.figures(ids, YEAR), args.rounds)
    engine_ms = median_ms(lambda: compute(org, YEAR, "2021"), args.rounds)
    assert compute(org, YEAR, "2021")["applications"]["new"]["total"] == in_year
    note = f"{vendor}, {N_APPLICATIONS:,} applications, {in_year:,} in the org-year"
    rows = [
        {
            "name": "report_stats_engine_org_year",
            "value": round(engine_ms, 2),
            "baseline": round(baseline, 2),
            "ratio": round(engine_ms / baseline, 2),
            "unit": "ms",
            "note": note,
        },
        {
            "name": "report_stats_applications_group_by",
            "value": round(figures_ms, 2),
            "baseline": round(baseline, 2),
            "ratio": round(figures_ms / baseline, 2),
            "unit": "ms",
            "note": note,
        },
    ]
    for row in rows:
        print(
            f"{row['name']}: {row['value']} ms vs raw GROUP BY {row['baseline']} ms "
            f"(× {row['ratio']}) — {note}"
        )
    merge_results(rows)


if __name__ == "__main__":
    main()
