"""Demo proposal replies: the seed office's 2018 column (17 replies, 主合办, all published),
and this year's work under way."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organization, User

from . import services
from .models import HandlingRole, Proposal, ProposalKind

YEAR = 2018
N, C = ProposalKind.NPC_SUGGESTION, ProposalKind.CPPCC_PROPOSAL
LEAD, CO = HandlingRole.LEAD, HandlingRole.CO
TITLES_2018 = [
    (N, LEAD, "关于进一步规范司法鉴定收费的建议", "王海波代表"),
    (N, LEAD, "关于加强公证机构执业监管的建议", "李秀英代表"),
    (C, LEAD, "关于推进公共法律服务实体平台建设的提案", "陈立新委员"),
    (C, CO, "关于加强社区矫正对象教育帮扶的提案", "张晓云委员"),
    (N, LEAD, "关于完善律师调解制度的建议", "刘建国代表"),
    (N, CO, "关于加强人民调解员队伍建设的建议", "赵丽代表"),
    (C, LEAD, "关于扩大法律援助覆盖面的提案", "孙志文委员"),
    (C, CO, "关于推进法治宣传教育进社区的提案", "周雅琴委员"),
    (N, LEAD, "关于优化12348公共法律服务热线的建议", "吴卫东代表"),
    (N, LEAD, "关于加强司法鉴定机构准入管理的建议", "郑春梅代表"),
    (C, LEAD, "关于推动律师参与涉法涉诉信访工作的提案", "冯晨委员"),
    (C, CO, "关于完善刑满释放人员安置帮教的提案", "黄丹委员"),
    (N, CO, "关于推进公证“最多跑一次”改革的建议", "林浩代表"),
    (N, LEAD, "关于加强法律职业资格考试服务的建议", "何佳代表"),
    (C, LEAD, "关于提升基层法律服务所服务能力的提案", "高斌委员"),
    (C, CO, "关于加强涉外法律服务人才培养的提案", "罗颖委员"),
    (N, LEAD, "关于规范司法鉴定人出庭作证的建议", "梁鹏代表"),
]
OPEN = [
    (N, LEAD, "关于推进司法鉴定机构信息公开的建议", "许文代表"),
    (C, CO, "关于加强未成年人法律援助的提案", "韩梅委员"),
]
REPLY = (
    "{proposer}：\n\n您提出的《{title}》收悉。经认真研究，现答复如下：\n\n"
    "一、我局高度重视您提出的问题，已会同相关部门开展专题调研。\n"
    "二、下一步，我局将进一步完善相关制度，加强监督检查，并及时向社会公开工作进展。\n\n"
    "感谢您对司法行政工作的关心和支持。\n\n上海市司法局\n{day}"
)


def _load_2018(root, clerk) -> int:
    if Proposal.objects.filter(organization=root, received_on__year=YEAR).exists():
        return 0
    for n, (kind, role, title, proposer) in enumerate(TITLES_2018, start=1):
        received = date(YEAR, 3, 1) + timedelta(days=n)
        p = services.proposal_register(
            organization=root,
            actor=clerk,
            kind=kind,
            role=role,
            number=f"第{n * 37:04d}号",
            title=title,
            proposer=proposer,
            received_on=received,
            due_on=received + timedelta(days=90),
        )
        day = received + timedelta(days=60 + n)
        services.proposal_reply(
            proposal=p,
            actor=clerk,
            reply=REPLY.format(proposer=proposer, title=title, day=f"{day:%Y年%-m月%-d日}"),
            replied_on=day,
        )
        services.proposal_publish(proposal=p, actor=clerk)
    return len(TITLES_2018)


def _load_open(root, clerk) -> int:
    if Proposal.objects.filter(organization=root, title=OPEN[0][2]).exists():
        return 0
    received = timezone.localdate() - timedelta(days=40)
    for n, (kind, role, title, proposer) in enumerate(OPEN, start=1):
        services.proposal_register(
            organization=root,
            actor=clerk,
            kind=kind,
            role=role,
            number=f"第{n:04d}号",
            title=title,
            proposer=proposer,
            received_on=received,
            due_on=received + timedelta(days=90),
        )
    return 2


REPLIED_THIS_YEAR = [
    (5, N, LEAD, "关于完善公共法律服务网络平台的建议", "曹立代表"),
    (6, C, LEAD, "关于加强司法鉴定质量监管的提案", "彭晓委员"),
    (7, N, CO, "关于推进律师行业党建工作的建议", "曾宇代表"),
]


def _load_replied_this_year(root, clerk) -> int:
    today = timezone.localdate()
    if Proposal.objects.filter(organization=root, title=REPLIED_THIS_YEAR[0][3]).exists():
        return 0
    made = 0
    for month, kind, role, title, proposer in REPLIED_THIS_YEAR:
        received = date(today.year, 3, 5)
        replied = date(today.year, month, 20)
        if replied >= today:
            continue
        p = services.proposal_register(
            organization=root,
            actor=clerk,
            kind=kind,
            role=role,
            number=f"第{100 + month:04d}号",
            title=title,
            proposer=proposer,
            received_on=received,
            due_on=received + timedelta(days=90),
        )
        day = f"{replied:%Y年%-m月%-d日}"
        text = REPLY.format(proposer=proposer, title=title, day=day)
        services.proposal_reply(proposal=p, actor=clerk, reply=text, replied_on=replied)
        services.proposal_publish(proposal=p, actor=clerk)
        made += 1
    return made


@transaction.atomic
def load(stdout) -> list[str]:
    root = Organization.objects.get(code="shsfj")
    clerk = User.objects.get(username="clerk")
    old, new = _load_2018(root, clerk), _load_open(root, clerk)
    recent = _load_replied_this_year(root, clerk)
    stdout.write(
        f"建议提案：新增 {YEAR} 年已答复并公开 {old} 件、今年已答复 {recent} 件、办理中 {new} 件。"
    )
    return ["建议提案：工作台 /staff/proposals/ ；公开栏目 /proposals/"]
