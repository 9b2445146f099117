from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.lib import workdays

from . import storage
from .clock import DUE_SOON_DAYS
from .outcomes import LegacyOutcome, Outcome

__all__ = ["LegacyOutcome", "Outcome"]


class ApplicantKind(models.TextChoices):
    """Keys match the column set of table 三 (annual-stats.md)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    SOCIAL_WELFARE = "social_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


class Channel(models.TextChoices):
    """Keys match `by_channel` (annual-stats.md)."""

    IN_PERSON = "in_person", "当面"
    ONLINE = "online", "网络"
    LETTER = "letter", "信函"
    FAX = "fax", "传真"
    OTHER = "other", "其他"


class ReceiptBasis(models.TextChoices):
    """The 第31条 fact that fixes the date of receipt."""

    SUBMITTED = "submitted", "当面提交之日"
    SIGNED_FOR = "signed_for", "签收邮件之日"
    CONFIRMED = "confirmed", "与申请人确认之日"
    ONLINE_RECEIPT = "online_receipt", "网上提交并由系统出具回执之日"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_TAIWAN = "hmt_permit", "港澳台居民证件"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他证件"


PERSON_ID_TYPES = [
    IdType.RESIDENT_ID,
    IdType.PASSPORT,
    IdType.HK_MACAO_TAIWAN,
    IdType.FOREIGN_PERMANENT,
    IdType.OTHER,
]
ORG_ID_TYPES = [IdType.USCC, IdType.OTHER]


class Delivery(models.TextChoices):
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文件（电子邮件）"
    POST = "post", "邮寄"
    COLLECT = "collect", "当面领取"


class Status(models.TextChoices):
    RECEIVED = "received", "已收到"
    ACCEPTED = "accepted", "已受理"
    CORRECTION_REQUESTED = "correction_requested", "待补正"
    CORRECTED = "corrected", "已补正"
    ABANDONED = "abandoned", "视为放弃"
    IN_PROGRESS = "in_progress", "办理中"
    CONSULTING = "consulting", "征求意见中"
    REPLIED = "replied", "已答复"
    DELIVERED = "delivered", "已送达"
    ARCHIVED = "archived", "已归档"


# Cases the office still owes an answer on (the reply clock is or may be running).
OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.CORRECTION_REQUESTED,
        Status.CORRECTED,
        Status.IN_PROGRESS,
        Status.CONSULTING,
    }
)
CLOSED_STATUSES = frozenset(Status) - OPEN_STATUSES
# Open cases whose clock a correction request or a consultation stops (the inbox lists them
# after the cases whose clock runs).
PAUSED_STATUSES = frozenset({Status.CORRECTION_REQUESTED, Status.CONSULTING})


class EventKind(models.TextChoices):
    INTAKE = "intake", "登记"
    ACCEPT = "accept", "受理"
    REQUEST_CORRECTION = "request_correction", "发出补正告知"
    RECEIVE_CORRECTION = "receive_correction", "收到补正材料"
    ABANDON = "abandon", "视为放弃申请"
    START = "start", "开始办理"
    CONSULT = "consult", "征求意见"
    END_CONSULTATION = "end_consultation", "征求意见结束"
    EXTEND = "extend", "延期答复"
    REPLY = "reply", "答复"
    DELIVER = "deliver", "送达"
    ARCHIVE = "archive", "归档"
    ASSIGN = "assign", "分配承办人"
    TRANSFER = "transfer", "转交其他机关"
    REOPEN = "reopen", "复议诉讼纠正后重新办理"
    # The sign-off chain (signoff.py): steps on a draft, not on the case's status.
    SIGNOFF_SUBMIT = "signoff_submit", "提交审核"
    SIGNOFF_APPROVE = "signoff_approve", "审核同意"
    SIGNOFF_RETURN = "signoff_return", "退回修改"
    # The applicant's correction sent through the status page, before the clerk registers it.
    CORRECTION_ONLINE = "correction_online", "申请人网上提交补正材料"
    # 信息处理费 (fees.py): the notice pauses the clock until payment or a waiver; a lapse,
    # confirmed by a person, closes the case as 逾期未缴费.
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "登记缴纳信息处理费"
    FEE_WAIVED = "fee_waived", "减免信息处理费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费，不再处理"


class ConsultationParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（第三十二条）"
    OTHER_AGENCY = "other_agency", "其他机关（第三十四条）"


# The predicates as Q objects, so that one aggregate can count several of them (the dashboard)
# and the queryset methods below filter by the very same conditions.


def open_q() -> models.Q:
    return models.Q(status__in=sorted(OPEN_STATUSES))


def running_q() -> models.Q:
    """Open cases with a reply deadline (not waiting for a correction); a consultation may
    be pausing the clock — see `counting_q`."""
    return open_q() & ~models.Q(status=Status.CORRECTION_REQUESTED) & models.Q(due_on__isnull=False)


def counting_q(today: date) -> models.Q:
    """Cases whose reply clock counts today: running, and not paused by a consultation
    still within its response date (an unanswered one past it no longer pauses)."""
    return open_q() & counting_among_open_q(today)


def counting_among_open_q(today: date) -> models.Q:
    """`counting_q` of a case already known to be open (the status list not tested again:
    the dashboard's counters test it once for 50,000 open cases, not once per figure)."""
    return (
        ~models.Q(status=Status.CORRECTION_REQUESTED)
        & models.Q(due_on__isnull=False)
        & (~models.Q(status=Status.CONSULTING) | models.Q(consultation_due__lt=today))
    )


def overdue_q(today: date) -> models.Q:
    return counting_q(today) & models.Q(due_on__lt=today)


def due_soon_window(today: date) -> models.Q:
    """Due dates from today to the `DUE_SOON_DAYS`th working day after it."""
    return models.Q(due_on__gte=today, due_on__lte=workdays.add_workdays(today, DUE_SOON_DAYS))


def due_soon_q(today: date) -> models.Q:
    """Due today or within the next `DUE_SOON_DAYS` working days, not yet overdue: the
    dashboard counter and the list it links to both use this."""
    return counting_q(today) & due_soon_window(today)


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(open_q())

    def running(self):
        return self.filter(running_q())

    def counting(self, today: date | None = None):
        return self.filter(counting_q(today or timezone.localdate()))

    def overdue(self, today: date | None = None):
        return self.filter(overdue_q(today or timezone.localdate()))

    def due_soon(self, today: date | None = None):
        return self.filter(due_soon_q(today or timezone.localdate()))

    def due_by(self, day: date, today: date | None = None):
        return self.counting(today).filter(due_on__lte=day)


class Application(models.Model):
    """One application for disclosure (依申请公开), from intake to archive.

    `status` is where the case is; `outcome` is how it ended (one leaf of the 2021 table).
    `due_on` is derived: the services recompute it from the clock events at every transition,
    and `gongkai remind` refreshes it daily (so a calendar edit reaches stored dates).
    """

    organization = models.ForeignKey(
        Organization, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    tracking_number = models.CharField("申请编号", max_length=40, unique=True)
    year = models.PositiveSmallIntegerField("登记年度", db_index=True)
    query_code_hash = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=24, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    outcome = models.CharField("办理结果", max_length=60, choices=Outcome.choices, blank=True)
    legacy_outcome = models.CharField(
        "办理结果（旧版年报分类）", max_length=40, choices=LegacyOutcome.choices, blank=True
    )
    # Receipt (第31条)
    channel = models.CharField("申请方式", max_length=12, choices=Channel.choices)
    submitted_on = models.DateField("提交/到达日期")
    received_on = models.DateField("收到申请之日", db_index=True)
    receipt_basis = models.CharField("收到日期依据", max_length=20, choices=ReceiptBasis.choices)
    receipt_note = models.CharField("收件说明", max_length=200, blank=True)
    filled_on_behalf = models.BooleanField("工作人员代为填写", default=False)
    # Applicant
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    legal_representative = models.CharField("法定代表人或负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # Request
    description = models.TextField("所需信息的内容描述")
    document_number = models.CharField("文件名称或文号", max_length=200, blank=True)
    delivery = models.CharField("获取信息的方式", max_length=12, choices=Delivery.choices)
    # The subject from the office's topic vocabulary: the annual report states their shares.
    topic = models.ForeignKey(
        "catalog.Topic",
        verbose_name="申请内容主题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Handling
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_applications",
    )
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    # While a consultation is open: the day its answer is due; after it the clock counts again.
    consultation_due = models.DateField("征求意见答复期限", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    # The day the case got its outcome (the reply, or 视为放弃): the annual report counts the
    # outcome in that year, and a case without one at 31 December is carried into the next.
    closed_on = models.DateField("办结日期", null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    reminded_on = models.DateField("最近提醒日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # The one-time token of the online form that made this application: the same form posted
    # twice (a double click) hits the unique constraint instead of registering it twice.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # When a new query code was last e-mailed (the resend is throttled per case).
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Named by a possible-repeat pair, on either side (repeats.find_similar): the release
    # suggestions test this on the rows they read instead of looking up the pairs of each
    # case (12 ms for a year's 3,000 disclosed cases at 10⁶ a year). A pair never goes away
    # but with its case.
    possible_repeat = models.BooleanField(
        "可能重复申请", default=False, db_default=False, editable=False
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["organization", "status", "due_on"]),
            # The inbox's urgency order, part by part (selectors.by_urgency): open cases (all
            # of them, or one clerk's) and closed ones, each by due date, latest received first.
            models.Index(
                fields=["due_on", "-received_on", "-id"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="application_open_due",
            ),
            # Paused cases have no running due date (a correction request clears it): in the
            # open cases' index they come last, behind every case whose clock runs.
            models.Index(
                fields=["due_on", "-received_on", "-id"],
                condition=models.Q(status__in=sorted(PAUSED_STATUSES)),
                name="application_paused_due",
            ),
            models.Index(
                fields=["assignee", "due_on", "-received_on", "-id"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="application_mine_due",
            ),
            # The same for cases nobody has taken: PostgreSQL reads the index above in order for
            # "assignee = x" but not for "assignee IS NULL" (not an equality to it), and fetched
            # and sorted all 5,000 such cases for a page of 50 (30 ms at 10⁶ applications).
            models.Index(
                fields=["due_on", "-received_on", "-id"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES), assignee__isnull=True),
                name="application_unassigned_due",
            ),
            models.Index(
                fields=["due_on", "-received_on", "-id"],
                condition=models.Q(status__in=sorted(CLOSED_STATUSES)),
                name="application_closed_due",
            ),
            # The inbox's search by the start of an applicant's name (LIKE 'q%').
            models.Index(
                fields=["applicant_name"],
                opclasses=["varchar_pattern_ops"],
                name="application_applicant_prefix",
            ),
            # The same searches among open cases (the inbox's default view): without them the
            # matches were ANDed with a bitmap of every open case in each part of the urgency
            # order (50,000 at 10⁶ applications, 3–5 ms a part).
            models.Index(
                fields=["applicant_name"],
                opclasses=["varchar_pattern_ops"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="application_open_name_prefix",
            ),
            models.Index(
                fields=["tracking_number"],
                opclasses=["varchar_pattern_ops"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="application_open_number_prefix",
            ),
            # Everything the dashboard's counters and the inbox's capped counts read of an open
            # case: counted from the index alone, not from 50,000 rows of the table. The inbox's
            # filters ride along (PostgreSQL's INCLUDE): counting a year's open cases read
            # 51,000 rows of that year's index for 2,001 open ones (26 ms; 2 ms from this).
            models.Index(
                fields=["organization", "status", "assignee", "due_on", "consultation_due"],
                include=["year", "channel", "applicant_kind", "outcome"],
                condition=models.Q(status__in=sorted(OPEN_STATUSES)),
                name="application_open_counts",
            ),
            # Covers the annual report's GROUP BY (reports engine): every column it reads is in
            # the key, so PostgreSQL answers one organization-year with an index-only scan.
            models.Index(
                fields=[
                    "organization",
                    "received_on",
                    "closed_on",
                    "applicant_kind",
                    "outcome",
                    "legacy_outcome",
                    "channel",
                    "topic",
                ],
                name="application_report_cover",
            ),
            # The older cases still open on 1 January (carried in): found by when they closed.
            models.Index(
                fields=[
                    "organization",
                    "closed_on",
                    "received_on",
                    "applicant_kind",
                    "outcome",
                    "legacy_outcome",
                    "channel",
                    "topic",
                ],
                name="application_report_carry",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome__in=Outcome.values),
                name="application_outcome_is_a_leaf",
            ),
        ]

    def __str__(self) -> str:
        # The tracking number only: this is what the audit log stores about a case, and the
        # audit log must never hold an applicant's name (it cannot be erased by a purge).
        return self.tracking_number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("applications:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ApplicationEvent(models.Model):
    """One step of a case: the timeline, the clock's input and the record of who did what."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=24, choices=EventKind.choices)
    on = models.DateField("发生日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    context = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["on", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def correction_items(self) -> str:
        # Templates cannot read context["items"]: `c.items` would call dict.items.
        return self.context.get("items", "") if isinstance(self.context, dict) else ""


def _attachment_path(instance, filename):
    # Kept for the historical migrations; new files are named by `storage.attachment_path`.
    return f"applications/{instance.application.year}/{instance.application.tracking_number}/{filename}"


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", "申请材料"
    CORRECTION = "correction", "补正材料"
    DISCLOSED = "disclosed", "提供的政府信息"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(
        "类别", max_length=12, choices=AttachmentKind.choices, default=AttachmentKind.APPLICATION
    )
    file = models.FileField(
        "附件", upload_to=storage.attachment_path, storage=storage.PrivateStorage(), max_length=200
    )
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class TrackingCounter(models.Model):
    """Last tracking number issued per organization and year; numbers are never reused."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="one_counter_per_org_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last}"


class NotificationKind(models.TextChoices):
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已超期"
    ASSIGNED = "assigned", "分配给您"
    RETURNED = "returned", "退回修改"
    CORRECTION = "correction", "申请人提交补正"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("类型", max_length=20, choices=NotificationKind.choices)
    message = models.CharField("内容", max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message


class LookupFailure(models.Model):
    """One failed public status lookup (wrong tracking number or query code).

    Rows, not a counter: each attempt is an INSERT before it is checked, so concurrent requests
    in any number of processes never lose a count. Enough of them within the window lock the
    client, for that tracking number and (more of them) for any.
    """

    at = models.DateTimeField(db_index=True)
    ip_hash = models.CharField(max_length=64, db_index=True)
    tracking_number = models.CharField(max_length=40, db_index=True)

    def __str__(self) -> str:
        return f"{self.tracking_number} @ {self.at:%Y-%m-%d %H:%M}"


class SignoffKind(models.TextChoices):
    REPLY = "reply", "答复"
    EXTENSION = "extension", "延期答复"


class SignoffStatus(models.TextChoices):
    PENDING = "pending", "审核中"
    RETURNED = "returned", "已退回修改"
    DONE = "done", "已签发"


class SignoffStage(models.Model):
    """One stage of the chain a reply or an extension passes before it goes out.

    Configured per organization as the catalog's review chain is (rows with no organization are
    the site's default; an organization without rows follows its nearest ancestor's, else the
    built-in default in `signoff.DEFAULT_CHAINS`). The chain is copied onto a draft when it is
    submitted, so editing the configuration never changes a sign-off under way.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signoff_stages",
    )
    kind = models.CharField("事项", max_length=12, choices=SignoffKind.choices)
    position = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节名称", max_length=40)
    action = models.CharField("所需权限", max_length=40)
    # Only for outcomes that do not disclose everything (the 法制审核 of a refusal).
    adverse_only = models.BooleanField("仅限未全部公开的答复", default=False)
    # The person the office names for the stage (e.g. the head of its disclosure office);
    # empty: anyone holding the action.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="指定人员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "签发环节"
        verbose_name_plural = "签发环节"
        ordering = ["organization_id", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "position"], name="applications_unique_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}. {self.name}"


class SignoffRequest(models.Model):
    """A reply (or an extension) drafted by the 承办人 and on its way through the chain.

    `plan` is the chain copied at submission ([{name, action, person_id}]); `position` is the
    index of the stage now waiting. Approvals and returns are ApplicationEvents of the case.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="signoff_requests"
    )
    kind = models.CharField("事项", max_length=12, choices=SignoffKind.choices)
    status = models.CharField(
        "状态", max_length=12, choices=SignoffStatus.choices, default=SignoffStatus.PENDING
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="拟稿人", on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField("轮次", default=1)
    plan = models.JSONField(default=list)
    position = models.PositiveSmallIntegerField(default=0)
    current_action = models.CharField(max_length=40, blank=True, db_index=True)
    # The stage's named person, copied from the plan for the queue's query.
    current_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.JSONField(default=list)  # user ids that approved in this round
    last_comment = models.TextField("审核意见", blank=True)
    # Reply
    outcome = models.CharField("办理结果", max_length=60, choices=Outcome.choices, blank=True)
    legacy_outcome = models.CharField(
        "旧版年报分类", max_length=40, choices=LegacyOutcome.choices, blank=True
    )
    summary = models.TextField("答复理由", blank=True)
    legal_basis = models.TextField("法律依据", blank=True)
    provided = models.TextField("提供的信息", blank=True)
    access = models.TextField("获取方式和地点", blank=True)
    other_agency = models.CharField("负责公开的其他机关", max_length=100, blank=True)
    other_agency_contact = models.CharField("其他机关联系方式", max_length=200, blank=True)
    # Extension
    days = models.PositiveSmallIntegerField("延长工作日数", null=True, blank=True)
    reason = models.CharField("延期理由", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "签发申请"
        verbose_name_plural = "签发申请"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=~models.Q(status="done"),
                name="one_open_signoff_per_case_and_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.tracking_number} {self.get_kind_display()}"

    @property
    def stage_name(self) -> str:
        if self.status != SignoffStatus.PENDING or self.position >= len(self.plan):
            return ""
        return self.plan[self.position]["name"]


from .case_models import (  # noqa: E402
    FeeMethod,
    FeeNotice,
    FeeSetting,
    FeeStatus,
    ReleaseLink,
    SimilarApplication,
)

__all__ += [
    "FeeMethod",
    "FeeNotice",
    "FeeSetting",
    "FeeStatus",
    "ReleaseLink",
    "SimilarApplication",
]
