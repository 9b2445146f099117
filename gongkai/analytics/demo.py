"""Demo visit counts: the whole of 2018 as 上海市司法局 reported it, and this year up to yesterday.

2018 adds up to exactly the 123,313 visits of the bureau's 2018 annual report, with its ranking
(领导介绍、行政处罚、规范性文件、政策解读、人事任免) on top. Deterministic, idempotent, one bulk
insert per table.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organization

from .models import DailyVisit, DailyVisitors
from .selectors import column_ranking, column_visits

SEED_YEAR = 2018
SEED_TOTAL = 123_313

# Share of the column's visits per section in 2018 (the first five as the report ranks them).
SECTION_SHARES = [
    ("领导介绍", 18.4),
    ("行政处罚", 14.7),
    ("规范性文件", 12.8),
    ("政策解读", 10.6),
    ("人事任免", 8.9),
    ("机构职能", 7.2),
    ("行政许可", 6.3),
    ("公开指南", 5.1),
    ("依申请公开", 4.3),
    ("财政预决算", 3.8),
    ("年度报告", 3.1),
    ("建议提案办理", 2.6),
    ("法律服务机构名录", 2.2),
]

# Relative traffic by month: the Spring Festival lull in February, the summer dip, year-end.
MONTH_FACTOR = [1.0, 0.72, 1.08, 1.05, 1.0, 1.02, 0.9, 0.88, 1.04, 0.86, 1.08, 1.12]


def _is_workday(day: date) -> bool:
    try:
        import chinese_calendar

        return chinese_calendar.is_workday(day)
    except (ImportError, NotImplementedError):  # a year the calendar package does not know yet
        return day.weekday() < 5


def _day_weight(day: date, rng: random.Random) -> float:
    return (1.0 if _is_workday(day) else 0.38) * MONTH_FACTOR[day.month - 1] * rng.uniform(0.8, 1.2)


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to `weights` that add up to exactly `total` (largest remainder)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (shares[i] - raw[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def seed_year_rows(
    organization: Organization | None,
) -> tuple[list[DailyVisit], list[DailyVisitors]]:
    rng = random.Random(f"gongkai-analytics-{SEED_YEAR}")
    days = [date(SEED_YEAR, 1, 1) + timedelta(days=i) for i in range(365)]
    section_totals = _apportion(SEED_TOTAL, [share for _, share in SECTION_SHARES])
    visits: list[DailyVisit] = []
    per_day = [0] * len(days)
    for (section, _), section_total in zip(SECTION_SHARES, section_totals, strict=True):
        counts = _apportion(section_total, [_day_weight(d, rng) for d in days])
        for i, (day, count) in enumerate(zip(days, counts, strict=True)):
            per_day[i] += count
            if count:
                visits.append(
                    DailyVisit(day=day, section=section, organization=organization, count=count)
                )
    visitors = [
        DailyVisitors(day=day, count=round(n * rng.uniform(0.36, 0.46)))
        for day, n in zip(days, per_day, strict=True)
    ]
    return visits, visitors


def current_year_rows(
    organization: Organization | None, today: date
) -> tuple[list[DailyVisit], list[DailyVisitors]]:
    """Every day of this year before today; each day drawn from its own seed, so re-running on a
    later day reproduces the earlier days exactly and only adds the new ones."""
    visits: list[DailyVisit] = []
    visitors: list[DailyVisitors] = []
    day = date(today.year, 1, 1)
    while day < today:
        rng = random.Random(day.toordinal())
        base = 470 * _day_weight(day, rng)  # about 150,000 visits a year
        total = 0
        for section, share in [("首页", 30.0), *SECTION_SHARES]:
            count = round(base * share / 100 * rng.uniform(0.7, 1.3))
            if count:
                total += count
                owner = None if section == "首页" else organization
                visits.append(DailyVisit(day=day, section=section, organization=owner, count=count))
        visitors.append(DailyVisitors(day=day, count=round(total * rng.uniform(0.36, 0.46))))
        day += timedelta(days=1)
    return visits, visitors


@transaction.atomic
def load(stdout) -> list[str]:
    organization = Organization.objects.filter(code="shsfj").first()
    today = timezone.localdate()
    visits: list[DailyVisit] = []
    visitors: list[DailyVisitors] = []
    # 2018 is loaded whole or not at all, so its total can never drift from the report's.
    if not DailyVisit.objects.filter(day__year=SEED_YEAR).exists():
        visits, visitors = seed_year_rows(organization)
    if today.year > SEED_YEAR:
        more_visits, more_visitors = current_year_rows(organization, today)
        visits += more_visits
        visitors += more_visitors
    # The unique constraints make a re-run add only the days that are missing.
    DailyVisit.objects.bulk_create(visits, batch_size=1000, ignore_conflicts=True)
    DailyVisitors.objects.bulk_create(visitors, batch_size=1000, ignore_conflicts=True)
    ranking = "、".join(column_ranking(SEED_YEAR))
    stdout.write(
        f"访问统计：{SEED_YEAR}年专栏访问量 {column_visits(SEED_YEAR)} 次（{ranking}），"
        f"{today.year}年至今 {column_visits(today.year)} 次。"
    )
    return []
