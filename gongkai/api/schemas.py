"""What the API answers with: typed schemas, from which the OpenAPI document is generated."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from gongkai.applications.models import ApplicantKind, Delivery, IdType


class OrganizationOut(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None


class AttachmentOut(Schema):
    name: str
    kind: str
    size: int
    url: str


class ItemSummaryOut(Schema):
    id: int
    title: str
    summary: str
    index_no: str | None
    doc_number: str
    written_on: date
    published_at: datetime
    validity: str
    organization: str
    topic: str
    url: str


class ItemPageOut(Schema):
    items: list[ItemSummaryOut]
    next_cursor: str | None


class ItemOut(ItemSummaryOut):
    body: str
    category: str
    kind: str
    keywords: str
    attachments: list[AttachmentOut]


class SearchHitOut(Schema):
    id: int
    title: str
    index_no: str
    doc_number: str
    published_at: datetime
    organization: str
    topic: str
    url: str


class SearchPageOut(Schema):
    query: str
    total: int
    total_is_floor: bool = Field(
        description="true：匹配条数多于可翻阅的条数，total 是计数停止处（PostgreSQL 检索）"
    )
    among_newest: int = Field(
        description="检索词很常见时，只在最近收录的这么多条匹配中按相关程度排序；0 表示全部参与排序"
    )
    page: int
    pages: int
    hits: list[SearchHitOut]


class ReportOut(Schema):
    id: int
    source: str = Field(
        description="computed：本平台由业务记录编制并发布；imported：导入并经人工确认的已发布报告"
    )
    reporting_body: str
    year: int | None
    format: str
    statistics_url: str


class ReportPageOut(Schema):
    reports: list[ReportOut]
    page: int
    has_next: bool


class StatisticsOut(Schema):
    id: int
    reporting_body: str
    year: int | None
    format: str
    document: dict[str, Any]


class ApplicationIn(Schema):
    """The web form's fields (第二十九条); the codes of the choices are listed in the document."""

    organization: str = Field(description="受理机关的机构代码（见 /organizations）")
    applicant_kind: ApplicantKind = Field(description="申请人类型")
    applicant_name: str
    id_type: IdType = Field(description="身份证明类型")
    id_number: str
    legal_representative: str = ""
    contact_person: str = ""
    phone: str
    email: str = ""
    address: str = ""
    postcode: str = ""
    description: str
    document_number: str = ""
    delivery: Delivery = Field(description="获取信息的方式")
    consent: bool = Field(description="同意个人信息使用说明，须为 true")
    submission_token: str = Field("", description="可选的 UUID：同一申请重复提交时只登记一次")


class ApplicationReceiptOut(Schema):
    tracking_number: str
    query_code: str
    due_on: date | None


class StatusQueryIn(Schema):
    tracking_number: str
    query_code: str


class EventOut(Schema):
    kind: str
    on: date


class ApplicationStatusOut(Schema):
    tracking_number: str
    organization: str
    status: str
    received_on: date
    due_on: date | None
    replied_on: date | None
    events: list[EventOut]


class CaseOut(Schema):
    id: int
    tracking_number: str
    organization: str
    status: str
    status_label: str
    received_on: date
    due_on: date | None
    assignee: str | None
    applicant_name: str
    description: str


class CasePageOut(Schema):
    cases: list[CaseOut]
    page: int
    has_next: bool


class TransitionIn(Schema):
    on: date | None = None
