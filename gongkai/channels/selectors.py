"""Reads of the channel figures: the annual report's and the dashboard's."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from .models import (
    SERVICE_FIGURE_FIELDS,
    MediaAccount,
    MediaMonth,
    Platform,
    PressConference,
    ServiceFigures,
)


def year_figures(org_ids, year: int) -> dict:
    """The year's channel figures of the organizations `org_ids`, keyed for the annual report.

    {"press_conferences": {"total", "titles"},
     "new_media": {"by_platform": {weibo, wechat, app, other}, "accounts": [{platform, name,
        followers (at the last month entered), posts (the year's), average_reads (weighted by
        posts), months_entered}]},
     "service": {hotline_calls, online_consultations, message_consultations, hall_visits}}
    """
    org_ids = list(org_ids)
    conferences = PressConference.objects.filter(organization_id__in=org_ids, held_on__year=year)
    titles = list(conferences.order_by("held_on", "pk").values_list("title", flat=True))
    accounts = []
    months = MediaMonth.objects.filter(account__organization_id__in=org_ids, year=year)
    by_account: dict[int, list[MediaMonth]] = {}
    for row in months.order_by("month"):
        by_account.setdefault(row.account_id, []).append(row)
    for account in MediaAccount.objects.filter(organization_id__in=org_ids):
        rows = by_account.get(account.pk, [])
        posts = sum(r.posts for r in rows)
        reads = sum(r.posts * r.average_reads for r in rows)
        accounts.append(
            {
                "account_id": account.pk,
                "platform": account.platform,
                "platform_label": account.get_platform_display(),
                "name": account.name,
                "followers": rows[-1].followers if rows else None,
                "posts": posts,
                "average_reads": round(reads / posts) if posts else None,
                "months_entered": len(rows),
            }
        )
    by_platform = {p.value: 0 for p in Platform}
    for account in accounts:
        by_platform[account["platform"]] += 1
    service = ServiceFigures.objects.filter(organization_id__in=org_ids, year=year).aggregate(
        **{f: Sum(f) for f in SERVICE_FIGURE_FIELDS}
    )
    return {
        "press_conferences": {"total": len(titles), "titles": titles},
        "new_media": {"by_platform": by_platform, "accounts": accounts},
        "service": {f: service[f] for f in SERVICE_FIGURE_FIELDS}
        if any(v is not None for v in service.values())
        else None,
    }


def monthly(org_ids, year: int) -> list[dict]:
    """[{month, conferences, posts}] for months 1–12: press conferences held and new-media
    posts published (every account together)."""
    rows = {m: {"month": m, "conferences": 0, "posts": 0} for m in range(1, 13)}
    held = (
        PressConference.objects.filter(organization_id__in=org_ids, held_on__year=year)
        .annotate(m=ExtractMonth("held_on"))
        .values("m")
        .annotate(n=Count("pk"))
    )
    for row in held:
        rows[row["m"]]["conferences"] = row["n"]
    posted = (
        MediaMonth.objects.filter(account__organization_id__in=org_ids, year=year)
        .values("month")
        .annotate(n=Sum("posts"))
    )
    for row in posted:
        rows[row["month"]]["posts"] = row["n"]
    return list(rows.values())
