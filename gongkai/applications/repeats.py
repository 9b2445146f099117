"""Possible 重复申请 and 第35条 bulk applicants, for the clerk to judge (nothing closes alone).

When an application is registered, the office's earlier applications of the past year whose
requested content is nearly the same are stored as `SimilarApplication` rows: the same
applicant's (known by ID number or credit code) and anyone else's. Similarity is the cosine of
the two sets of words (rjieba, gongkai.lib.text) left after dropping function words and the
phrases every request uses (请、申请、公开、提供…): a reworded request keeps its words, an
unrelated one on the same topic shares only the topic's.

An applicant whose applications within the configured period are far more than the office's
usual per applicant is flagged on the case (第35条 lets the office ask for reasons).
"""

import math
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import Count

from gongkai.lib import text

from .models import Application, SimilarApplication

THRESHOLD = 0.7
LOOKBACK = timedelta(days=365)
MAX_CANDIDATES = 5000
MAX_SHOWN = 5
# Words of every request, which say nothing about what is asked for.
BOILERPLATE = frozenset(
    [
        "请",
        "申请",
        "公开",
        "提供",
        "获取",
        "希望",
        "要求",
        "需要",
        "本人",
        "我",
        "相关",
        "有关",
        "关于",
        "政府信息",
        "信息",
        "以及",
        "及",
        "和",
        "与",
        "或",
        "等",
        "年",
        "的",
        "了",
        "查询",
        "依法",
        "予以",
        "一下",
        "一份",
        "复印件",
    ]
)


@lru_cache(maxsize=8192)
def words(description: str) -> frozenset[str]:
    tokens = (t.strip() for t in text.segmenter().cut(text.normalize(description), hmm=True))
    return frozenset(
        t
        for t in tokens
        if t and t not in BOILERPLATE and t not in text.STOPWORDS and any(ch.isalnum() for ch in t)
    )


def similarity(a: str, b: str) -> float:
    x, y = words(a), words(b)
    if not x or not y:
        return 0.0
    return len(x & y) / math.sqrt(len(x) * len(y))


def _same_key(app: Application) -> tuple[str, str] | None:
    number = app.id_number.strip().upper()
    return (app.id_type, number) if number else None


def find_similar(application: Application) -> list[SimilarApplication]:
    """Store and return the earlier applications that look like repeats of `application`."""
    since = application.received_on - LOOKBACK
    candidates = (
        Application.objects.filter(
            organization_id=application.organization_id, received_on__gte=since
        )
        .exclude(pk=application.pk)
        .filter(pk__lt=application.pk)
        .order_by("-pk")
        .values_list("pk", "description", "id_type", "id_number")[:MAX_CANDIDATES]
    )
    key = _same_key(application)
    rows = []
    for pk, description, id_type, id_number in candidates:
        score = similarity(application.description, description)
        if score >= THRESHOLD:
            same = key is not None and key == (id_type, id_number.strip().upper())
            rows.append(
                SimilarApplication(
                    application=application,
                    earlier_id=pk,
                    score=round(score, 3),
                    same_applicant=same,
                )
            )
    rows.sort(key=lambda r: (r.same_applicant, r.score), reverse=True)
    kept = SimilarApplication.objects.bulk_create(rows[:MAX_SHOWN])
    if kept:
        paired = [application.pk, *(row.earlier_id for row in kept)]
        Application.objects.filter(pk__in=paired).update(possible_repeat=True)
        application.possible_repeat = True
    return kept


# ---------------------------------------------------------------- 第35条


@dataclass(frozen=True)
class BulkFlag:
    count: int
    usual: float
    days: int

    def __str__(self) -> str:
        return (
            f"该申请人近 {self.days} 日向本机关提出 {self.count} 件申请，"
            f"明显超过本机关申请人平均 {self.usual:.1f} 件（第三十五条：可要求说明理由）"
        )


def bulk_flag(application: Application) -> BulkFlag | None:
    """The flag when the applicant's count in the period is far above the office's usual."""
    days = settings.GONGKAI_BULK_PERIOD_DAYS
    key = _same_key(application)
    if key is None:
        return None
    window = Application.objects.filter(
        organization_id=application.organization_id,
        received_on__gt=application.received_on - timedelta(days=days),
        received_on__lte=application.received_on,
    )
    count = window.filter(id_type=key[0], id_number__iexact=key[1]).count()
    if count < settings.GONGKAI_BULK_MIN_APPLICATIONS:
        return None
    totals = window.exclude(id_number="").aggregate(
        n=Count("pk"), people=Count("id_number", distinct=True)
    )
    others = totals["people"] - 1
    usual = (totals["n"] - count) / others if others > 0 else 1.0
    if count >= settings.GONGKAI_BULK_FACTOR * max(usual, 1.0):
        return BulkFlag(count, usual, days)
    return None
