"""主动公开: catalog items, their index numbers, the review chain, attachments and the guide.

An item's workflow status (draft → in review → published → withdrawn) is kept apart from its
review steps: the steps are the facts (who decided what, when, with which opinion and
confidentiality answer), the status is where the item stands.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse

from gongkai.accounts.models import Organization


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


# The badge colour of each status on staff pages (a draft's is plain).
STATUS_TONES = {
    ItemStatus.PUBLISHED: "ok",
    ItemStatus.WITHDRAWN: "danger",
    ItemStatus.IN_REVIEW: "warn",
}


class ItemKind(models.TextChoices):
    """体裁 as far as the rules care: normative documents and their interpretations are linked,
    counted in the annual report, and 年度报告 have their own column."""

    GENERAL = "general", "一般信息"
    NORMATIVE = "normative", "规范性文件"
    INTERPRETATION = "interpretation", "政策解读"
    ANNUAL_REPORT = "annual_report", "年度报告"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class Confidentiality(models.TextChoices):
    """The reviewer's 保密审查 answer (条例第17条)."""

    CLEAR = "clear", "不涉及国家秘密、工作秘密、商业秘密和个人隐私，可以公开"
    REDACTED = "redacted", "涉及个人信息等内容，已作删除或遮盖处理，可以公开"
    REFER = "refer", "无法确定能否公开，需报保密行政管理部门确定"
    SECRET = "secret", "涉及国家秘密或法律法规禁止公开的内容，不得公开"


PUBLISHABLE_ANSWERS = frozenset({Confidentiality.CLEAR, Confidentiality.REDACTED})


class StepDecision(models.TextChoices):
    SUBMITTED = "submitted", "提交审核"
    PENDING = "pending", "待审核"
    APPROVED = "approved", "同意"
    RETURNED = "returned", "退回修改"


class Vocabulary(models.Model):
    """An editable list of terms (name, code, order, active) the catalog is classified by."""

    name = models.CharField("名称", max_length=40, unique=True)
    code = models.SlugField("代码", max_length=40, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class Topic(Vocabulary):
    """主题分类 / 栏目: an editable vocabulary the public catalog is browsed by."""

    class Meta(Vocabulary.Meta):
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"


class Category(Vocabulary):
    """信息类别 (业务类 / 互动交流类 / 政策法规类 / 其他): editable, counted in the annual report."""

    class Meta(Vocabulary.Meta):
        verbose_name = "信息类别"
        verbose_name_plural = "信息类别"


class ReviewAction(models.TextChoices):
    """The permissions a review stage may require: only the three review actions, so that a
    stage can never be decided by someone who merely drafts."""

    DIVISION = "catalog.review_division", "处室负责人审核"
    LEGAL = "catalog.review_legal", "法制审核"
    LEADER = "catalog.review_leader", "分管领导签发"


class ReviewStage(models.Model):
    """One stage of the review chain (先审查、后公开) after the drafter submits.

    Rows with no organization are the default chain; an organization with rows of its own uses
    those instead. The chain is copied onto an item when it is submitted, so editing the
    configuration never changes a review already under way.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_stages",
    )
    position = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节名称", max_length=40)
    action = models.CharField("所需权限", max_length=40, choices=ReviewAction.choices)

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ["organization_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "position"], name="catalog_unique_stage_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class CorrectionPolicy(models.Model):
    """Which fields of a published item the office treats as clerical: a correction touching only
    those is checked by a second person instead of passing the whole review chain. An
    organization without a policy of its own follows its nearest ancestor's, else the default
    (GONGKAI_CATALOG_CLERICAL_FIELDS)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="correction_policy"
    )
    clerical_fields = models.JSONField("文字性更正的字段", default=list, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "更正规则"
        verbose_name_plural = "更正规则"

    def __str__(self) -> str:
        return f"{self.organization} 更正规则"


class IndexNumberCounter(models.Model):
    """The last serial handed out for (organization, year); only ever incremented."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="catalog_unique_counter_per_org_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last_serial}"


class ItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ItemStatus.PUBLISHED)


class Item(models.Model):
    # No single-column indexes on the FKs the composite indexes below lead with: every index
    # costs on the bulk import of a back catalog of a million items.
    organization = models.ForeignKey(
        Organization,
        verbose_name="发布机构",
        on_delete=models.PROTECT,
        related_name="items",
        db_index=False,
    )
    # Allocated when the last review stage approves (year = publication year); empty before.
    index_no = models.CharField(
        "索引号", max_length=80, unique=True, null=True, blank=True, editable=False
    )
    title = models.CharField("名称", max_length=200)
    summary = models.CharField("内容概述", max_length=300, blank=True)
    body = models.TextField("正文", help_text="段落之间空一行。")
    doc_number = models.CharField(
        "文号", max_length=100, blank=True, help_text="例如 沪司规〔2019〕3号"
    )
    written_on = models.DateField("成文日期")
    published_at = models.DateTimeField("发布日期", null=True, blank=True, editable=False)
    topic = models.ForeignKey(
        Topic, verbose_name="主题分类", on_delete=models.PROTECT, db_index=False
    )
    category = models.ForeignKey(
        Category, verbose_name="信息类别", on_delete=models.PROTECT, db_index=False
    )
    kind = models.CharField(
        "体裁", max_length=20, choices=ItemKind.choices, default=ItemKind.GENERAL
    )
    validity = models.CharField(
        "有效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    validity_changed_on = models.DateField("有效性变更日期", null=True, blank=True)
    keywords = models.CharField("主题词", max_length=200, blank=True, help_text="以空格或顿号分隔")
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读的规范性文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    status = models.CharField(
        "状态", max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT, editable=False
    )
    # The review under way: the chain copied at submission, and the stage now waiting.
    review_plan = models.JSONField(default=list, blank=True, editable=False)
    review_position = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    review_round = models.PositiveSmallIntegerField(default=0, editable=False)
    current_action = models.CharField(max_length=40, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟稿人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,
    )
    # The 处室 the drafter sat in, when it was one: its head reviews the 处室负责人 stage.
    drafting_division = models.ForeignKey(
        Organization,
        verbose_name="拟稿处室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,
    )
    # Everyone who wrote any of the text (created, edited, changed attachments, submitted):
    # none of them may approve a stage.
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, editable=False
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True, editable=False)
    revised_at = models.DateTimeField("修改时间（发布后）", null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField("撤回原因", max_length=300, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="catalog_item_status_pub"),
            models.Index(
                fields=["organization", "status", "published_at"], name="catalog_item_org_pub"
            ),
            models.Index(fields=["topic", "status", "published_at"], name="catalog_item_topic_pub"),
            models.Index(
                fields=["category", "status", "published_at"], name="catalog_item_cat_pub"
            ),
            models.Index(fields=["kind", "status", "published_at"], name="catalog_item_kind_pub"),
            # A document's interpretations: without it SQLite walks every published item in
            # date order to find them (0.3 s per item page with a 110,000-item back catalog).
            models.Index(
                fields=["interprets", "status", "published_at"], name="catalog_item_interp_pub"
            ),
            # The review queue and "my drafts".
            models.Index(fields=["status", "current_action"], name="catalog_item_queue"),
            models.Index(fields=["created_by", "status"], name="catalog_item_drafter"),
            # The staff list's order (latest change first), with or without its status filter:
            # sorting a million rows for 30 of them cost 330 ms at 300,000.
            models.Index(fields=["-updated_at", "-id"], name="catalog_item_updated"),
            models.Index(fields=["status", "-updated_at", "-id"], name="catalog_item_status_upd"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:item", args=[self.pk])

    @property
    def status_tone(self) -> str:
        return STATUS_TONES.get(self.status, "")

    def current_stage_name(self) -> str:
        if self.review_position is None or self.review_position >= len(self.review_plan):
            return ""
        return self.review_plan[self.review_position]["name"]


class ReviewStep(models.Model):
    """One decision in an item's review: the drafter's submission or a reviewer's answer."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="review_steps")
    # Set for the review of a correction after publication; empty for the item's own review.
    revision = models.ForeignKey(
        "ItemRevision",
        verbose_name="更正",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="steps",
    )
    round = models.PositiveSmallIntegerField("轮次")
    position = models.PositiveSmallIntegerField("环节序号")
    stage_name = models.CharField("环节", max_length=40)
    decision = models.CharField("结论", max_length=20, choices=StepDecision.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("时间")
    opinion = models.TextField("意见", blank=True)
    confidentiality = models.CharField(
        "保密审查", max_length=20, choices=Confidentiality.choices, blank=True
    )

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.stage_name} {self.get_decision_display()}"


class RevisionStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPLIED = "applied", "已生效"
    RETURNED = "returned", "已退回"


class RevisionPath(models.TextChoices):
    """先审查、后公开 holds for corrections: a change of substance goes through the review chain;
    a change of only the fields the office declares clerical needs a second person's approval."""

    CLERICAL = "clerical", "文字性更正（他人复核）"
    SUBSTANTIVE = "substantive", "实质性更正（按审核流程）"


class ItemRevision(models.Model):
    """A correction of a published item (政府网站发展指引: keep the history of changes).

    Proposed first (the public page keeps showing the published version), applied to the item
    only when approved; returned corrections are kept too.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="revisions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "状态", max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    path = models.CharField("审核方式", max_length=20, choices=RevisionPath.choices, blank=True)
    proposed_at = models.DateTimeField("提出时间", null=True, blank=True)
    # When it took effect on the item (applied corrections only).
    revised_at = models.DateTimeField("修改时间", null=True, blank=True)
    reason = models.CharField("修改原因", max_length=300)
    # {field: [before, after]} with display values.
    changes = models.JSONField("修改内容", default=dict)
    # {field name: new value} as stored (ids for links, ISO dates): what approval writes.
    proposed = models.JSONField(default=dict, blank=True, editable=False)
    # The review of a substantive correction: the chain copied at proposal, the stage waiting.
    review_plan = models.JSONField(default=list, blank=True, editable=False)
    review_position = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    current_action = models.CharField(max_length=40, blank=True, editable=False)
    decided_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "修改记录"
        verbose_name_plural = "修改记录"
        ordering = ["proposed_at", "pk"]
        constraints = [
            # One correction under review at a time: the next is written against the result.
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(status="pending"),
                name="catalog_one_pending_revision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_status_display()}"

    def current_stage_name(self) -> str:
        if self.review_position is None or self.review_position >= len(self.review_plan):
            return ""
        return self.review_plan[self.review_position]["name"]


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word 文档"
    XLSX = "xlsx", "Excel 表格"
    PNG = "png", "PNG 图片"
    JPEG = "jpeg", "JPEG 图片"
    GIF = "gif", "GIF 图片"


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="catalog/%Y/%m/", max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("catalog:attachment", args=[self.pk])


class GuidePage(models.Model):
    """公开指南: the editable part of an organization's guide. Contacts and the classification
    system are filled in from the organization and the vocabularies when the page is shown."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="guide_page"
    )
    body = models.TextField("指南正文", help_text="段落之间空一行；以“一、”开头的行显示为小标题。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "公开指南"
        verbose_name_plural = "公开指南"

    def __str__(self) -> str:
        return f"{self.organization} 公开指南"


class SearchOp(models.TextChoices):
    UPSERT = "upsert", "写入"
    DELETE = "delete", "删除"


class SearchPending(models.Model):
    """A change the search index has not yet taken in. Written in the same transaction as the
    change itself; removed by the index writer once the index has committed it."""

    item_id = models.BigIntegerField(db_index=True)
    op = models.CharField(max_length=10, choices=SearchOp.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.op} {self.item_id}"


class SearchEntry(models.Model):
    """An item as the PostgreSQL search backend holds it (GONGKAI_SEARCH_BACKEND=postgres):
    the rjieba terms of its title (weight A) and body (weight B) in a tsvector written term by
    term, never through PostgreSQL's parser, with a RUM index that answers the ranked top of a
    query from the index. Every item has one, drafts included (the staff search); the public
    search asks for published ones. Derived from the items like the tantivy index; unused with
    tantivy."""

    item_id = models.BigIntegerField(primary_key=True)
    organization_id = models.BigIntegerField()
    topic_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    validity = models.CharField(max_length=10, choices=Validity.choices)
    status = models.CharField(max_length=20, choices=ItemStatus.choices)
    tsv = SearchVectorField()

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"

    def __str__(self) -> str:
        return f"检索条目 {self.item_id}"
