"""Demo: the district bureaus' published reports for 2022–2024, imported and confirmed by the city
bureau, so the comparison page has something to compare."""

import random

from django.db import transaction

from gongkai.accounts.models import Organization, User

from . import services, statistics
from .models import ImportedReport
from .rendering import render_text

DISTRICT_CODES = ["hp-sfj", "xh-sfj", "pd-sfj", "mh-sfj", "cm-sfj"]
YEARS = [2022, 2023, 2024]
_APPLICANT_RANGES = {
    "natural_person": (25, 160),
    "commercial": (0, 9),
    "research": (0, 2),
    "social_welfare": (0, 2),
    "legal_service": (0, 7),
    "other_org": (0, 3),
}
# How a district bureau's applications tend to end (weights over the outcome leaves).
_OUTCOME_WEIGHTS = {
    "disclosed": 34,
    "partially_disclosed": 9,
    "withheld.third_party_rights": 3,
    "withheld.process_information": 2,
    "withheld.enforcement_files": 1,
    "unable_to_provide.not_held": 30,
    "unable_to_provide.needs_creation": 4,
    "unable_to_provide.unclear_after_correction": 2,
    "not_processed.petition_complaint": 5,
    "not_processed.duplicate": 3,
    "other.no_correction": 4,
    "other.other": 3,
}
_ALL_LEAVES = [p for p, _ in statistics.OUTCOME_LEAVES if p not in {"other.all", "total"}]


def _set(doc: dict, path: str, value) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        doc = doc.setdefault(part, {})
    doc[parts[-1]] = value


def sample_document(organization: str, year: int, rng: random.Random) -> dict:
    """A consistent 2021-format statistics document of a plausible district bureau."""
    columns = list(_APPLICANT_RANGES)
    doc: dict = {
        "schema": statistics.SCHEMA,
        "organization": organization,
        "year": year,
        "format": "2021",
    }
    apps: dict = {}
    for column in columns:
        low, high = _APPLICANT_RANGES[column]
        new, carried_in = rng.randint(low, high), rng.randint(0, max(1, high // 20))
        carried_out = rng.randint(0, max(0, (new + carried_in) // 15))
        _set(apps, f"new.{column}", new)
        _set(apps, f"carried_in.{column}", carried_in)
        _set(apps, f"carried_out.{column}", carried_out)
        answered = new + carried_in - carried_out
        counts = dict.fromkeys(_ALL_LEAVES, 0)
        leaves, weights = zip(*_OUTCOME_WEIGHTS.items(), strict=True)
        for leaf in rng.choices(leaves, weights=weights, k=answered):
            counts[leaf] += 1
        for leaf, count in counts.items():
            _set(apps, f"outcomes.{leaf}.{column}", count)
        _set(apps, f"outcomes.total.{column}", answered)
    for row in ["new", "carried_in", "carried_out", "outcomes.total"] + [
        f"outcomes.{p}" for p in _ALL_LEAVES
    ]:
        node = statistics.get(apps, row)
        node["total"] = sum(node[c] for c in columns)
    doc["proactive"] = {
        "normative_documents": {
            "issued": rng.randint(0, 4),
            "repealed": rng.randint(0, 2),
            "in_force": rng.randint(8, 30),
        },
        "administrative_licensing": {"decisions": rng.randint(20, 400)},
        "administrative_penalty": {"decisions": rng.randint(0, 40)},
        "administrative_coercion": {"decisions": 0},
        "administrative_fees": {"amount_10k_yuan": 0},
    }
    doc["applications"] = apps
    appeals = {}
    for group in ("review", "litigation_direct", "litigation_after_review"):
        row = {
            "upheld": rng.randint(0, 6),
            "corrected": rng.randint(0, 1),
            "other": rng.randint(0, 2),
            "pending": rng.randint(0, 2),
        }
        row["total"] = sum(row.values())
        appeals[group] = row
    doc["appeals"] = appeals
    doc["fees_yuan"] = 0
    return doc


@transaction.atomic
def load(stdout) -> list[str]:
    owner = Organization.objects.get(code="shsfj")
    actor = User.objects.get(username="clerk")
    rng = random.Random(2024)
    created = 0
    for code in DISTRICT_CODES:
        org = Organization.objects.get(code=code)
        for year in YEARS:
            document = sample_document(org.name, year, rng)
            if ImportedReport.objects.filter(
                owner=owner, reporting_body=org.name, year=year
            ).exists():
                continue
            report = services.report_import(
                owner=owner,
                text=render_text(document),
                source_name=f"{org.name}{year}年度报告.txt",
                actor=actor,
            )
            services.report_import_confirm(
                report=report,
                reporting_body=org.name,
                year=year,
                values=statistics.flatten(report.document),
                actor=actor,
            )
            created += 1
    stdout.write(f"年度报告：导入并确认 {created} 份区司法局年度报告。")
    from .engine import demo as own_reports

    return own_reports.load(stdout)
