"""Demo catalog: a few hundred items about the office's real work, some in review, some
withdrawn, the 公开指南, and the search index. Deterministic (seeded) and idempotent."""

import random
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from gongkai.accounts.models import Organization, User

from . import demo_archive, importing, services
from .demo_names import DISTRICTS, FIRMS, GIVEN, LABS, NOTARIES, STREETS, SURNAMES
from .models import Category, Confidentiality, Item, ItemKind, ItemStatus, Topic, Validity
from .search import sync

SEED = 2018
COUNT = 320

POSTS = [
    "副局长",
    "政治部主任",
    "办公室主任",
    "律师工作管理处处长",
    "公证工作管理处副处长",
    "法律援助处处长",
]

SENTENCES = {
    "sfjd": [
        "本市现有司法鉴定机构{n}家，司法鉴定人{m}名，业务涵盖法医类、物证类、声像资料和环境损害司法鉴定。",
        "市司法局组织开展司法鉴定机构年度执业情况检查，重点检查鉴定程序、文书规范和收费公示情况。",
        "对检查中发现的问题，责令相关司法鉴定机构限期整改，并将整改情况纳入执业诚信档案。",
        "司法鉴定机构应当严格执行司法鉴定程序通则，不得违规受理委托，不得出具虚假鉴定意见。",
        "当事人对司法鉴定活动有异议的，可以向所在区司法局或者市司法局投诉。",
    ],
    "lsgl": [
        "截至{y}年底，全市共有律师事务所{n}家，执业律师{m}名。",
        "律师事务所应当建立健全执业管理、利益冲突审查、收费与财务管理等内部管理制度。",
        "市司法局依法对律师执业活动进行监督，对违法违规行为依法予以查处。",
        "律师协会配合开展年度考核工作，考核结果向社会公开。",
        "申请律师执业的，应当通过“一网通办”平台提交申请材料。",
    ],
    "gzgl": [
        "全市公证机构全年办理公证事项{m}件，其中涉外公证占比较上年有所提高。",
        "公证机构应当在执业场所公示公证事项、办理流程、收费标准和投诉电话。",
        "推行办理公证“最多跑一次”，公布可当场办结的公证事项清单。",
        "公证员应当遵守职业道德和执业纪律，依法履行审查核实义务。",
    ],
    "rmtj": [
        "全市各级人民调解组织共调解各类矛盾纠纷{m}件，调解成功率{p}%。",
        "人民调解委员会坚持依法调解、自愿平等原则，及时就地化解矛盾纠纷。",
        "加强人民调解员队伍建设，全年组织人民调解员培训{n}期。",
        "推动在医疗、交通、物业等领域设立行业性、专业性人民调解组织。",
    ],
    "flyz": [
        "全市法律援助机构全年组织办理法律援助案件{m}件，提供法律咨询{n}万人次。",
        "经济困难的公民可以向法律援助机构申请法律援助，申请时应当如实提交经济困难状况说明。",
        "对农民工讨薪、残疾人维权等案件，依法免予审查经济困难状况。",
        "12348公共法律服务热线提供全天候法律咨询服务。",
    ],
    "xzcf": [
        "经查，当事人存在违反《律师法》相关规定的行为，事实清楚，证据确凿。",
        "依据《中华人民共和国行政处罚法》的规定，本机关决定给予警告并处罚款人民币{m}元的行政处罚。",
        "当事人如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内向人民法院提起行政诉讼。",
        "本决定书自送达之日起生效。",
    ],
    "xzxk": [
        "申请人应当提交申请书、身份证明、执业资格证明等材料。",
        "本事项法定办理时限为二十个工作日，承诺办理时限为十个工作日。",
        "申请人可以通过“一网通办”平台在线申请，也可以到市司法局行政服务中心窗口办理。",
        "办理结果通过门户网站公示，接受社会监督。",
    ],
    "general": [
        "市司法局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。",
        "各区司法局结合本地实际，细化工作措施，确保各项任务落到实处。",
        "进一步完善公共法律服务体系，推动法律服务资源向基层延伸。",
        "相关工作情况将适时向社会公开，欢迎社会各界监督。",
        "如有疑问，请拨打咨询电话021-53899700。",
    ],
}

TITLES = {
    "sfjd": [
        "关于{y}年度司法鉴定机构执业情况检查的通报",
        "{y}年上海市司法鉴定机构和司法鉴定人名册",
        "关于准予{lab}变更登记事项的公告",
        "上海市司法局关于加强司法鉴定收费管理的通知",
        "关于开展环境损害司法鉴定机构专项检查的通知",
    ],
    "lsgl": [
        "关于{y}年度律师事务所年度检查考核结果的公告",
        "关于准予设立{firm}律师事务所{district}分所的决定",
        "上海市律师事务所执业许可办事指南",
        "关于公职律师、公司律师工作情况的通报",
    ],
    "gzgl": [
        "关于{notary}公证员执业情况的公告",
        "上海市公证机构“最多跑一次”公证事项清单（{y}年版）",
        "关于{y}年度公证机构年度考核结果的公告",
    ],
    "rmtj": [
        "{district}人民调解工作情况通报（{y}年）",
        "关于表彰{y}年度优秀人民调解委员会和人民调解员的决定",
        "关于加强行业性专业性人民调解组织建设的通知",
    ],
    "flyz": [
        "{y}年上海市法律援助工作情况",
        "法律援助申请须知",
        "关于进一步做好农民工法律援助工作的通知",
    ],
    "xzcf": [
        "行政处罚决定书（沪司罚决字〔{y}〕第{no}号）",
        "关于对{firm}律师事务所的行政处罚决定",
        "关于对{lab}的行政处罚决定",
    ],
    "xzxk": [
        "司法鉴定机构设立许可办事指南",
        "律师执业许可办事指南",
        "公证员执业许可办事指南",
        "基层法律服务工作者执业核准办事指南",
    ],
    "jgzn": ["上海市司法局主要职责", "上海市司法局内设机构", "{district}司法局机构设置和联系方式"],
    "flzyzg": [
        "{y}年国家统一法律职业资格考试上海考区报名公告",
        "关于领取{y}年法律职业资格证书的通知",
    ],
    "czyjs": ["上海市司法局{y}年部门预算", "上海市司法局{y}年部门决算"],
    "jytabl": ["关于市人大代表第{no}号建议的答复", "关于市政协第{no}号提案的答复"],
    "qt": ["上海市司法局{y}年政务公开工作要点", "关于开展“宪法宣传周”活动的通知"],
}
# What a district bureau publishes: its own work, under its own name ({org}, {district}).
DISTRICT_TITLES = {
    "rmtj": [
        "{org}关于{y}年度人民调解工作情况的通报",
        "{district}{y}年度“金牌调解员”评选结果公示",
        "{district}{street}人民调解委员会调整组成人员的公告",
    ],
    "flyz": [
        "{org}{y}年法律援助工作情况",
        "{district}公共法律服务中心法律援助值班律师安排（{y}年）",
    ],
    "xzcf": [
        "{org}行政处罚决定书（{district}司罚决字〔{y}〕第{no}号）",
        "关于对{district}{street}基层法律服务所的行政处罚决定（{y}年第{no}号）",
    ],
    "jgzn": ["{org}机构设置和联系方式（{y}年更新）", "{org}领导班子分工（{y}年）"],
    "czyjs": ["{org}{y}年部门预算", "{org}{y}年部门决算"],
    "qt": [
        "{org}{y}年政务公开工作要点",
        "{district}{y}年“宪法宣传周”活动安排",
        "{district}{y}年普法依法治理工作要点",
    ],
}

NORMATIVE = [
    ("上海市司法鉴定机构执业活动监督检查办法", "sfjd"),
    ("上海市律师事务所年度检查考核实施办法", "lsgl"),
    ("上海市公证机构执业管理办法", "gzgl"),
    ("上海市法律援助经济困难标准规定", "flyz"),
    ("上海市人民调解员管理办法", "rmtj"),
    ("市司法行政系统规范性文件制定和备案工作规范", "qt"),
]
# topic code → (weight, category code)
MIX = {
    "sfjd": (14, "yw"),
    "lsgl": (14, "yw"),
    "gzgl": (9, "yw"),
    "rmtj": (8, "yw"),
    "flyz": (8, "yw"),
    "xzcf": (16, "yw"),
    "xzxk": (5, "yw"),
    "jgzn": (3, "qt"),
    "flzyzg": (4, "qt"),
    "czyjs": (3, "qt"),
    "jytabl": (8, "hdjl"),
    "qt": (4, "qt"),
}


def _fill(template: str, rnd: random.Random, year: int, org=None) -> str:
    district = org.short_name.removesuffix("司法局") if org is not None else ""
    return template.format(
        org=org.name if org is not None else "",
        district=district or rnd.choice(DISTRICTS),
        street=rnd.choice(STREETS),
        y=year,
        n=rnd.randint(12, 300),
        m=rnd.randint(1000, 90000),
        p=rnd.randint(90, 99),
        no=rnd.randint(1, 120),
        firm=rnd.choice(FIRMS),
        notary=rnd.choice(NOTARIES),
        lab=rnd.choice(LABS),
    )


def _body(rnd: random.Random, key: str, year: int) -> str:
    pool = SENTENCES.get(key, SENTENCES["general"])
    sentences = rnd.sample(pool, k=min(len(pool), rnd.randint(3, 5)))
    sentences += rnd.sample(SENTENCES["general"], k=2)
    paragraphs = [
        " ".join(_fill(s, rnd, year) for s in sentences[i : i + 2])
        for i in range(0, len(sentences), 2)
    ]
    return "\n\n".join(paragraphs)


def _when(rnd: random.Random, year: int, today: date) -> tuple[date, datetime]:
    last = today if year == today.year else date(year, 12, 31)
    published = date(year, 1, 2) + timedelta(days=rnd.randint(0, (last - date(year, 1, 2)).days))
    # Most items go out within a couple of weeks; a few later than 20 working days.
    written = published - timedelta(days=rnd.choice([1, 2, 3, 5, 7, 10, 14, 40]))
    at = datetime.combine(published, time(9 + rnd.randint(0, 8), rnd.randint(0, 59)))
    return written, timezone.make_aware(at)


def _summary(body: str) -> str:
    first = body.strip().split("。", 1)[0].strip()
    return (first[:78] + "…") if len(first) > 78 else first + "。"


def _rows(rnd, today, orgs, topics, categories):
    rows = []
    years = list(range(today.year - 6, today.year + 1))
    codes, weights = zip(*[(k, w) for k, (w, _) in MIX.items()], strict=True)
    district_codes = list(DISTRICT_TITLES)
    seen: set[tuple[int, str]] = set()
    for _ in range(COUNT):
        # A title is published once per organization: draws that repeat one are tried again,
        # and a row that finds no new title is left out (the count is printed as loaded).
        for _attempt in range(8):
            year = rnd.choice(years)
            org = orgs["shsfj"] if rnd.random() < 0.7 else rnd.choice(orgs["districts"])
            if org is orgs["shsfj"]:
                code = rnd.choices(codes, weights)[0]
                title = _fill(rnd.choice(TITLES[code]), rnd, year)
            else:  # a district bureau publishes its own work, under its own name
                code = rnd.choice(district_codes)
                title = _fill(rnd.choice(DISTRICT_TITLES[code]), rnd, year, org)
            if (org.pk, title) not in seen:
                break
        else:
            continue
        seen.add((org.pk, title))
        written, published = _when(rnd, year, today)
        rows.append(
            {
                "organization_id": org.pk,
                "title": title,
                "summary": "",
                "body": _body(rnd, code, year),
                "doc_number": f"沪司规〔{year}〕{rnd.randint(1, 20)}号" if code == "xzcf" else "",
                "written_on": written,
                "published_at": published,
                "topic_id": topics[code].pk,
                "category_id": categories[MIX[code][1]].pk,
                "kind": ItemKind.GENERAL,
                "validity": Validity.VALID,
                "keywords": " ".join(
                    rnd.sample(["司法行政", "政务公开", topics[code].name, "上海"], 2)
                ),
            }
        )
    for number, (title, code) in enumerate(NORMATIVE, start=1):
        year = years[number % len(years)]
        written, published = _when(rnd, year, today)
        body = _body(rnd, code, year)
        for kind, suffix, topic in (
            (ItemKind.NORMATIVE, "", "gfxwj"),
            (ItemKind.INTERPRETATION, "》政策解读", "zcjd"),
        ):
            rows.append(
                {
                    "organization_id": orgs["shsfj"].pk,
                    "title": f"《{title}{suffix}" if suffix else title,
                    "summary": f"{'解读' if suffix else '印发'}《{title}》。",
                    "body": body
                    if not suffix
                    else "一、制定背景\n\n"
                    + body
                    + "\n\n二、主要内容\n\n"
                    + _body(rnd, code, year),
                    "doc_number": "" if suffix else f"沪司规〔{year}〕{number}号",
                    "written_on": written,
                    "published_at": published + (timedelta(hours=2) if suffix else timedelta()),
                    "topic_id": topics[topic].pk,
                    "category_id": categories["zcfg"].pk,
                    "kind": kind,
                    "validity": Validity.VALID,
                    "keywords": f"规范性文件 {topics[code].name}",
                }
            )
    for year in years[:-1]:
        written, published = _when(
            rnd,
            year + 1,
            today.replace(month=1, day=31) if year + 1 == today.year else date(year + 1, 1, 31),
        )
        rows.append(
            {
                "organization_id": orgs["shsfj"].pk,
                "title": f"{year}年上海市司法局政府信息公开工作年度报告",
                "summary": f"{year}年度政府信息公开工作情况。",
                "body": f"根据《中华人民共和国政府信息公开条例》要求，编制{year}年上海市司法局政府信息公开工作年度报告。\n\n"
                + _body(rnd, "general", year),
                "doc_number": "",
                "written_on": written,
                "published_at": published,
                "topic_id": topics["ndbg"].pk,
                "category_id": categories["qt"].pk,
                "kind": ItemKind.ANNUAL_REPORT,
                "validity": Validity.VALID,
                "keywords": "年度报告 政府信息公开",
            }
        )
    # Leadership and appointments are listed by the analytics ranking in the seed report.
    for n in range(10):
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
        year = rnd.choice(years)
        written, published = _when(rnd, year, today)
        leader = n < 4
        rows.append(
            {
                "organization_id": orgs["shsfj"].pk,
                "title": f"{name}同志简历" if leader else f"关于{name}同志职务任免的通知",
                "summary": "",
                "body": (
                    f"{name}，男，汉族，中共党员，研究生学历，法学硕士。现任上海市司法局{rnd.choice(POSTS)}。\n\n负责律师、公证、司法鉴定等方面工作。"
                    if leader
                    else f"经局党委研究决定：任命{name}同志为上海市司法局{rnd.choice(POSTS)}，试用期一年。"
                ),
                "doc_number": "" if leader else f"沪司任〔{year}〕{n}号",
                "written_on": written,
                "published_at": published,
                "topic_id": topics["ldjs" if leader else "rsrm"].pk,
                "category_id": categories["qt"].pk,
                "kind": ItemKind.GENERAL,
                "validity": Validity.VALID,
                "keywords": "领导介绍" if leader else "人事任免",
            }
        )
    for row in rows:
        # 内容概述: the body's first sentence, as offices usually write it.
        row["summary"] = row["summary"] or _summary(row["body"])
    return rows


GUIDE = """一、总则

为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。需要获得本机关政府信息公开服务的公民、法人或者其他组织，建议阅读本指南。

二、主动公开

本机关主动公开的政府信息，通过“上海司法行政”门户网站政府信息公开专栏发布，并可在市档案馆、市图书馆等政府信息公开查阅点查阅。信息自形成或者变更之日起20个工作日内予以公开。

三、依申请公开

公民、法人或者其他组织可以向本机关申请获取政府信息。申请可以当面提交、邮政寄送，也可以通过网上申请平台提交。本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。

四、监督和救济

公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。"""


def load(stdout) -> list[str]:
    root = Organization.objects.get(code="shsfj")
    leader = User.objects.get(username="leader")
    services.guide_save(organization=root, actor=leader, body=GUIDE)
    if Item.objects.filter(organization=root).exists():
        count = sync.rebuild()
        stdout.write(f"主动公开演示数据已存在（已发布 {count} 条），已重建检索索引。")
        return []
    rnd = random.Random(SEED)
    today = timezone.localdate()
    orgs = {
        "shsfj": root,
        "districts": list(
            Organization.objects.filter(code__endswith="-sfj").order_by("sort_order")
        ),
    }
    topics = {t.code: t for t in Topic.objects.all()}
    categories = {c.code: c for c in Category.objects.all()}
    importing.import_published(_rows(rnd, today, orgs, topics, categories))
    if settings.GONGKAI_DEMO_ARCHIVE:
        # Before the reports' demo publishes the 2018 report, which counts them.
        stdout.write(
            f"正在载入{demo_archive.FIRST_YEAR}—{demo_archive.LAST_YEAR}年的历史主动公开信息"
            f"（{demo_archive.TOTAL}条）……"
        )
        importing.import_published(list(demo_archive.rows(root.pk, topics, categories)), workers=1)
    # Link each interpretation to its document (they were imported in pairs).
    for reading in Item.objects.filter(kind=ItemKind.INTERPRETATION, interprets__isnull=True):
        title = reading.title.removeprefix("《").removesuffix("》政策解读")
        reading.interprets = Item.objects.filter(kind=ItemKind.NORMATIVE, title=title).first()
        reading.save(update_fields=["interprets"])
    _workflow_examples(rnd, root, topics, categories, today)
    sync.apply_pending()
    return [_summary_line]


def _summary_line() -> str:
    """What the catalog shows once every app's demo has loaded (guides publish items too)."""
    counts = dict(
        Item.objects.values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    return (
        f"主动公开演示信息：已发布 {counts.get(ItemStatus.PUBLISHED, 0)} 条，"
        f"草稿 {counts.get(ItemStatus.DRAFT, 0)} 条、审核中 {counts.get(ItemStatus.IN_REVIEW, 0)} 条、"
        f"已撤回 {counts.get(ItemStatus.WITHDRAWN, 0)} 条；检索索引已建立。"
    )


def _workflow_examples(rnd, root, topics, categories, today):
    """Items made through the real services: drafts, reviews at each stage, withdrawals."""
    clerk = User.objects.get(username="clerk")
    chief = User.objects.get(username="chief")
    legal = User.objects.get(username="legal")
    leader = User.objects.get(username="leader")
    office = clerk.organization.organ()  # a 处室 publishes in its agency's name
    written = today - timedelta(days=3)

    def draft(title, code, body_key):
        return services.item_create(
            actor=clerk,
            organization=office,
            data={
                "title": title,
                "body": _body(rnd, body_key, today.year),
                "written_on": written,
                "topic": topics[code],
                "category": categories["yw"],
            },
        )

    draft(f"{today.year}年第二季度律师行业投诉处理情况", "lsgl", "lsgl")
    draft("关于调整公证服务收费标准的公告（征求意见稿）", "gzgl", "gzgl")
    returned = draft("关于公布司法鉴定投诉处理结果的通知", "sfjd", "sfjd")
    services.item_submit(item=returned, actor=clerk)
    services.item_return(
        item=returned,
        actor=chief,
        opinion="附件中的投诉人姓名和电话须作遮盖处理后再报。",
        confidentiality=Confidentiality.REDACTED,
    )
    waiting = [
        (f"{today.year}年上半年法律援助案件质量评估情况", "flyz", []),
        ("关于开展人民调解“枫桥式”工作法示范点创建的通知", "rmtj", [chief]),
        ("上海市司法鉴定机构诚信等级评估结果", "sfjd", [chief]),
        ("关于对部分律师事务所行政处罚情况的通报", "xzcf", [chief, legal]),
        (f"{today.year}年法律职业资格考试考务安排", "flzyzg", [chief, legal]),
    ]
    for title, code, approvers in waiting:
        item = draft(title, code, code if code in SENTENCES else "general")
        services.item_submit(item=item, actor=clerk)
        for reviewer in approvers:
            services.item_approve(
                item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意。"
            )
    done = draft("关于公布基层法律服务所年度考核结果的公告", "qt", "general")
    services.item_submit(item=done, actor=clerk)
    for reviewer in (chief, legal, leader):
        services.item_approve(
            item=done, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意。"
        )
    for item in Item.objects.filter(topic=topics["xzcf"], status=ItemStatus.PUBLISHED).order_by(
        "pk"
    )[:3]:
        services.item_withdraw(
            item=item, actor=leader, reason="行政处罚决定公示期限届满，依规定撤下。"
        )
    for item in Item.objects.filter(kind=ItemKind.NORMATIVE).order_by("published_at")[:2]:
        services.item_set_validity(
            item=item,
            actor=leader,
            validity=Validity.REPEALED,
            changed_on=max(item.written_on, today - timedelta(days=30)),
        )
