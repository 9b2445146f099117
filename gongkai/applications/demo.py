"""Demo caseload: 上海市司法局's 263 applications of 2018, as its annual report counts them,
plus a dozen open cases at various points of the clock, dated back from today.

2018 figures (seed report): 97 in person, 118 online, 48 by letter; 同意公开和部分公开 110,
信息不存在 95, 告知通过其他途径办理 36, 非本机关职责权限范围 10, 告知作出更改补充 7,
非《条例》所指政府信息 5; topics 44.49% 司法鉴定, 17.87% 律所和公证处, 15.21% 执业人员资质.
The 2018 register is loaded as historical records (events dated when they happened); the open
cases go through the services like any new case.
"""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organization, User
from gongkai.catalog.models import Topic
from gongkai.lib import workdays

from . import clock as clock_rules
from . import services, signoff
from .models import (
    Application,
    ApplicationEvent,
    Channel,
    EventKind,
    ReceiptBasis,
    SignoffKind,
    Status,
    TrackingCounter,
)
from .outcomes import LegacyOutcome, Outcome
from .validators import resident_id_check_char, uscc_check_char

YEAR = 2018
CHANNELS = {Channel.IN_PERSON: 97, Channel.ONLINE: 118, Channel.LETTER: 48}
# (2021 leaf, legacy category, count): the legacy counts are the report's.
OUTCOMES = [
    (Outcome.DISCLOSED, LegacyOutcome.DISCLOSED, 92),
    (Outcome.PARTIALLY_DISCLOSED, LegacyOutcome.PARTIALLY_DISCLOSED, 18),
    (Outcome.UNABLE_NOT_HELD, LegacyOutcome.NOT_EXIST, 95),
    (Outcome.WITHHELD_ADMINISTRATIVE_QUERY, LegacyOutcome.OTHER_CHANNEL, 27),
    (Outcome.NOT_PROCESSED_PUBLICATION, LegacyOutcome.OTHER_CHANNEL, 4),
    (Outcome.NOT_PROCESSED_PETITION, LegacyOutcome.OTHER_CHANNEL, 5),
    (Outcome.UNABLE_NOT_HELD, LegacyOutcome.NOT_OUR_AUTHORITY, 10),
    (Outcome.OTHER_NO_CORRECTION, LegacyOutcome.CORRECTION_REQUESTED, 7),
    (Outcome.NOT_PROCESSED_CONFIRM_OR_REISSUE, LegacyOutcome.NOT_GOVERNMENT_INFORMATION, 3),
    (Outcome.NOT_PROCESSED_PETITION, LegacyOutcome.NOT_GOVERNMENT_INFORMATION, 2),
]
KINDS = {
    "natural_person": 221,
    "legal_service": 24,
    "commercial": 12,
    "other_org": 3,
    "research": 2,
    "social_welfare": 1,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢傅钟姜崔谭陆范汪廖石金贾夏韦付方邹熊白孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌晨辰宇浩鹏慧佳颖雪琳晓云峰建国志文海波春梅立新卫东雅琴丹蕾"
DISTRICTS = ["黄浦", "徐汇", "长宁", "静安", "普陀", "虹口", "杨浦", "闵行", "宝山", "嘉定", "浦东"]
AREA_CODES = [
    "310101",
    "310104",
    "310105",
    "310106",
    "310107",
    "310109",
    "310110",
    "310112",
    "310113",
    "310115",
]
ROADS = [
    "漕溪北路",
    "肇嘉浜路",
    "南京西路",
    "四川北路",
    "延安西路",
    "中山北路",
    "世纪大道",
    "淮海中路",
    "曹杨路",
    "长阳路",
]
ORG_NAMES = {
    "legal_service": ["上海{}律师事务所", "31310000"],
    "commercial": ["上海{}科技有限公司", "91310000"],
    "research": ["上海{}法学研究所", "12310000"],
    "social_welfare": ["上海{}公益基金会", "53310000"],
    "other_org": ["上海市{}区某小区业主委员会", "Y1310000"],
}
FIRM_WORDS = [
    "明诚",
    "正源",
    "衡平",
    "同信",
    "君道",
    "申立",
    "博瀚",
    "中和",
    "恒信",
    "德勤",
    "汇业",
    "锦程",
    "东方",
    "融达",
    "华政",
    "新民",
]
# The seed's subjects as topics of the office's vocabulary ("44.49%涉及司法鉴定信息…"): (code,
# name) of the term each group of TOPICS below is filed under; the last group is split over two.
TOPIC_TERMS = [
    [("sfjd", "司法鉴定")],
    [("lsgzjg", "律师事务所和公证处")],
    [("zyzz", "律师公证员司法鉴定人资质")],
    [("rmtj", "人民调解"), ("czyjs", "财经")],
]
TOPICS = [
    (
        117,
        [
            "申请公开上海{org}司法鉴定所{y}年度司法鉴定许可证及业务范围变更的审批材料",
            "申请公开对{org}司法鉴定中心投诉的调查处理结果",
            "申请公开{y}年度本市司法鉴定机构年度检查结果及被责令整改的机构名单",
            "申请公开{org}司法鉴定所被行政处罚的决定书",
            "申请公开本市法医临床司法鉴定收费标准的依据文件",
        ],
    ),
    (
        47,
        [
            "申请公开上海{org}律师事务所设立许可的审批文件",
            "申请公开上海市{d}公证处{y}年度考核结果",
            "申请公开{org}律师事务所{y}年度检查考核意见",
            "申请公开{d}公证处变更办公地址的备案材料",
        ],
    ),
    (
        40,
        [
            "申请公开律师{name}的执业证颁发日期及执业机构变更记录",
            "申请公开公证员{name}的任命文件",
            "申请公开司法鉴定人{name}的执业登记信息及执业类别",
            "申请公开{name}律师受到行业处分的情况",
        ],
    ),
    (
        59,
        [
            "申请公开{d}区{y}年人民调解委员会补贴经费的发放标准",
            "申请公开上海市司法局{y}年部门决算",
            "申请公开{y}年本市法律援助经费预算及使用情况",
            "申请公开{d}区某街道人民调解委员会调解协议书",
            "申请公开上海市司法局{y}年度政府采购项目目录",
        ],
    ),
]


def _person(rng):
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 48))
    first17 = f"{rng.choice(AREA_CODES)}{born:%Y%m%d}{rng.randrange(100, 999)}"
    number = first17 + resident_id_check_char(first17)
    return name, "resident_id", number


def _organization(rng, kind):
    pattern, prefix = ORG_NAMES[kind]
    word = rng.choice(DISTRICTS) if kind == "other_org" else rng.choice(FIRM_WORDS)
    code = "".join(rng.choice("0123456789") for _ in range(9))
    return pattern.format(word), "uscc", prefix + code + uscc_check_char(prefix + code)


def _description(rng, topic):
    _, templates = TOPICS[topic]
    return rng.choice(templates).format(
        org=rng.choice(FIRM_WORDS),
        y=rng.choice((2016, 2017, 2018)),
        d=rng.choice(DISTRICTS),
        name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
    )


def _applicant(rng, kind):
    if kind == "natural_person":
        name, id_type, number = _person(rng)
        contact, rep = "", ""
    else:
        name, id_type, number = _organization(rng, kind)
        contact, rep = _person(rng)[0], _person(rng)[0]
    return {
        "applicant_kind": kind,
        "applicant_name": name,
        "id_type": id_type,
        "id_number": number,
        "legal_representative": rep,
        "contact_person": contact,
        "phone": f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
        "email": f"applicant{rng.randrange(1000, 9999)}@example.com",
        "address": f"上海市{rng.choice(DISTRICTS)}区{rng.choice(ROADS)}{rng.randrange(1, 999)}号",
        "postcode": f"200{rng.randrange(0, 999):03d}",
    }


def _shuffled(rng, counts: dict) -> list:
    items = [key for key, n in counts.items() for _ in range(n)]
    rng.shuffle(items)
    return items


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), timezone.get_current_timezone())


def _topic_terms() -> list[list[Topic]]:
    """The vocabulary terms of TOPIC_TERMS (the two the seed names that the catalog's default
    vocabulary lacks are added to it, as an office would)."""
    order = Topic.objects.count()
    terms = []
    for group in TOPIC_TERMS:
        found = []
        for code, name in group:
            topic = Topic.objects.filter(code=code).first()
            if topic is None:
                order += 1
                topic = Topic.objects.create(code=code, name=name, sort_order=order)
            found.append(topic)
        terms.append(found)
    return terms


def _abandoned_on(received: date) -> date:
    """A 2018 case without correction: notice on day 3, ten working days to correct, then closed."""
    return workdays.add_workdays(workdays.add_workdays(workdays.add_workdays(received, 3), 10), 1)


def _load_2018(root, clerk, legal) -> int:
    if Application.objects.filter(organization=root, year=YEAR).exists():
        return 0
    terms = _topic_terms()
    rng = random.Random(20180101)
    channels = _shuffled(rng, CHANNELS)
    kinds = _shuffled(rng, KINDS)
    outcomes = [(o, legacy) for o, legacy, n in OUTCOMES for _ in range(n)]
    rng.shuffle(outcomes)
    topics = _shuffled(rng, {i: n for i, (n, _) in enumerate(TOPICS)})
    days = [date(YEAR, 1, 2) + timedelta(days=i) for i in range(330)]
    workdays_2018 = [d for d in days if workdays.is_workday(d)]
    received = sorted(rng.choice(workdays_2018) for _ in range(263))
    apps, plans = [], []
    for seq, (channel, kind, (outcome, legacy), topic, on) in enumerate(
        zip(channels, kinds, outcomes, topics, received, strict=True), start=1
    ):
        basis = {
            Channel.IN_PERSON: ReceiptBasis.SUBMITTED,
            Channel.ONLINE: ReceiptBasis.ONLINE_RECEIPT,
            Channel.LETTER: ReceiptBasis.SIGNED_FOR,
        }[channel]
        submitted = on - timedelta(days=2) if channel == Channel.LETTER else on
        applicant = _applicant(rng, kind)
        abandoned = outcome == Outcome.OTHER_NO_CORRECTION
        # The 2008 条例 allowed 15 working days: every 2018 case was answered within them.
        replied = workdays.add_workdays(on, rng.randint(3, 15))
        delivered = workdays.add_workdays(replied, rng.randint(0, 3))
        apps.append(
            Application(
                organization=root,
                tracking_number=f"{root.code}-{YEAR}-{seq:06d}",
                year=YEAR,
                status=Status.ARCHIVED,
                outcome=outcome,
                legacy_outcome=legacy,
                channel=channel,
                submitted_on=submitted,
                received_on=on,
                receipt_basis=basis,
                receipt_note="挂号信" if channel == Channel.LETTER else "",
                description=_description(rng, topic),
                delivery=rng.choice(["paper", "electronic", "post", "collect"]),
                assignee=clerk,
                due_on=None if abandoned else workdays.add_workdays(on, clock_rules.REPLY_DAYS),
                replied_on=None if abandoned else replied,
                closed_on=_abandoned_on(on) if abandoned else replied,
                topic=terms[topic][seq % len(terms[topic])],
                delivered_on=None if abandoned else delivered,
                created_at=_at(on, 9, 30),
                **applicant,
            )
        )
        plans.append(
            (on, abandoned, replied, delivered, channel, basis, submitted, outcome, legacy)
        )
    Application.objects.bulk_create(apps)
    saved = dict(
        Application.objects.filter(organization=root, year=YEAR).values_list(
            "tracking_number", "pk"
        )
    )
    events = []
    for app, (on, abandoned, replied, delivered, channel, basis, submitted, outcome, legacy) in zip(
        apps, plans, strict=True
    ):
        pk = saved[app.tracking_number]

        def ev(kind, day, actor, frm, to, context=None, hour=10, pk=pk):
            events.append(
                ApplicationEvent(
                    application_id=pk,
                    kind=kind,
                    on=day,
                    at=_at(day, hour),
                    actor=actor,
                    actor_name=actor.display_name if actor else "申请人（网上提交）",
                    from_status=frm,
                    to_status=to,
                    context=context or {},
                )
            )

        ev(
            EventKind.INTAKE,
            on,
            None if channel == Channel.ONLINE else clerk,
            "",
            Status.RECEIVED,
            {
                "channel": channel.value,
                "receipt_basis": basis.value,
                "submitted_on": submitted.isoformat(),
            },
            9,
        )
        accepted = workdays.add_workdays(on, 1)
        ev(EventKind.ACCEPT, accepted, clerk, Status.RECEIVED, Status.ACCEPTED)
        if abandoned:
            notice = workdays.add_workdays(on, 3)
            correct_by = workdays.add_workdays(notice, 10)
            ev(
                EventKind.REQUEST_CORRECTION,
                notice,
                clerk,
                Status.ACCEPTED,
                Status.CORRECTION_REQUESTED,
                {
                    "items": "请写明所需信息的名称、文号或其他特征性描述，并补充身份证明复印件",
                    "correct_by": correct_by.isoformat(),
                },
            )
            end = _abandoned_on(on)
            ev(EventKind.ABANDON, end, clerk, Status.CORRECTION_REQUESTED, Status.ABANDONED)
            ev(
                EventKind.ARCHIVE,
                workdays.add_workdays(end, 2),
                clerk,
                Status.ABANDONED,
                Status.ARCHIVED,
            )
            continue
        ev(EventKind.START, accepted, clerk, Status.ACCEPTED, Status.IN_PROGRESS, hour=14)
        ev(
            EventKind.REPLY,
            replied,
            legal,
            Status.IN_PROGRESS,
            Status.REPLIED,
            {"outcome": outcome.value, "legacy_outcome": legacy.value},
        )
        ev(
            EventKind.DELIVER,
            delivered,
            clerk,
            Status.REPLIED,
            Status.DELIVERED,
            {
                "method": {"post": "邮政寄送", "electronic": "电子送达"}.get(
                    app.delivery, "直接送达"
                )
            },
            15,
        )
        ev(
            EventKind.ARCHIVE,
            workdays.add_workdays(delivered, 5),
            clerk,
            Status.DELIVERED,
            Status.ARCHIVED,
        )
    ApplicationEvent.objects.bulk_create(events, batch_size=500)
    TrackingCounter.objects.update_or_create(
        organization=root, year=YEAR, defaults={"last": len(apps)}
    )
    return len(apps)


# Open cases: (applicant, description, channel, working days since receipt, steps)
OPEN_CASES = [
    ("孙立群", "申请公开本市2025年度司法鉴定机构名册及各机构的业务范围", Channel.ONLINE, 0, []),
    (
        "上海衡平律师事务所",
        "申请公开2025年度本所年度检查考核的评定依据和考核意见",
        Channel.IN_PERSON,
        2,
        ["accept", "assign"],
    ),
    (
        "钱志远",
        "申请公开关于我投诉的司法鉴定所处理情况",
        Channel.LETTER,
        6,
        ["accept", "assign", "correction"],
    ),
    (
        "何佳颖",
        "申请公开公证员执业年度考核办法（沪司规〔2024〕号）及其起草说明",
        Channel.ONLINE,
        15,
        ["accept", "assign", "correction", "corrected", "start"],
    ),
    (
        "上海申立科技有限公司",
        "申请公开本公司作为第三方参与的公共法律服务平台采购项目合同",
        Channel.ONLINE,
        10,
        ["accept", "assign", "start", "consult"],
    ),
    (
        "周建华",
        "申请公开2019年至2025年本市律师行业处分决定汇总",
        Channel.IN_PERSON,
        22,
        ["accept", "assign", "start", "extend"],
    ),
    (
        "徐丹",
        "申请公开2025年本市法律援助经费预算及执行情况",
        Channel.ONLINE,
        18,
        # A reply drafted and waiting for the 处室负责人 (the chain's first stage).
        ["accept", "assign", "start", "draft"],
    ),
    (
        "曹敏",
        "申请公开某区人民调解委员会2025年补贴经费发放名单",
        Channel.LETTER,
        22,
        # A partial disclosure the 处室负责人 passed: waiting for 法制审核.
        ["accept", "assign", "start", "draft_partial", "division_approves"],
    ),
    (
        "上海正源律师事务所",
        "申请公开律师事务所分所设立审批的办事指南及审查标准",
        Channel.ONLINE,
        30,
        ["accept", "assign", "start", "reply", "deliver"],
    ),
]


# The clerk files each open case under the vocabulary term its subject names first.
OPEN_CASE_TOPICS = [
    ("司法鉴定", "sfjd"),
    ("律师", "lsgl"),
    ("公证", "gzgl"),
    ("法律援助", "flyz"),
    ("人民调解", "rmtj"),
]


def _open_case_topic(description: str) -> Topic | None:
    for word, code in OPEN_CASE_TOPICS:
        if word in description:
            return Topic.objects.filter(code=code).first()
    return Topic.objects.filter(code="qt").first()


def _load_open(root, staff) -> int:
    today = timezone.localdate()
    existing = set(
        Application.objects.filter(organization=root, year__gte=today.year - 1).values_list(
            "applicant_name", "description"
        )
    )
    rng = random.Random(2026)
    made = 0
    for name, description, channel, age, steps in OPEN_CASES:
        if (name, description) in existing:
            continue
        on = workdays.add_workdays(today, -age)
        kind = (
            "legal_service"
            if "律师事务所" in name
            else "commercial"
            if "公司" in name
            else "natural_person"
        )
        applicant = _applicant(rng, kind) | {"applicant_name": name}
        applicant |= {"description": description, "document_number": "", "delivery": "electronic"}
        applicant["topic"] = _open_case_topic(description)
        basis = {
            Channel.ONLINE: ReceiptBasis.ONLINE_RECEIPT,
            Channel.LETTER: ReceiptBasis.SIGNED_FOR,
        }.get(channel, ReceiptBasis.SUBMITTED)
        app, _ = services.application_intake(
            organization=root,
            data=applicant,
            channel=channel,
            submitted_on=on,
            received_on=on,
            receipt_basis=basis,
            actor=None if channel == Channel.ONLINE else staff["clerk"],
            receipt_note="EMS 签收" if channel == Channel.LETTER else "",
        )

        def day(n, on=on):
            return min(today, workdays.add_workdays(on, n))

        for step in steps:
            if step == "accept":
                services.application_accept(application=app, actor=staff["clerk"], on=day(1))
            elif step == "assign":
                services.application_assign(
                    application=app, actor=staff["chief"], assignee=staff["clerk"], email=False
                )
            elif step == "correction":
                services.application_request_correction(
                    application=app,
                    actor=staff["clerk"],
                    on=day(3),
                    items="请写明所投诉的司法鉴定所名称和投诉日期，以便检索",
                    correct_by=workdays.add_workdays(day(3), 15),
                )
            elif step == "corrected":
                services.application_receive_correction(
                    application=app, actor=staff["clerk"], on=day(age - 4)
                )
            elif step == "start":
                begin = age - 3 if "corrected" in steps else 1
                services.application_start(application=app, actor=staff["clerk"], on=day(begin))
            elif step == "consult":
                services.application_consult(
                    application=app,
                    actor=staff["clerk"],
                    on=day(age - 3),
                    party="third_party",
                    party_name="上海申立科技有限公司（合同相对方）",
                )
            elif step == "extend":
                services.application_extend(
                    application=app,
                    actor=staff["leader"],
                    on=day(18),
                    days=15,
                    reason="涉及七年的处分决定，需从档案室调取并逐件审查",
                )
            elif step == "reply":
                services.application_reply(
                    application=app,
                    actor=staff["leader"],
                    on=day(12),
                    outcome=Outcome.DISCLOSED,
                    summary="提供办事指南及审查标准的电子文本",
                    legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（一）项",
                    provided="《律师事务所分所设立审批办事指南》及审查标准（电子文本2份）",
                    access="随本告知书以电子邮件发送至申请人预留邮箱",
                    signed_by=staff["leader"].display_name,
                )
            elif step == "draft":
                signoff.signoff_submit(
                    application=app,
                    actor=staff["clerk"],
                    kind=SignoffKind.REPLY,
                    outcome=Outcome.DISCLOSED,
                    legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（一）项",
                    provided="2025年本市法律援助经费预算表及执行情况说明（电子文本）",
                    access="随本告知书以电子邮件发送至申请人预留邮箱",
                )
            elif step == "draft_partial":
                signoff.signoff_submit(
                    application=app,
                    actor=staff["clerk"],
                    kind=SignoffKind.REPLY,
                    outcome=Outcome.PARTIALLY_DISCLOSED,
                    summary="名单中人民调解员的身份证号码和银行账号属于个人隐私，公开会损害其合法权益，"
                    "已作区分处理。",
                    legal_basis="《中华人民共和国政府信息公开条例》第十五条、第三十七条",
                    provided="补贴经费发放名单（已删除身份证号码和银行账号）",
                    access="以邮政寄送方式寄至申请人通信地址",
                )
            elif step == "division_approves":
                signoff.signoff_approve(
                    request=app.signoff_requests.get(), actor=staff["chief"], comment="同意"
                )
            elif step == "deliver":
                services.application_deliver(
                    application=app, actor=staff["clerk"], on=day(13), method="电子送达"
                )
        made += 1
    return made


@transaction.atomic
def load(stdout) -> list[str]:
    root = Organization.objects.get(code="shsfj")
    staff = {
        u.username: u
        for u in User.objects.filter(username__in=["clerk", "chief", "legal", "leader"])
    }
    old = _load_2018(root, staff["clerk"], staff["legal"])
    new = _load_open(root, staff)
    total_2018 = Application.objects.filter(organization=root, year=YEAR).count()
    by_channel = Counter(
        Application.objects.filter(organization=root, year=YEAR).values_list("channel", flat=True)
    )
    stdout.write(
        f"依申请公开：{YEAR}年 {total_2018} 件（当面 {by_channel['in_person']}、网络 {by_channel['online']}、"
        f"信函 {by_channel['letter']}），本次新增 {old} 件历史记录、{new} 件在办申请。"
    )
    return ["依申请公开：工作台 /staff/applications/ ；公众申请 /apply/ ，进度查询 /apply/status/"]
