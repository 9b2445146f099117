"""Reads of guides and powers: the public columns and the dashboard's figures."""

from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from gongkai.catalog.models import ItemStatus

from .models import GuideMaterial, Power, PowerType, ServiceGuide


def published_guides(*, q: str = ""):
    """Published guides, by name; `q` narrows to names or required materials holding it."""
    guides = (
        ServiceGuide.objects.filter(item__status=ItemStatus.PUBLISHED)
        .select_related("item", "item__organization")
        .order_by("item__title", "pk")
    )
    if q:
        needing = GuideMaterial.objects.filter(name__icontains=q).values("guide_id")
        guides = guides.filter(Q(item__title__icontains=q) | Q(pk__in=needing))
    return guides


def published_guide(pk: int) -> ServiceGuide | None:
    return (
        ServiceGuide.objects.filter(pk=pk, item__status=ItemStatus.PUBLISHED)
        .select_related("item", "item__organization", "item__category")
        .prefetch_related(
            Prefetch("materials", queryset=GuideMaterial.objects.order_by("position"))
        )
        .first()
    )


def published_powers(*, power_type: str = ""):
    powers = (
        Power.objects.filter(item__status=ItemStatus.PUBLISHED)
        .select_related("item", "item__organization")
        .order_by("power_type", "item__title", "pk")
    )
    if power_type:
        powers = powers.filter(power_type=power_type)
    return powers


def power_type_counts() -> list[dict]:
    """[{value, label, count}] for every type with a published entry, in the vocabulary's order."""
    counts = dict(
        Power.objects.filter(item__status=ItemStatus.PUBLISHED)
        .values_list("power_type")
        .annotate(n=Count("pk"))
        .values_list("power_type", "n")
    )
    return [
        {"value": t.value, "label": t.label, "count": counts[t.value]}
        for t in PowerType
        if counts.get(t.value)
    ]


def published_by_month(year: int, *, organization_ids=None) -> list[dict]:
    """Guides and powers published in each month of `year` (of the items of
    `organization_ids`, when given): [{month, guides, powers}] for months 1–12."""
    tz = timezone.get_current_timezone()
    start = datetime(year, 1, 1, tzinfo=tz)
    end = datetime(year + 1, 1, 1, tzinfo=tz)
    rows = {m: {"month": m, "guides": 0, "powers": 0} for m in range(1, 13)}
    for model, key in ((ServiceGuide, "guides"), (Power, "powers")):
        records = model.objects.filter(
            item__status=ItemStatus.PUBLISHED,
            item__published_at__gte=start,
            item__published_at__lt=end,
        )
        if organization_ids is not None:
            records = records.filter(item__organization_id__in=organization_ids)
        monthly = (
            records.annotate(m=ExtractMonth("item__published_at", tzinfo=tz))
            .values("m")
            .annotate(n=Count("pk"))
        )
        for row in monthly:
            rows[row["m"]][key] = row["n"]
    return list(rows.values())
