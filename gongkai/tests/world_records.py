"""The world's records of the later apps: appeals, consultations, proposals, guides, channels,
letters, sign-off, annual reports, API tokens and content findings — each made through its
app's services, as the office would, so that the walk meets what the pages really show."""

import datetime as dt
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.api import services as api_services
from gongkai.api.models import ApiToken
from gongkai.appeals import services as appeal_services
from gongkai.appeals.models import Appeal, AppealDocument, AppealKind
from gongkai.applications import services as application_services
from gongkai.applications import signoff
from gongkai.applications.models import Application, Outcome, SignoffKind, SignoffRequest
from gongkai.catalog import corrections
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Category, Confidentiality, Item, ItemKind, ItemRevision, Topic
from gongkai.channels import services as channel_services
from gongkai.channels.models import MediaAccount, Platform, PressConference
from gongkai.consultations import services as consultation_services
from gongkai.consultations.models import Consultation, ConsultationChannel
from gongkai.guides import services as guide_services
from gongkai.guides.models import Power, PowerType, ServiceGuide
from gongkai.inspection import services as inspection_services
from gongkai.inspection.models import Finding, Term, TermKind
from gongkai.letters import selectors as letter_selectors
from gongkai.letters import services as letter_services
from gongkai.letters.models import Letter, Service, ServiceMethod
from gongkai.proposals import services as proposal_services
from gongkai.proposals.models import HandlingRole, Proposal, ProposalKind
from gongkai.reports.engine import services as annual_services
from gongkai.reports.models import AnnualReport

# A 1×1 PNG: a real image by its magic bytes, for the scanned proof of service.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@dataclass
class Records:
    appeal: Appeal
    appeal_document: AppealDocument
    consultation: Consultation  # answered, its Q&A pair published
    proposal: Proposal  # replied, its reply published
    guide: ServiceGuide  # published
    power: Power  # published
    letter: Letter  # the receipt (受理通知) of the world's application
    letter_token: str  # the applicant's download link for it
    signoff_request: SignoffRequest  # a reply waiting for the division head
    draft_report: AnnualReport
    published_report: AnnualReport
    token: ApiToken  # the clerk's
    finding: Finding  # an ID number in an item in review, found by the content check
    revision: ItemRevision  # a correction of a published item, at the division head's stage
    service: Service  # the receipt's service by post, with its scanned 回证
    term: Term
    press_conference: PressConference
    media_account: MediaAccount
    year: int


def _publish(item: Item, clerk, reviewers) -> None:
    catalog_services.item_submit(item=item, actor=clerk)
    for reviewer in reviewers:
        catalog_services.item_approve(
            item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意"
        )


def _item_data(title: str) -> dict:
    return {
        "title": title,
        "written_on": dt.date(2024, 3, 1),
        "category": Category.objects.get(code="yw"),
    }


def build_records(*, agency, application, clerk, division_head, legal_reviewer, leader) -> Records:
    import_module("gongkai.guides.migrations.0002_column_topics").seed(apps, None)
    today = timezone.localdate()
    reviewers = (division_head, legal_reviewer, leader)
    appeal = appeal_services.appeal_file(
        organization=agency,
        actor=clerk,
        kind=AppealKind.REVIEW,
        appellant="陈志明",
        body="上海市人民政府",
        subject="对政府信息公开申请答复不服",
        filed_on=today,
        application=application,
    )
    from .world import make_item, pdf

    document = appeal_services.appeal_add_document(
        appeal=appeal, actor=clerk, title="行政复议申请书", upload=pdf("复议申请书.pdf")
    )
    consultation = consultation_services.consultation_log(
        organization=agency,
        actor=clerk,
        channel=ConsultationChannel.PHONE,
        topic="申请方式",
        asked_on=today,
        question="可以通过网上提交政府信息公开申请吗？",
        answer="可以，请通过本网站“依申请公开”栏目在线提交。",
    )
    consultation_services.consultation_publish(
        consultation=consultation,
        actor=clerk,
        question=consultation.question,
        answer=consultation.answer,
    )
    proposal = proposal_services.proposal_register(
        organization=agency,
        actor=clerk,
        kind=ProposalKind.NPC_SUGGESTION,
        role=HandlingRole.LEAD,
        number="第0001号",
        title="关于加强司法鉴定行业监管的建议",
        proposer="张伟代表",
        received_on=today,
        due_on=today + dt.timedelta(days=90),
    )
    proposal_services.proposal_reply(
        proposal=proposal, actor=clerk, reply="感谢您的建议，我局已着手落实。", replied_on=today
    )
    proposal_services.proposal_publish(proposal=proposal, actor=clerk)
    guide = guide_services.service_guide_save(
        actor=clerk,
        organization=agency,
        item_data=_item_data("律师执业核准"),
        guide_data={
            "conditions": "通过国家统一法律职业资格考试",
            "place": "上海市徐汇区小木桥路470号",
            "hours": "工作日 9:00—17:00",
            "process": "提交材料\n审核并作出决定",
            "flowchart_alt": "提交材料后审核，审核通过即作出决定。",
            "apply_ways": "窗口申请",
            "legal_basis": "《中华人民共和国律师法》第五条",
            "time_limit": "20个工作日",
            "fees": "不收费",
            "contact": "021-12348",
        },
        materials="律师执业申请表｜原件1份",
        flowchart=SimpleUploadedFile("办理流程图.png", PNG, content_type="image/png"),
    )
    _publish(guide.item, clerk, reviewers)
    power = guide_services.power_save(
        actor=clerk,
        organization=agency,
        item_data=_item_data("对律师违法行为的行政处罚"),
        power_data={
            "power_type": PowerType.PENALTY,
            "basis": "《中华人民共和国律师法》第四十七条",
            "division": "律师工作管理处",
            "responsibilities": "立案责任\n决定责任",
            "accountability": "没有法律依据实施处罚的",
        },
    )
    _publish(power.item, clerk, reviewers)
    letter = application.letters.get()
    case = _case_in_signoff(agency, clerk, division_head)
    year = today.year - 1
    draft_report = annual_services.annual_report_create(
        organization=agency, year=year, fmt="2021", actor=clerk
    )
    published_report = annual_services.annual_report_create(
        organization=agency, year=year - 1, fmt="2021", actor=clerk
    )
    annual_services.annual_report_publish(
        report=published_report, actor=leader, override_reason="已逐项核对"
    )
    token, _secret = api_services.api_token_create(user=clerk, name="门户网站目录同步")
    flagged = catalog_services.item_create(
        actor=clerk,
        organization=agency,
        data={
            "title": "关于司法鉴定投诉处理结果的公告",
            "body": "投诉人陈志明（身份证号11010519491231002X）反映的问题已查实。",
            "written_on": dt.date(2024, 3, 1),
            "topic": Topic.objects.get(code="sfjd"),
            "category": Category.objects.get(code="yw"),
            "kind": ItemKind.GENERAL,
        },
    )
    catalog_services.item_submit(item=flagged, actor=clerk)  # its findings wait for the head
    inspection_services.item_inspect(item=flagged)
    corrected = make_item(clerk, agency, "关于公布2024年度法律援助机构名单的通知")
    _publish(corrected, clerk, reviewers)
    revision = corrections.revision_propose(
        item=corrected,
        actor=leader,
        data={"title": "关于公布2024年度法律援助机构名录的通知"},
        reason="名称有误",
    )
    service = letter_services.service_record(
        letter=letter,
        actor=clerk,
        method=ServiceMethod.POST,
        served_on=today,
        postal_tracking="1234567890123",
        proof=SimpleUploadedFile("回证.png", PNG),
    )
    term = inspection_services.term_add(
        actor=leader,
        organization=agency,
        data={"kind": TermKind.FORBIDDEN, "text": "绝对权威", "suggestion": ""},
    )
    press = channel_services.press_conference_add(
        actor=clerk, organization=agency, year=today.year, held_on=today, title="年度新闻发布会"
    )
    account = channel_services.media_account_add(
        actor=clerk, organization=agency, platform=Platform.WECHAT, name="上海司法"
    )
    return Records(
        appeal=appeal,
        appeal_document=document,
        consultation=consultation,
        proposal=proposal,
        guide=guide,
        power=power,
        letter=letter,
        letter_token=letter_selectors.public_token(letter),
        signoff_request=signoff.signoff_submit(
            application=case,
            actor=clerk,
            kind=SignoffKind.REPLY,
            outcome=Outcome.DISCLOSED,
            legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（一）项",
            provided="2025年度司法鉴定机构年度检查结果（电子文本1份）",
            access="随本告知书以电子邮件发送",
        ),
        draft_report=draft_report,
        published_report=published_report,
        token=token,
        finding=flagged.findings.first(),
        revision=revision,
        service=service,
        term=term,
        press_conference=press,
        media_account=account,
        year=today.year,
    )


def _case_in_signoff(agency, clerk, division_head) -> Application:
    """A second application, accepted and started by the clerk (its 承办人)."""
    from .world import make_application

    case = make_application(agency, clerk, data={"description": "2024年度律师事务所年度检查结果"})
    application_services.application_accept(application=case, actor=clerk)
    application_services.application_start(application=case, actor=clerk)
    application_services.application_assign(
        application=case, actor=division_head, assignee=clerk, email=False
    )
    return case
