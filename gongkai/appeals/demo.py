"""Demo appeals: 上海市司法局's 2018 as its annual report counts them, plus open cases.

Seed report: 行政复议 23 件（维持 17、其他情形 6）; 行政诉讼 11 件（维持或驳回诉讼请求 6、其他情形 5）.
The legacy report does not split lawsuits into 直接起诉 and 复议后起诉: the demo files 8 directly
and 3 after review. Reviews and lawsuits are filed on 2018 applications answered 信息不存在 or
告知通过其他途径办理, the answers such cases usually dispute.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organization, User
from gongkai.applications.models import Application, Outcome
from gongkai.lib import workdays

from . import services
from .models import Appeal, AppealKind, AppealResult

YEAR = 2018
R, D, A = AppealKind.REVIEW, AppealKind.LITIGATION_DIRECT, AppealKind.LITIGATION_AFTER_REVIEW
UPHELD, OTHER = AppealResult.UPHELD, AppealResult.OTHER
CASES = [(R, UPHELD)] * 17 + [(R, OTHER)] * 6 + [(D, UPHELD)] * 4 + [(D, OTHER)] * 4
CASES += [(A, UPHELD)] * 2 + [(A, OTHER)]
REVIEW_BODY = "上海市人民政府"
COURTS = ["上海市徐汇区人民法院", "上海市黄浦区人民法院", "上海市第三中级人民法院"]
OTHER_NOTES = ["申请人撤回复议申请，终止审理", "驳回行政复议申请", "原告撤诉，准予撤诉"]


def _case_number(kind: AppealKind, year: int, n: int) -> str:
    if kind == AppealKind.REVIEW:
        return f"沪府复字〔{year}〕第{100 + n}号"
    return f"（{year}）沪0104行初{200 + n}号"


def _load_2018(root, clerk) -> int:
    if Appeal.objects.filter(organization=root, filed_on__year=YEAR).exists():
        return 0
    disputed = list(
        Application.objects.filter(
            organization=root,
            year=YEAR,
            outcome__in=[Outcome.UNABLE_NOT_HELD, Outcome.WITHHELD_ADMINISTRATIVE_QUERY],
            replied_on__lte=date(YEAR, 10, 31),
        ).order_by("pk")
    )
    rng = random.Random(2018)
    chosen = rng.sample(disputed, min(len(CASES), len(disputed)))
    for n, ((kind, result), app) in enumerate(zip(CASES, chosen, strict=False), start=1):
        filed = min(app.replied_on + timedelta(days=rng.randint(20, 55)), date(YEAR, 11, 30))
        body = REVIEW_BODY if kind == AppealKind.REVIEW else rng.choice(COURTS)
        appeal = services.appeal_file(
            organization=root,
            actor=clerk,
            kind=kind,
            appellant=app.applicant_name,
            body=body,
            subject=f"不服本机关对申请 {app.tracking_number} 作出的政府信息公开答复",
            filed_on=filed,
            application=app,
            case_number=_case_number(kind, YEAR, n),
        )
        decided = min(filed + timedelta(days=rng.randint(40, 75)), date(YEAR, 12, 28))
        services.appeal_decide(
            appeal=appeal,
            actor=clerk,
            result=result,
            decided_on=decided,
            note="" if result == UPHELD else rng.choice(OTHER_NOTES),
        )
    return len(chosen)


def _open_numbers(today: date) -> list[str]:
    return [f"沪府复字〔{today.year}〕第18号", f"（{today.year}）沪0104行初57号"]


def _load_open(root, clerk) -> int:
    """Two cases under way, with a hearing and a deadline a few working days ahead."""
    today = timezone.localdate()
    if Appeal.objects.filter(organization=root, case_number__in=_open_numbers(today)).exists():
        return 0
    filed = workdays.add_workdays(today, -12)
    services.appeal_file(
        organization=root,
        actor=clerk,
        kind=AppealKind.REVIEW,
        appellant="周建国",
        body=REVIEW_BODY,
        subject="认为本机关未在法定期限内公开律师事务所年度检查考核结果",
        filed_on=filed,
        case_number=_open_numbers(today)[0],
        deadline_on=workdays.add_workdays(today, 3),
    )
    services.appeal_file(
        organization=root,
        actor=clerk,
        kind=AppealKind.LITIGATION_DIRECT,
        appellant="上海明诚律师事务所",
        body=COURTS[0],
        subject="请求撤销本机关作出的不予公开告知书",
        filed_on=filed,
        case_number=_open_numbers(today)[1],
        hearing_on=workdays.add_workdays(today, 8),
        deadline_on=workdays.add_workdays(today, 5),
    )
    return 2


DECIDED_THIS_YEAR = [
    (3, AppealKind.REVIEW, "吴振华", AppealResult.UPHELD),
    (6, AppealKind.REVIEW, "上海衡平律师事务所", AppealResult.UPHELD),
    (8, AppealKind.LITIGATION_AFTER_REVIEW, "吴振华", AppealResult.OTHER),
]


def _load_decided_this_year(root, clerk) -> int:
    """Cases of this year already decided, so that the monthly chart has a history."""
    today = timezone.localdate()
    numbers = [_case_number(kind, today.year, 50 + m) for m, kind, *_ in DECIDED_THIS_YEAR]
    if Appeal.objects.filter(organization=root, case_number__in=numbers).exists():
        return 0
    made = 0
    for (month, kind, appellant, result), number in zip(DECIDED_THIS_YEAR, numbers, strict=True):
        filed = date(today.year, month, 10)
        decided = filed + timedelta(days=45)
        if decided >= today:
            continue
        appeal = services.appeal_file(
            organization=root,
            actor=clerk,
            kind=kind,
            appellant=appellant,
            body=REVIEW_BODY if kind == AppealKind.REVIEW else COURTS[2],
            subject="认为本机关未主动公开行政处罚决定",
            filed_on=filed,
            case_number=number,
        )
        services.appeal_decide(appeal=appeal, actor=clerk, result=result, decided_on=decided)
        made += 1
    return made


@transaction.atomic
def load(stdout) -> list[str]:
    root = Organization.objects.get(code="shsfj")
    clerk = User.objects.get(username="clerk")
    old, new = _load_2018(root, clerk), _load_open(root, clerk)
    decided = _load_decided_this_year(root, clerk)
    stdout.write(f"复议诉讼：新增 {YEAR} 年 {old} 件、今年已审结 {decided} 件、审理中 {new} 件。")
    return ["复议诉讼：工作台 /staff/appeals/"]
