"""The office's self-inspection after the State Council's indicators for government websites
(国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》), computed from the records.

Each rule gives risks; a 单项否决 risk fails an inspection outright. The score adds up the risks'
points: the office watches it fall to zero. Other apps add rules through a module named
`self_inspection` with `risks(organization_ids, today)` returning dicts of rule, detail, veto,
url and optionally points (consultations: questions unanswered for three months).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can, role_names
from gongkai.lib.discovery import app_modules

VETO = 100  # a single 单项否决 fails the site: it outweighs everything else
HOME_STALE_DAYS = 14
POLICY_STALE_DAYS = 183  # six months
EMPTY_COLUMNS_VETO = 5
DEFAULT_POLICY_TOPICS = ("gfxwj", "zcjd")


@dataclass(frozen=True)
class Risk:
    rule: str  # a short Chinese name of the indicator
    detail: str
    points: int
    veto: bool = False
    url: str = ""
    # The action the url's page requires, when not everyone who inspects may open it: the page
    # then names who can act instead of linking to a refusal.
    needs: str = ""


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def catalog_risks(organization_ids, today: date) -> list[Risk]:
    from gongkai.catalog.models import Item, ItemStatus, Topic

    published = Item.objects.filter(
        status=ItemStatus.PUBLISHED, organization_id__in=organization_ids
    )
    risks: list[Risk] = []
    latest = published.aggregate(at=Max("published_at"))["at"]
    if latest is None or timezone.localdate(latest) < today - timedelta(days=HOME_STALE_DAYS):
        since = f"最近一次发布为{timezone.localdate(latest):%Y-%m-%d}" if latest else "从未发布"
        risks.append(
            Risk(
                "首页栏目超过2周未更新",
                f"{since}，超过{HOME_STALE_DAYS}天没有新信息。",
                VETO,
                veto=True,
                url=reverse("catalog:staff_list"),
                needs=Action.CATALOG_DRAFT,
            )
        )
    # Each column's latest publication, read from the (topic, status, published_at) index
    # newest first: a GROUP BY over every published item took 0.6 s at 110,000 items.
    latest_in_topic = published.filter(topic=OuterRef("pk")).order_by("-published_at")
    topics = list(
        Topic.objects.filter(is_active=True).annotate(
            last=Subquery(latest_in_topic.values("published_at")[:1])
        )
    )
    by_topic = {t.pk: {"last": t.last} for t in topics if t.last is not None}
    empty = [t for t in topics if t.pk not in by_topic]
    if empty:
        names = "、".join(t.name for t in empty)
        veto = len(empty) >= EMPTY_COLUMNS_VETO
        risks.append(
            Risk(
                "空白栏目",
                f"{len(empty)}个栏目没有任何已发布信息：{names}。"
                + (f"空白栏目达到{EMPTY_COLUMNS_VETO}个即单项否决。" if veto else ""),
                VETO if veto else 5 * len(empty),
                veto=veto,
                url=reverse("catalog:staff_list"),
                needs=Action.CATALOG_DRAFT,
            )
        )
    policy_codes = getattr(settings, "GONGKAI_POLICY_TOPICS", DEFAULT_POLICY_TOPICS)
    cutoff = today - timedelta(days=POLICY_STALE_DAYS)
    for topic in topics:
        row = by_topic.get(topic.pk)
        if topic.code not in policy_codes or row is None:
            continue  # an empty policy column is already counted as empty
        if timezone.localdate(row["last"]) < cutoff:
            risks.append(
                Risk(
                    "政策类栏目超过6个月未更新",
                    f"“{topic.name}”最近一次发布为{timezone.localdate(row['last']):%Y-%m-%d}。",
                    20,
                    url=reverse("catalog:staff_list") + f"?topic={topic.pk}",
                    needs=Action.CATALOG_DRAFT,
                )
            )
    return risks


def finding_risks(organization_ids, today: date) -> list[Risk]:
    from gongkai.catalog.models import ItemStatus

    from .findings import PERSONAL_DATA
    from .models import Finding, FindingStatus

    open_published = Finding.objects.filter(
        item__status=ItemStatus.PUBLISHED,
        item__organization_id__in=organization_ids,
        status__in=(FindingStatus.OPEN, FindingStatus.CONFIRMED),
    ).aggregate(
        personal=Count("pk", filter=Q(kind__in=[k.value for k in PERSONAL_DATA])),
        wording=Count("pk", filter=~Q(kind__in=[k.value for k in PERSONAL_DATA])),
    )
    risks = []
    if open_published["personal"]:
        risks.append(
            Risk(
                "已发布信息含个人信息",
                f"{open_published['personal']}处身份证号、手机号等个人信息待处理（泄露个人信息单项否决）。",
                VETO,
                veto=True,
                url=reverse("inspection:rescan_findings"),
            )
        )
    if open_published["wording"]:
        risks.append(
            Risk(
                "已发布信息存在表述问题",
                f"{open_published['wording']}处机构名称、规范表述或错别字待处理。",
                5 * open_published["wording"],
                url=reverse("inspection:rescan_findings"),
            )
        )
    return risks


def link_risks(organization_ids, today: date) -> list[Risk]:
    from .models import LinkCheck

    broken = LinkCheck.objects.filter(
        item__organization_id__in=organization_ids, ok=False, item__status="published"
    ).count()
    if not broken:
        return []
    return [
        Risk(
            "外部链接不可用",
            f"{broken}个外部链接最近一次检查无法访问。",
            2 * broken,
            url=reverse("inspection:self_inspection") + "#links",
        )
    ]


def risks(organization, today: date | None = None) -> list[Risk]:
    from gongkai.accounts.models import Organization

    today = today or timezone.localdate()
    ids = list(Organization.objects.subtree_ids(organization))
    found = catalog_risks(ids, today) + finding_risks(ids, today) + link_risks(ids, today)
    for module in app_modules("self_inspection"):
        for risk in module.risks(ids, today):
            points = risk.get("points", VETO if risk.get("veto") else 0)
            found.append(Risk(**{**risk, "points": points}))
    return sorted(found, key=lambda r: (not r.veto, -r.points))


def who_acts(risk: Risk, user) -> str:
    """Empty when `user` may open the risk's page; otherwise the roles who can act on it."""
    if not risk.needs or can(user, Action(risk.needs)):
        return ""
    return role_names(Action(risk.needs))


def score(found: list[Risk]) -> int:
    return sum(r.points for r in found)
