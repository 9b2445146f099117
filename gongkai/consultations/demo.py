"""Demo consultations: the seed office's 2018 (207 = 112 by phone + 86 in person + 9 online),
a few common questions published as Q&A, and two online questions waiting for an answer."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organization, User

from . import services
from .models import Consultation, ConsultationChannel

YEAR = 2018
COUNTS = {ConsultationChannel.PHONE: 112, ConsultationChannel.IN_PERSON: 86}
COUNTS[ConsultationChannel.ONLINE] = 9
TOPICS = [
    ("如何申请政府信息公开", "可通过门户网站在线申请，或到受理点当面提交、以信函方式提交申请。"),
    ("申请办理进度查询", "凭申请编号和查询码可在网上查询办理进度，也可致电受理点查询。"),
    ("答复期限", "自收到申请之日起20个工作日内答复；需要延长的，最长延长20个工作日。"),
    ("是否收费", "一般不收费；申请数量、频次明显超过合理范围的，按规定收取信息处理费。"),
    ("司法鉴定机构信息查询", "司法鉴定机构名录及年度检查结果已在公开目录“司法鉴定”栏目主动公开。"),
    ("律师执业信息查询", "律师执业信息可通过“上海司法行政”网站律师查询栏目查询。"),
    ("公证处信息查询", "公证机构名录、收费标准已主动公开，可在公开目录中查阅。"),
    ("补正申请", "收到补正告知后，请在补正期限内按告知书所列事项补充材料。"),
    ("不服答复如何救济", "可在收到答复之日起60日内申请行政复议，或在6个月内提起行政诉讼。"),
]
PUBLISHED = [
    ("申请政府信息公开有哪些方式？", 0),
    ("提交申请后怎样查询办理进度？", 1),
    ("申请政府信息公开多久能得到答复？", 2),
    ("申请政府信息公开需要交费吗？", 3),
    ("在哪里可以查询司法鉴定机构的年度检查结果？", 4),
    ("对政府信息公开答复不服怎么办？", 8),
]
WAITING = [
    ("申请材料", "邮寄申请需要附身份证复印件吗？", "钱程", "qiancheng@example.com"),
    ("公开范围", "行政处罚决定书会主动公开吗？在哪里能查到？", "邹敏", "13800002222"),
]


def _load_2018(root, clerk) -> int:
    if Consultation.objects.filter(organization=root, asked_on__year=YEAR).exists():
        return 0
    rng = random.Random(207)
    made = []
    for channel, count in COUNTS.items():
        for _ in range(count):
            topic, answer = rng.choice(TOPICS)
            day = date(YEAR, 1, 2) + timedelta(days=rng.randint(0, 361))
            made.append(
                services.consultation_log(
                    organization=root,
                    actor=clerk,
                    channel=channel,
                    topic=topic,
                    asked_on=day,
                    answer=answer,
                )
            )
    for question, topic_index in PUBLISHED:
        topic, answer = TOPICS[topic_index]
        source = next(c for c in made if c.topic == topic)
        services.consultation_publish(
            consultation=source, actor=clerk, question=question, answer=answer
        )
    return len(made)


def _load_this_year(root, clerk) -> int:
    """This year so far, about as busy as 2018 (a little over half by phone), for the
    dashboard's monthly chart."""
    today = timezone.localdate()
    start = date(today.year, 1, 1)
    mine = Consultation.objects.filter(organization=root, asked_on__gte=start)
    if mine.filter(recorded_by__isnull=False).exists() or today == start:
        return 0
    rng = random.Random(today.year)
    channels, weights = zip(*COUNTS.items(), strict=True)
    made = 0
    for offset in range((today - start).days):
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            topic, answer = rng.choice(TOPICS)
            services.consultation_log(
                organization=root,
                actor=clerk,
                channel=rng.choices(channels, weights)[0],
                topic=topic,
                asked_on=start + timedelta(days=offset),
                answer=answer,
            )
            made += 1
    return made


def _load_waiting(root) -> int:
    if Consultation.objects.filter(organization=root, asker_name=WAITING[0][2]).exists():
        return 0
    for topic, question, name, contact in WAITING:
        services.consultation_ask(
            organization=root, topic=topic, question=question, asker_name=name, contact=contact
        )
    return len(WAITING)


@transaction.atomic
def load(stdout) -> list[str]:
    root = Organization.objects.get(code="shsfj")
    clerk = User.objects.get(username="clerk")
    old, recent = _load_2018(root, clerk), _load_this_year(root, clerk)
    waiting = _load_waiting(root)
    stdout.write(
        f"咨询：新增 {YEAR} 年 {old} 人次、今年 {recent} 人次，网上提问待答复 {waiting} 件。"
    )
    return ["咨询：工作台 /staff/consultations/ ；公众问答 /consultations/"]
