"""The demo office's back catalog, 2008–2018: what the 市司法局 disclosed before the demo's recent
years, so that its published 2018 report can be rebuilt from records.

The seed report states "截至2018年底，我局累计主动公开政务信息110757条，新增21594条", of which
业务类 16708, 互动交流类 1401, 政策法规类 304, 其他类 3181. A justice bureau's archive is mostly
routine decisions published one by one (licences granted, changes registered, penalties,
replies to questions): short items, each with its own document number, which is what this
generates. Deterministic (seeded); loaded through the catalog's bulk import, so every item has an
index number and is found by search like any other.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .demo_names import DISTRICTS, FIRMS, GIVEN, LABS, NOTARIES, STREETS, SURNAMES

SEED = 2008
FIRST_YEAR = 2008
LAST_YEAR = 2018
TOTAL = 110757
# The seed's last year, by category code (业务类, 互动交流类, 政策法规类, 其他).
LAST_YEAR_BY_CATEGORY = {"yw": 16708, "hdjl": 1401, "zcfg": 304, "qt": 3181}
# Earlier years grow as the office put more of its work online; shares of the categories are
# those of the last year.
GROWTH = 1.18

# category code → [(topic code, title pattern, body pattern)], the patterns' fields filled by
# _fields: {y} year, {no} serial in the year, {person}, {firm}, {lab}, {notary}, {district}, {street}
PATTERNS = {
    "yw": [
        (
            "lsgl",
            "关于准予{person}律师执业的决定（沪司许〔{y}〕第{no}号）",
            "经审核，{person}符合《中华人民共和国律师法》规定的执业条件，准予在{firm}律师事务所执业。",
        ),
        (
            "lsgl",
            "关于{firm}律师事务所变更事项的公告（{y}年第{no}号）",
            "{firm}律师事务所申请变更住所，经审核符合规定，准予变更登记。",
        ),
        (
            "gzgl",
            "关于{notary}{person}公证员执业登记的公告（{y}年第{no}号）",
            "经审核，{person}符合公证员执业条件，准予在{notary}执业。",
        ),
        (
            "sfjd",
            "关于{lab}司法鉴定人{person}执业登记的公告（{y}年第{no}号）",
            "经审核，准予{person}在{lab}从事司法鉴定业务，执业类别为法医临床鉴定。",
        ),
        (
            "xzxk",
            "基层法律服务工作者{person}执业核准决定（沪司许〔{y}〕第{no}号）",
            "经审核，准予{person}在{district}{street}法律服务所执业。",
        ),
        (
            "xzcf",
            "行政处罚决定书（沪司罚决字〔{y}〕第{no}号）",
            "当事人{person}违反《中华人民共和国律师法》的规定，本机关依法给予警告的行政处罚。",
        ),
        (
            "flyz",
            "{district}法律援助案件受理情况（{y}年第{no}期）",
            "本期{district}法律援助中心受理法律援助案件，均已指派承办律师。",
        ),
        (
            "rmtj",
            "{district}{street}人民调解委员会调解员备案公告（{y}年第{no}号）",
            "{district}{street}人民调解委员会新聘人民调解员{person}，已报备案。",
        ),
    ],
    "hdjl": [
        (
            "jytabl",
            "关于网民咨询律师执业事项的答复（{y}年第{no}号）",
            "网民咨询律师执业申请事项，现答复如下：申请人可以通过网上政务大厅提交申请材料。",
        ),
        (
            "jytabl",
            "关于来信反映公证收费问题的答复（{y}年第{no}号）",
            "来信反映的公证收费问题已转{notary}核实，收费符合本市公证收费标准。",
        ),
    ],
    "zcfg": [
        (
            "qt",
            "上海市司法局关于转发司法部有关文件的通知（沪司发〔{y}〕{no}号）",
            "现将司法部有关文件转发给你们，请结合本地实际认真贯彻执行。",
        ),
    ],
    "qt": [
        (
            "qt",
            "上海市司法局工作动态（{y}年第{no}期）",
            "本期动态：{district}司法局开展法治宣传活动，市司法局召开专题工作会议。",
        ),
        (
            "jgzn",
            "{district}司法所联系方式变更公告（{y}年第{no}号）",
            "{district}{street}司法所办公地址和联系电话变更，特此公告。",
        ),
    ],
}


def counts_by_year() -> dict[int, int]:
    """Items per year: the last year as the seed states it, earlier years growing to it."""
    last = sum(LAST_YEAR_BY_CATEGORY.values())
    earlier = list(range(FIRST_YEAR, LAST_YEAR))
    weights = [GROWTH**i for i in range(len(earlier))]
    rest = TOTAL - last
    counts = {year: int(rest * w / sum(weights)) for year, w in zip(earlier, weights, strict=True)}
    counts[earlier[-1]] += rest - sum(counts.values())
    counts[LAST_YEAR] = last
    return counts


def _split(count: int, year: int) -> dict[str, int]:
    """A year's count by category: exact for the last year, in the same shares before it."""
    if year == LAST_YEAR:
        return dict(LAST_YEAR_BY_CATEGORY)
    last = sum(LAST_YEAR_BY_CATEGORY.values())
    out = {code: count * n // last for code, n in LAST_YEAR_BY_CATEGORY.items()}
    out["yw"] += count - sum(out.values())
    return out


def _moment(rnd: random.Random, year: int) -> tuple[date, datetime]:
    published = date(year, 1, 2) + timedelta(days=rnd.randint(0, 362))
    written = published - timedelta(days=rnd.choice([1, 2, 3, 5, 7]))
    at = datetime.combine(published, time(9 + rnd.randint(0, 8), rnd.randint(0, 59)))
    return written, timezone.make_aware(at)


def rows(organization_id: int, topics: dict, categories: dict):
    """The archive as import rows (a generator: 110,757 dicts are not held at once)."""
    rnd = random.Random(SEED)
    for year, count in counts_by_year().items():
        for code, n in _split(count, year).items():
            patterns = PATTERNS[code]
            for serial in range(1, n + 1):
                topic, title, body = patterns[serial % len(patterns)]
                # The serial makes each title unique within the year and pattern.
                fields = {
                    "y": year,
                    "no": serial // len(patterns) + 1,
                    "person": rnd.choice(SURNAMES) + rnd.choice(GIVEN),
                    "firm": rnd.choice(FIRMS),
                    "lab": rnd.choice(LABS),
                    "notary": rnd.choice(NOTARIES),
                    "district": rnd.choice(DISTRICTS),
                    "street": rnd.choice(STREETS),
                }
                written, published = _moment(rnd, year)
                text = body.format(**fields)
                yield {
                    "organization_id": organization_id,
                    "title": title.format(**fields),
                    "summary": text[:78],
                    "body": text,
                    "doc_number": "",
                    "written_on": written,
                    "published_at": published,
                    "topic_id": topics[topic].pk,
                    "category_id": categories[code].pk,
                    "kind": "general",
                    "validity": "valid",
                    "keywords": topics[topic].name,
                }
