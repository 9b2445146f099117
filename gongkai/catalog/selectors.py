"""Reads of the catalog: public lists and the figures the annual report needs (in SQL)."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear, TruncDate
from django.utils import timezone

from gongkai.accounts.models import AuditEntry, Organization

from .models import Category, Item, ItemKind, ItemStatus, Validity

LIST_COLUMNS = (
    "pk",
    "title",
    "summary",
    "index_no",
    "doc_number",
    "written_on",
    "published_at",
    "validity",
    "organization__name",
    "topic__name",
)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The first instant of `year` and of the next one, in the site's time zone."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(date(year, 1, 1), time.min, tz),
        datetime.combine(date(year + 1, 1, 1), time.min, tz),
    )


def published_items(*, organization=None, topic=None, category=None, year=None, kind=None):
    """Published items for the public lists, newest first, with what a row shows."""
    items = Item.objects.published()
    if organization is not None:
        items = items.filter(organization=organization)
    if topic is not None:
        items = items.filter(topic=topic)
    if category is not None:
        items = items.filter(category=category)
    if kind is not None:
        items = items.filter(kind=kind)
    if year is not None:
        start, end = year_bounds(year)
        items = items.filter(published_at__gte=start, published_at__lt=end)
    return (
        items.select_related("organization", "topic")
        .only(*LIST_COLUMNS)
        .order_by("-published_at", "-pk")
    )


def latest_items(limit: int = 8):
    return list(published_items()[:limit])


def publishing_organizations():
    """Organizations that have at least one published item, in tree order."""
    # One index probe per organization, not a pass over every published item.
    published = Item.objects.published().filter(organization=OuterRef("pk"))
    return Organization.objects.filter(Exists(published)).order_by("sort_order", "pk")


def publication_years() -> list[int]:
    """Years with a published item, newest first (the public lists' year filter).

    Found by skipping from each year's latest item to the year before it, an index probe per
    year: grouping every published item by year cost a second per page at 300,000 items.
    """
    dated = Item.objects.published().filter(published_at__isnull=False)
    years: list[int] = []
    while True:
        # One bound only: with several, SQLite bounds the index scan by the first of them.
        earlier = dated.filter(published_at__lt=year_bounds(years[-1])[0]) if years else dated
        latest = earlier.order_by("-published_at").values_list("published_at", flat=True).first()
        if latest is None:
            return years
        years.append(timezone.localtime(latest).year)


# -- figures for the annual report -----------------------------------------------------------


def _scope(organization):
    items = Item.objects.all()
    if organization is not None:
        ids = Organization.objects.subtree_ids(organization)
        items = items.filter(organization_id__in=ids)
    return items


def _was_published(items, until: datetime):
    """Items that were public at `until` or were published before and withdrawn later:
    the count of disclosed information does not shrink when an item is later withdrawn."""
    return items.filter(published_at__lt=until).filter(
        Q(status=ItemStatus.PUBLISHED) | Q(status=ItemStatus.WITHDRAWN)
    )


def _share(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class CategoryFigure:
    name: str
    count: int
    share: Decimal  # percent, two decimals


@dataclass
class YearFigures:
    year: int
    published: int  # 新增
    total: int  # 累计 at the end of the year
    by_category: list[CategoryFigure]
    normative_issued: int
    normative_repealed: int
    normative_expired: int
    normative_in_force: int


def year_figures(year: int, organization: Organization | None = None) -> YearFigures:
    """主动公开 figures of `year` for an organization and everything below it (or all)."""
    start, end = year_bounds(year)
    items = _was_published(_scope(organization), end)
    in_year = items.filter(published_at__gte=start)
    published = in_year.count()
    total = items.count()
    per_category = dict(
        in_year.values_list("category_id").annotate(n=Count("pk")).values_list("category_id", "n")
    )
    by_category = [
        CategoryFigure(
            c.name, per_category.get(c.pk, 0), _share(per_category.get(c.pk, 0), published)
        )
        for c in Category.objects.all()
    ]
    normative = items.filter(kind=ItemKind.NORMATIVE)
    this_year = (date(year, 1, 1), date(year, 12, 31))

    def became(validity: Validity) -> Count:
        return Count("pk", filter=Q(validity=validity, validity_changed_on__range=this_year))

    counts = normative.aggregate(
        issued=Count("pk", filter=Q(published_at__gte=start)),
        repealed=became(Validity.REPEALED),
        expired=became(Validity.EXPIRED),
        # In force on 31 December: published by then, not withdrawn by then (a later
        # withdrawal does not change the past), valid or changed only after that day.
        in_force=Count(
            "pk",
            filter=(
                Q(status=ItemStatus.PUBLISHED)
                | Q(status=ItemStatus.WITHDRAWN, withdrawn_at__gte=end)
            )
            & (Q(validity=Validity.VALID) | Q(validity_changed_on__gt=date(year, 12, 31))),
        ),
    )
    return YearFigures(
        year=year,
        published=published,
        total=total,
        by_category=by_category,
        normative_issued=counts["issued"],
        normative_repealed=counts["repealed"],
        normative_expired=counts["expired"],
        normative_in_force=counts["in_force"],
    )


def published_per_year(organization: Organization | None = None) -> dict[int, int]:
    """{year: items published that year} (withdrawn ones included: they were disclosed)."""
    items = _scope(organization).filter(
        Q(status=ItemStatus.PUBLISHED) | Q(status=ItemStatus.WITHDRAWN),
        published_at__isnull=False,
    )
    rows = (
        items.annotate(y=ExtractYear("published_at"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by("y")
    )
    return {row["y"]: row["n"] for row in rows}


LATE_AFTER_WORKDAYS = 20  # 条例第26条


def late_publications(year: int, organization: Organization | None = None) -> int:
    """Items published in `year` after the 20th working day from their formation (第26条).

    Compared with the due date, not by counting working days up to publication: an item
    published on the Saturday after a Friday deadline is late, though no working day passed.
    """
    from gongkai.lib.workdays import add_workdays

    start, end = year_bounds(year)
    items = _was_published(_scope(organization), end).filter(published_at__gte=start)
    # Grouped in SQL by (formed, published) date: only distinct pairs need the calendar.
    rows = (
        items.annotate(published_on=TruncDate("published_at"))
        .values("written_on", "published_on")
        .annotate(n=Count("pk"))
        .values_list("written_on", "published_on", "n")
    )
    due: dict[date, date] = {}
    late = 0
    for formed, published, n in rows:
        if formed not in due:
            due[formed] = add_workdays(formed, LATE_AFTER_WORKDAYS)
        if published > due[formed]:
            late += n
    return late


def vocabulary_usage(model):
    """Every term of a vocabulary (active or not) with how many items use it."""
    return model.objects.annotate(used=Count("item")).order_by("sort_order", "pk")


# What happened to an item, as its staff page tells it (from the audit log: every change of a
# catalog item writes one entry in the same transaction as the change).
_TIMELINE_LABELS = {
    "catalog.item_create": "起草",
    "catalog.item_update": "修改草稿",
    "catalog.attachment_add": "上传附件",
    "catalog.attachment_remove": "删除附件",
    "catalog.item_submit": "提交审核",
    "catalog.item_approve": "审核同意",
    "catalog.item_approve_by_author": "拟稿人具有该环节权限，视为同意",
    "catalog.item_return": "退回修改",
    "catalog.item_publish": "发布",
    "catalog.item_withdraw": "撤回",
    "catalog.item_set_validity": "变更有效性",
    "catalog.revision_propose": "提出更正",
    "catalog.revision_approve": "同意更正（转下一环节）",
    "catalog.revision_approve_by_proposer": "提出人具有该环节权限，视为同意",
    "catalog.revision_return": "退回更正",
    "catalog.item_correct": "更正生效",
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor_name: str
    label: str
    detail: str


def _timeline_detail(action: str, changes: dict) -> str:
    if action == "catalog.item_set_validity":
        validity = changes.get("validity")
        since = (changes.get("validity_changed_on") or [None, None])[1]
        if validity:
            shown = Validity(validity[1]).label if validity[1] in Validity.values else ""
            return f"改为“{shown}”" + (f"，自 {since} 起" if since else "")
        return ""
    if action in {"catalog.item_withdraw"}:
        return str(changes.get("reason", ""))
    if action in {"catalog.revision_propose", "catalog.item_correct"}:
        return "、".join(k for k in changes if k not in {"reason", "path"})
    if action in {"catalog.revision_return"}:
        return str(changes.get("opinion", ""))
    if action in {"catalog.revision_approve_by_proposer", "catalog.item_approve_by_author"}:
        return f"“{changes.get('stage', '')}”环节"
    return ""


def item_timeline(item: Item) -> list[TimelineEntry]:
    """Every recorded change of `item`, oldest first, in words."""

    entries = AuditEntry.objects.filter(
        object_type="catalog.item", object_id=str(item.pk), action__in=_TIMELINE_LABELS
    ).order_by("at", "pk")
    return [
        TimelineEntry(
            e.at, e.actor_name, _TIMELINE_LABELS[e.action], _timeline_detail(e.action, e.changes)
        )
        for e in entries
    ]
