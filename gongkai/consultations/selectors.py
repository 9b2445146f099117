"""Consultation counts per channel and period, aggregated in SQL, and the public Q&A."""

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from .models import Consultation, ConsultationChannel

CHANNEL_KEYS = tuple(c.value for c in ConsultationChannel)


def counts(org_ids, start: date, end: date) -> dict[str, int]:
    """Consultations asked between `start` and `end` (inclusive): {"total", "phone",
    "in_person", "online"}, the keys of the legacy reports' `consultations`."""
    found = Consultation.objects.filter(
        organization_id__in=list(org_ids), asked_on__gte=start, asked_on__lte=end
    ).aggregate(
        total=Count("pk"),
        **{key: Count("pk", filter=Q(channel=key)) for key in CHANNEL_KEYS},
    )
    return {"total": found["total"], **{key: found[key] for key in CHANNEL_KEYS}}


def year_figures(org_ids, year: int) -> dict[str, int]:
    """The year's `consultations` for the annual report (seed 2018: 207 = 112 + 86 + 9)."""
    return counts(org_ids, date(year, 1, 1), date(year, 12, 31))


def monthly(org_ids, year: int) -> list[int]:
    """Consultations in each month of `year` (twelve numbers), for the dashboard chart."""
    found = dict(
        Consultation.objects.filter(organization_id__in=list(org_ids), asked_on__year=year)
        .annotate(month=ExtractMonth("asked_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [found.get(m, 0) for m in range(1, 13)]


def published():
    return Consultation.objects.filter(published_at__isnull=False).order_by("-published_at", "-pk")
