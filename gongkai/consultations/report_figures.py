"""What consultations contribute to the annual report: 政府信息公开咨询 by channel (found by
name by the reports engine), and the consultations behind a figure."""

from . import selectors
from .models import Consultation


def figures(org_ids, year: int) -> dict:
    return {"consultations": selectors.year_figures(org_ids, year)}


def drilldown(org_ids, year: int, path: str, column: str = ""):
    """The consultations counted in `consultations.<total|channel>`, or None if not ours."""
    full = f"{path}.{column}" if column else path
    section, _, key = full.partition(".")
    if section != "consultations" or key not in ("total", *selectors.CHANNEL_KEYS):
        return None
    found = Consultation.objects.filter(organization_id__in=list(org_ids), asked_on__year=year)
    if key != "total":
        found = found.filter(channel=key)
    return found.select_related("organization").order_by("asked_on", "pk")


def changed_since(org_ids, year: int, since) -> bool:
    """Whether a consultation of the year was logged after `since` (only logging changes the
    counts: answering or publishing one does not)."""
    return Consultation.objects.filter(
        organization_id__in=list(org_ids), asked_on__year=year, created_at__gt=since
    ).exists()
