"""A hand-built caseload whose annual tables are known cell by cell (see `expected_2025`)."""

from datetime import date
from itertools import count

from gongkai.applications.models import Application

_numbers = count(1)


def case(
    organization,
    kind: str,
    received: date,
    *,
    closed: date | None = None,
    outcome: str = "",
    legacy: str = "",
    channel: str = "online",
    topic=None,
) -> Application:
    n = next(_numbers)
    return Application.objects.create(
        organization=organization,
        tracking_number=f"T-{received.year}-{n:05d}",
        year=received.year,
        status="archived" if closed else "in_progress",
        outcome=outcome,
        legacy_outcome=legacy,
        channel=channel,
        submitted_on=received,
        received_on=received,
        receipt_basis="online_receipt",
        applicant_kind=kind,
        applicant_name=f"申请人{n}",
        id_type="resident_id",
        id_number="310101199001011234",
        phone="13800000000",
        description="申请公开某项信息",
        delivery="electronic",
        replied_on=closed if outcome and outcome != "other.no_correction" else None,
        closed_on=closed,
        topic=topic,
    )


def caseload(agency):
    """Two cases carried in from 2024 (one closed in 2025, one still open at its end), one 2024
    case closed in 2024 (counted nowhere in 2025), and six received in 2025."""
    d = date
    case(agency, "natural_person", d(2024, 3, 1), closed=d(2024, 3, 20), outcome="disclosed",
         legacy="disclosed")  # fmt: skip
    case(agency, "natural_person", d(2024, 12, 20), closed=d(2025, 1, 10), outcome="disclosed",
         legacy="disclosed", channel="letter")  # fmt: skip
    case(agency, "natural_person", d(2024, 12, 23))
    case(agency, "natural_person", d(2025, 2, 3), closed=d(2025, 2, 20), outcome="disclosed",
         legacy="disclosed", channel="in_person")  # fmt: skip
    case(agency, "natural_person", d(2025, 3, 3), closed=d(2025, 3, 28),
         outcome="withheld.state_secret", legacy="withheld")  # fmt: skip
    case(agency, "natural_person", d(2025, 4, 1), closed=d(2025, 4, 30),
         outcome="other.no_correction", legacy="correction_requested", channel="letter")  # fmt: skip
    case(agency, "commercial", d(2025, 5, 6), closed=d(2025, 5, 26),
         outcome="partially_disclosed", legacy="partially_disclosed")  # fmt: skip
    case(agency, "legal_service", d(2025, 12, 29))
    case(agency, "research", d(2025, 12, 15), closed=d(2026, 1, 5),
         outcome="not_processed.duplicate", legacy="duplicate", channel="in_person")  # fmt: skip


def row(**columns) -> dict:
    """A column set of table 三 with the given applicant columns, zeros elsewhere, and its total."""
    keys = (
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
    )
    out = {k: columns.get(k, 0) for k in keys}
    out["total"] = sum(out.values())
    return out


ZERO = row()
