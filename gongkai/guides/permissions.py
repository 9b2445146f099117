"""Who may write guides and powers: whoever drafts catalog items for the organization. Loaders
return the record or raise (403/404), so no view checks a scope on its own."""

from django.shortcuts import get_object_or_404

from gongkai.accounts.permissions import Action, require
from gongkai.catalog.permissions import can_see, visible_organization_ids

from .models import Power, ServiceGuide


def get_guide_for(user, pk: int) -> ServiceGuide:
    guide = get_object_or_404(
        ServiceGuide.objects.select_related("item", "item__organization"), pk=pk
    )
    require(user, Action.CATALOG_DRAFT, guide.item.organization_id)
    return guide


def get_power_for(user, pk: int) -> Power:
    power = get_object_or_404(Power.objects.select_related("item", "item__organization"), pk=pk)
    require(user, Action.CATALOG_DRAFT, power.item.organization_id)
    return power


# A join on the item's organization, not `item__in=<items subquery>`: SQLite built the whole
# subquery's id list first (0.3 s per query with the demo's 110,000-item back catalog).
def visible_guides(user):
    return ServiceGuide.objects.filter(item__organization_id__in=visible_organization_ids(user))


def visible_powers(user):
    return Power.objects.filter(item__organization_id__in=visible_organization_ids(user))


def may_see_flowchart(user, guide: ServiceGuide) -> bool:
    """Staff who may see the draft may see its flowchart before publication."""
    return bool(user.is_authenticated and can_see(user, guide.item))
