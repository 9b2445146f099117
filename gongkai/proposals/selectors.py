"""The year's replies and publication rate, aggregated in SQL, and the published column."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from .models import HandlingRole, Proposal, ProposalKind


def year_figures(org_ids, year: int) -> dict:
    """Replies made in `year` and how many are published: {"replies", "published", "rate"
    (per cent, one decimal, rounded half up; None without replies), "lead", "co",
    "npc_suggestion", "cppcc_proposal"} — the seed's "公开建议提案17件（主合办），主动公开率达100%"."""
    found = Proposal.objects.filter(
        organization_id__in=list(org_ids), replied_on__year=year
    ).aggregate(
        replies=Count("pk"),
        published=Count("pk", filter=Q(published_at__isnull=False)),
        lead=Count("pk", filter=Q(role=HandlingRole.LEAD)),
        co=Count("pk", filter=Q(role=HandlingRole.CO)),
        npc_suggestion=Count("pk", filter=Q(kind=ProposalKind.NPC_SUGGESTION)),
        cppcc_proposal=Count("pk", filter=Q(kind=ProposalKind.CPPCC_PROPOSAL)),
    )
    rate = None
    if found["replies"]:
        rate = float(
            (Decimal(100 * found["published"]) / found["replies"]).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
        )
    return {**found, "rate": rate}


def monthly_replies(org_ids, year: int) -> list[int]:
    found = dict(
        Proposal.objects.filter(organization_id__in=list(org_ids), replied_on__year=year)
        .annotate(month=ExtractMonth("replied_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [found.get(m, 0) for m in range(1, 13)]


def published():
    return Proposal.objects.filter(published_at__isnull=False).order_by("-replied_on", "-pk")
