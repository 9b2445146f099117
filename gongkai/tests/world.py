"""One small office with a record in every state, for the suites that walk the whole site.

Built through the services, as the staff would, so that what the walks touch is what the
pages really show: a draft, an item in review, a published item with an attachment, an
application with an attachment, an imported annual report.
"""

import datetime as dt
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.accounts.models import Organization, User
from gongkai.applications import services as application_services
from gongkai.applications.models import Application, Attachment, Channel, ReceiptBasis
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Attachment as ItemAttachment
from gongkai.catalog.models import Category, Confidentiality, Item, ItemKind, Topic
from gongkai.reports import services as report_services
from gongkai.reports import statistics
from gongkai.reports.models import ImportedReport

from .world_records import Records, build_records

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

APPLICANT = {
    "applicant_kind": "natural_person",
    "applicant_name": "陈志明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "email": "chen.zhiming@example.com",
    "address": "上海市徐汇区漕溪北路88号",
    "postcode": "200030",
    "description": "2025年度本市司法鉴定机构年度检查结果及被责令整改的机构名单",
    "document_number": "",
    "delivery": "electronic",
}

# A small 2021-format report: enough for the import screens.
REPORT = """上海市示例区司法局2023年政府信息公开工作年度报告

三、收到和处理政府信息公开申请情况
| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
| 一、本年新收政府信息公开申请数量 | 10 | 1 | 0 | 0 | 1 | 0 | 12 |
| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 三、本年度办理结果 | | | | | | | |
| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| （四）无法提供 | | | | | | | |
| 1.本机关不掌握相关政府信息 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |
| （七）总计 | 10 | 1 | 0 | 0 | 0 | 0 | 11 |
| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 1 | 0 | 2 |
"""


def seed_vocabularies() -> None:
    """The topics, categories and default review chain, even after a flushed database."""
    import_module("gongkai.catalog.migrations.0002_vocabularies").seed(apps, None)


def pdf(name: str = "附件.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class World:
    agency: Organization
    draft: Item
    in_review: Item
    published: Item
    item_attachment: ItemAttachment
    application: Application
    application_attachment: Attachment
    imported_report: ImportedReport
    confirmed_report: ImportedReport  # figures checked by staff: published as open data
    colleague: User  # a staff account of the office, for the staff pages
    elsewhere: Organization
    records: "Records"


def make_item(clerk, agency, title: str) -> Item:
    return catalog_services.item_create(
        actor=clerk,
        organization=agency,
        data={
            "title": title,
            "body": f"{title}。本市各司法鉴定机构按照要求完成了年度检查。",
            "written_on": dt.date(2024, 3, 1),
            "topic": Topic.objects.get(code="sfjd"),
            "category": Category.objects.get(code="yw"),
            "kind": ItemKind.GENERAL,
        },
    )


def publish(item: Item, clerk, reviewers) -> Item:
    catalog_services.item_submit(item=item, actor=clerk)
    for reviewer in reviewers:
        catalog_services.item_approve(
            item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意"
        )
    return item


def make_application(agency, clerk, **changes) -> Application:
    today = timezone.localdate()
    app, _ = application_services.application_intake(
        organization=agency,
        data={**APPLICANT, **changes.pop("data", {})},
        channel=Channel.IN_PERSON,
        submitted_on=today,
        received_on=today,
        receipt_basis=ReceiptBasis.SUBMITTED,
        actor=clerk,
        **changes,
    )
    return app


def build(*, agency, elsewhere, clerk, division_head, legal_reviewer, leader) -> World:
    seed_vocabularies()
    draft = make_item(clerk, agency, "关于司法鉴定机构年度检查情况的通报")
    in_review = make_item(clerk, agency, "关于公证机构执业年度考核结果的公告")
    catalog_services.item_submit(item=in_review, actor=clerk)
    published = make_item(clerk, agency, "上海市司法局关于律师事务所年度检查考核的通知")
    item_attachment = catalog_services.attachment_add(item=published, actor=clerk, upload=pdf())
    publish(published, clerk, (division_head, legal_reviewer, leader))
    application = make_application(agency, clerk, attachments=[pdf("身份证.pdf")])
    imported = report_services.report_import(
        owner=agency, text=REPORT, source_name="示例.txt", actor=clerk
    )
    confirmed = report_services.report_import(
        owner=agency, text=REPORT, source_name="示例2023.txt", actor=clerk
    )
    report_services.report_import_confirm(
        report=confirmed,
        reporting_body="上海市示例区司法局",
        year=2023,
        values=statistics.flatten(confirmed.document),
        actor=clerk,
    )
    return World(
        agency=agency,
        draft=draft,
        in_review=in_review,
        published=published,
        item_attachment=item_attachment,
        application=application,
        application_attachment=application.attachments.get(),
        imported_report=imported,
        confirmed_report=confirmed,
        colleague=clerk,
        elsewhere=elsewhere,
        records=build_records(
            agency=agency,
            application=application,
            clerk=clerk,
            division_head=division_head,
            legal_reviewer=legal_reviewer,
            leader=leader,
        ),
    )
