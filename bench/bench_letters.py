"""What signing a reply costs the web process, with and without a Celery broker.

Signing a reply numbers and freezes its letter in the transaction; its DOCX and PDF are made
after the commit. Without a broker (the baseline) the web process makes them before it answers;
with CELERY_BROKER_URL it only sends `letters.render` to Redis and a worker makes them. Both are
measured in the same run, interleaved, on cases walked through the real services (a fresh
SQLite file in a temporary directory). The broker scenario needs Redis on 127.0.0.1:6379 (its
database 15 is emptied); without it, it is skipped and said so.

Results are printed and merged into var/bench/results.json as rows
{"name", "value", "baseline", "ratio", "unit"} (rows with other names are kept).

Run: python bench/bench_letters.py [--cases 6] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

from results_file import RESULTS, merge_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BROKER = "redis://127.0.0.1:6379/15"


def setup_django() -> None:
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-letters-")
    os.environ["GONGKAI_VAR_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def populate():
    from gongkai.accounts.models import Organization, OrganizationKind, Role, RoleGrant, User

    agency = Organization.objects.create(
        name="上海市司法局", short_name="市司法局", code="shsfj", kind=OrganizationKind.AGENCY
    )
    handler = User.objects.create_user(
        username="handler", password="Bench-Passw0rd-2026", organization=agency, full_name="王芳"
    )
    for role in (Role.CLERK, Role.DIVISION_HEAD, Role.LEADER):
        RoleGrant.objects.create(user=handler, role=role)
    return agency, handler


def accepted_case(agency, handler, n: int):
    from django.utils import timezone

    from gongkai.applications import services
    from gongkai.applications.models import Channel, ReceiptBasis

    today = timezone.localdate()
    app, _ = services.application_intake(
        organization=agency,
        data={
            "applicant_kind": "natural_person",
            "applicant_name": f"申请人{n}",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "phone": "13812345678",
            "email": "",
            "address": "上海市徐汇区漕溪北路88号",
            "postcode": "200030",
            "description": f"2025年度本市司法鉴定机构年度检查结果（第{n}件）",
            "document_number": "",
            "delivery": "electronic",
        },
        channel=Channel.IN_PERSON,
        submitted_on=today,
        received_on=today,
        receipt_basis=ReceiptBasis.SUBMITTED,
        actor=handler,
    )
    services.application_accept(application=app, actor=handler, on=today)
    return app


def sign(app, handler) -> float:
    """Milliseconds the web process spends signing the reply, after-commit work included."""
    from django.utils import timezone

    from gongkai.applications import services
    from gongkai.applications.outcomes import Outcome

    start = time.perf_counter()
    services.application_reply(  # autocommit: the after-commit hooks run before it returns
        application=app,
        actor=handler,
        on=timezone.localdate(),
        outcome=Outcome.PARTIALLY_DISCLOSED,
        summary="名单中涉及个人信息的部分不予公开",
    )
    return (time.perf_counter() - start) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_LETTERS", 6)))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    setup_django()
    from django.test import override_settings

    from gongkai.celery import app as celery_app
    from gongkai.letters.models import Letter, LetterKind

    agency, handler = populate()
    broker = redis_reachable()
    if broker:
        celery_app.conf.broker_url = BROKER
        with celery_app.connection_for_write() as conn:
            conn.default_channel.client.flushdb()
    counter = iter(range(10**6))
    sign(accepted_case(agency, handler, next(counter)), handler)  # load fonts and templates

    samples: dict[str, list[float]] = {"in_process": [], "with_broker": []}
    for _ in range(args.rounds):  # interleaved, so drift hits both alike
        for _ in range(args.cases):
            samples["in_process"].append(
                sign(accepted_case(agency, handler, next(counter)), handler)
            )
        if broker:
            with override_settings(CELERY_BROKER_URL=BROKER):
                for _ in range(args.cases):
                    samples["with_broker"].append(
                        sign(accepted_case(agency, handler, next(counter)), handler)
                    )

    replies = Letter.objects.filter(kind=LetterKind.REPLY)
    made_here = replies.exclude(pdf="").count()
    assert made_here == 1 + len(samples["in_process"]), "in-process replies lack their files"
    if broker:
        with celery_app.connection_for_write() as conn:
            queued = conn.default_channel.client.llen("celery")
            conn.default_channel.client.flushdb()
        # every letter of the broker scenario (receipt and reply) was sent, none made here
        assert replies.filter(pdf="").count() == len(samples["with_broker"])
        assert queued >= 2 * len(samples["with_broker"]), f"only {queued} tasks reached Redis"

    base = statistics.median(samples["in_process"])
    print(f"signing a reply, median of {len(samples['in_process'])} cases (web process, ms)")
    print(f"  files made in the request (no broker)  {base:8.1f} ms")
    rows = []
    if broker:
        value = statistics.median(samples["with_broker"])
        ratio = value / base
        print(f"  files sent to a worker (Redis broker)   {value:8.1f} ms  ×{ratio:.2f}")
        rows.append(
            {
                "name": "letters.sign_reply_web_ms.with_broker",
                "value": round(value, 1),
                "baseline": round(base, 1),
                "ratio": round(ratio, 3),
                "unit": "ms/signed reply (web process)",
            }
        )
    else:
        print("  with a broker: skipped (no Redis on 127.0.0.1:6379)")
    if rows:
        merge_results(rows)
        print(f"merged {len(rows)} rows into {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
