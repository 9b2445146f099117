"""What the catalog contributes to the annual report: 主动公开 figures (section 二 and prose).

Found by the reports engine by name. Counts are aggregated in SQL over the organizations given
(an organization with its divisions, or a whole sub-tree for a supervisor's sum). An item that was
published and later withdrawn still counts: it was disclosed in its year.
"""

from datetime import date

from django.db.models import Count, Q

from .models import Item, ItemKind, ItemStatus, Validity
from .selectors import year_bounds

_DISCLOSED = Q(status=ItemStatus.PUBLISHED) | Q(status=ItemStatus.WITHDRAWN)


def _queries(year: int) -> dict[str, Q]:
    """Each figure's condition over items of the organizations, by its document path."""
    start, end = year_bounds(year)
    last_day = date(year, 12, 31)
    this_year = (date(year, 1, 1), last_day)
    disclosed = _DISCLOSED & Q(published_at__lt=end)
    normative = disclosed & Q(kind=ItemKind.NORMATIVE)
    in_force = (
        normative
        & (Q(status=ItemStatus.PUBLISHED) | Q(withdrawn_at__gte=end))
        & (Q(validity=Validity.VALID) | Q(validity_changed_on__gt=last_day))
    )
    return {
        "proactive.items_total": disclosed,
        "proactive.items_new": disclosed & Q(published_at__gte=start),
        # 2021 columns
        "proactive.normative_documents.issued": normative & Q(published_at__gte=start),
        "proactive.normative_documents.repealed": normative
        & Q(
            validity__in=[Validity.REPEALED, Validity.EXPIRED], validity_changed_on__range=this_year
        ),
        "proactive.normative_documents.in_force": in_force,
        # 2019 columns
        "proactive.normative_documents.new_made": normative & Q(written_on__range=this_year),
        "proactive.normative_documents.new_published": normative & Q(published_at__gte=start),
        "proactive.normative_documents.published_total": normative,
    }


def figures(org_ids, year: int) -> dict:
    """The proactive-disclosure figures of `year` in annual-stats keys (one query)."""
    queries = _queries(year)
    counts = Item.objects.filter(organization_id__in=org_ids).aggregate(
        **{path.replace(".", "__"): Count("pk", filter=q) for path, q in queries.items()}
    )
    proactive: dict = {}
    for path in queries:
        parts = path.split(".")[1:]
        node = proactive
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = counts[path.replace(".", "__")]
    by_category = (
        Item.objects.filter(organization_id__in=org_ids)
        .filter(queries["proactive.items_new"])
        .values_list("category__name")
        .annotate(n=Count("pk"))
        # In the vocabulary's order, as the seed lists them (业务类, 互动交流类, 政策法规类, 其他类).
        .order_by("category__sort_order", "category__name")
    )
    return {
        "proactive": proactive,
        # The seed states the year's items by category ("业务类信息16708条，占77.37%").
        "unkeyed": {"proactive_categories": [{"category": c, "count": n} for c, n in by_category]},
    }


def drilldown(org_ids, year: int, path: str, column: str = ""):
    """The items counted in a figure, or None if the figure is not the catalog's."""
    q = _queries(year).get(path)
    if q is None:
        return None
    return (
        Item.objects.filter(organization_id__in=org_ids)
        .filter(q)
        .select_related("organization")
        .order_by("published_at", "pk")
    )


def changed_since(org_ids, year: int, since) -> bool:
    """Whether an item the year may count (published before its end) was saved after `since`."""
    _, end = year_bounds(year)
    return Item.objects.filter(
        organization_id__in=org_ids, published_at__lt=end, updated_at__gt=since
    ).exists()
