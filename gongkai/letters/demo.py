"""Demo letters: 上海市司法局's settings, and for 2026 one signed reply per outcome group
(予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理), each case walked through the
services so that its receipt, notices and reply are generated as they would be."""

from datetime import date

from django.utils import timezone

from gongkai.accounts.models import Organization, User
from gongkai.applications import services as app_services
from gongkai.applications.models import Application, Channel, ReceiptBasis
from gongkai.applications.outcomes import Outcome
from gongkai.lib import workdays

from .models import Letter, LetterKind, LetterSettings, ServiceMethod
from .services import letter_correct, service_record

YEAR = 2026
REVIEW_BODY = "上海市人民政府"
APPLICANT = {
    "applicant_kind": "natural_person",
    "id_type": "resident_id",
    "phone": "13916000000",
    "email": "",
    "address": "上海市徐汇区漕溪北路88号",
    "postcode": "200030",
    "document_number": "",
    "delivery": "electronic",
}
# (applicant, ID number, request, received, outcome, reasons, what and how, service)
CASES = [
    (
        "周建华",
        "310104198203154411",
        "申请公开2025年度本市司法鉴定机构年度检查结果通报",
        date(2026, 3, 2),
        Outcome.DISCLOSED,
        "",
        ServiceMethod.ONLINE,
    ),
    (
        "吴晓梅",
        "310105199001012327",
        "申请公开对上海某司法鉴定所投诉的调查处理结果",
        date(2026, 4, 7),
        Outcome.PARTIALLY_DISCLOSED,
        "处理结果中投诉人以外其他当事人的姓名、身份证号码属于个人隐私，依据第十五条不予公开，其余部分予以公开。",
        ServiceMethod.POST,
    ),
    (
        "上海明诚律师事务所",
        "31310000425123456X",
        "申请公开某律师事务所2025年度检查考核的全部审查材料",
        date(2026, 5, 11),
        Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
        "所申请的审查材料含有该律师事务所的财务数据和客户信息，属于商业秘密，"
        "经书面征求意见，该所不同意公开且理由合理。",
        ServiceMethod.IN_PERSON,
    ),
    (
        "郑立新",
        "310110197506063012",
        "申请公开2010年本市公证员执业年度考核的原始记录",
        date(2026, 6, 8),
        Outcome.UNABLE_NOT_HELD,
        "经检索本机关档案，未制作或获取2010年公证员执业年度考核原始记录，该项考核由市公证协会组织实施。",
        None,
    ),
    (
        "王丽娟",
        "310112198811113528",
        "再次申请公开2025年度本市司法鉴定机构年度检查结果通报",
        date(2026, 7, 6),
        Outcome.NOT_PROCESSED_DUPLICATE,
        "本机关已于2026年3月就相同内容作出答复（申请编号见前次答复）。",
        None,
    ),
    (
        "刘志强",
        "310113196912124430",
        "申请公开相关处理决定",
        date(2026, 8, 3),
        Outcome.OTHER_NO_CORRECTION,
        "",
        None,
    ),
]


def _walk(root, staff, case) -> Application | None:
    name, id_number, description, received, outcome, reasons, method = case
    data = APPLICANT | {"applicant_name": name, "id_number": id_number, "description": description}
    if name.endswith("律师事务所"):
        data |= {"applicant_kind": "legal_service", "id_type": "uscc", "contact_person": "陈律师"}
    app, _ = app_services.application_intake(
        organization=root,
        data=data,
        channel=Channel.IN_PERSON,
        submitted_on=received,
        received_on=received,
        receipt_basis=ReceiptBasis.SUBMITTED,
        actor=staff["clerk"],
    )

    def day(n):
        return workdays.add_workdays(received, n)

    clerk, leader = staff["clerk"], staff["leader"]
    app_services.application_accept(application=app, actor=clerk, on=day(1))
    if outcome == Outcome.OTHER_NO_CORRECTION:
        app_services.application_request_correction(
            application=app,
            actor=clerk,
            on=day(3),
            items="请写明所申请的处理决定的作出机关、大致时间和涉及的当事人或事项",
            correct_by=day(13),
        )
        app_services.application_abandon(application=app, actor=clerk, on=day(14))
        return app
    app_services.application_start(application=app, actor=clerk, on=day(2))
    if outcome == Outcome.WITHHELD_THIRD_PARTY_RIGHTS:
        app_services.application_consult(
            application=app,
            actor=clerk,
            on=day(4),
            party="third_party",
            party_name="上海明诚律师事务所以外的被考核律师事务所",
        )
        app_services.application_end_consultation(
            application=app,
            actor=clerk,
            on=day(12),
            result="书面回复不同意公开，理由为涉及商业秘密",
        )
        app_services.application_extend(
            application=app,
            actor=leader,
            on=day(18),
            days=10,
            reason="征求第三方意见后需逐页审查审查材料",
        )
    # After the consultation and the extension when there were any.
    replied = 25 if outcome == Outcome.WITHHELD_THIRD_PARTY_RIGHTS else 15
    # Back-dated cases are signed directly by the leader (the sign-off chain decides today).
    app_services.application_reply(
        application=app, actor=leader, on=day(replied), outcome=outcome, summary=reasons
    )
    if method is not None:
        letter = app.letters.get(kind=LetterKind.REPLY)
        service_record(
            letter=letter,
            actor=clerk,
            method=method,
            served_on=day(replied + 2),
            postal_tracking="1151234567890" if method == ServiceMethod.POST else "",
        )
    return app


def load(stdout) -> list[str]:
    root = Organization.objects.get(code="shsfj")
    # The 机关代字 stays the default (the short name) so that the numbers the open cases got
    # above keep one form; the review body is named from here on.
    LetterSettings.objects.get_or_create(organization=root, defaults={"review_body": REVIEW_BODY})
    staff = {
        u.username: u
        for u in User.objects.filter(username__in=["clerk", "chief", "legal", "leader"])
    }
    # Replies signed before the review body was named are reissued (a demo of 更正).
    for letter in Letter.objects.current().filter(organization=root, kind=LetterKind.REPLY):
        if not any(REVIEW_BODY in p for p in letter.content["paragraphs"]):
            letter_correct(
                letter=letter, actor=staff["leader"], reason=f"复议机关应为{REVIEW_BODY}"
            )
    today = timezone.localdate()
    done = set(
        Application.objects.filter(organization=root, year=YEAR).values_list(
            "applicant_name", "description"
        )
    )
    made = 0
    for case in CASES:
        last_step = workdays.add_workdays(case[3], 30)
        if (case[0], case[2]) in done or last_step > today:
            continue
        _walk(root, staff, case)
        made += 1
    letters = Letter.objects.filter(organization=root, year=YEAR).count()
    stdout.write(
        f"文书：{YEAR}年各类办理结果的示例答复 {made} 件新增，{YEAR}年文书共 {letters} 份。"
    )
    return [
        "文书：案件页面可下载 PDF/DOCX；模板 /staff/letters/templates/ ；"
        f"归档 gongkai letters export --org shsfj --year {YEAR} --out var/archive"
    ]
