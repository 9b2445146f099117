"""The office's word lists, the findings of checks on catalog items, and cleaned attachments."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Organization

from .findings import FindingKind


class TermKind(models.TextChoices):
    OBSOLETE_NAME = FindingKind.OBSOLETE_NAME.value, "已变更的机构名称"
    OFFICE_WORDING = FindingKind.OFFICE_WORDING.value, "规范表述（错误写法 → 正确写法）"
    FORBIDDEN = FindingKind.FORBIDDEN.value, "禁用表述"
    MISUSED = FindingKind.MISUSED.value, "易错字词"


class Term(models.Model):
    """A wording rule the office adds to the shipped lists (defaults.py)."""

    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("类别", max_length=20, choices=TermKind.choices)
    text = models.CharField("查找的写法", max_length=100)
    suggestion = models.CharField("应改为", max_length=100, blank=True)
    since = models.DateField(
        "变更日期",
        null=True,
        blank=True,
        help_text="机构名称变更的生效日期；此后成文的文件才提示。",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查词条"
        verbose_name_plural = "检查词条"
        ordering = ["kind", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "text"], name="unique_inspection_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.suggestion}" if self.suggestion else self.text


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    CONFIRMED = "confirmed", "确认有误"
    DISMISSED = "dismissed", "已排除"
    RESOLVED = "resolved", "已修改"


BLOCKING = (FindingStatus.OPEN, FindingStatus.CONFIRMED)


class FindingQuerySet(models.QuerySet):
    def blocking(self):
        return self.filter(status__in=BLOCKING)


class Finding(models.Model):
    """What a check found in a catalog item. Personal data is stored masked, never in full."""

    item = models.ForeignKey(
        "catalog.Item", verbose_name="公开信息", on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField("类别", max_length=20, choices=FindingKind.choices)
    place = models.CharField("位置", max_length=230)
    found = models.CharField("发现的内容", max_length=100)
    suggestion = models.CharField("建议", max_length=200, blank=True)
    context = models.CharField("上下文", max_length=200, blank=True)
    # Same kind, place and text: the same finding when the item is checked again.
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        "处理状态", max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    reason = models.CharField("处理理由", max_length=300, blank=True)
    from_rescan = models.BooleanField("发布后复查发现", default=False)
    created_at = models.DateTimeField("发现时间", auto_now_add=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = "内容检查发现"
        verbose_name_plural = "内容检查发现"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "fingerprint"], name="unique_item_finding")
        ]
        indexes = [models.Index(fields=["status", "from_rescan"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.found}"

    @property
    def blocks(self) -> bool:
        return self.status in BLOCKING


class CleanedAttachment(models.Model):
    """The copy of an attachment the public downloads: its hidden metadata removed."""

    attachment = models.OneToOneField(
        "catalog.Attachment", on_delete=models.CASCADE, related_name="cleaned"
    )
    file = models.FileField("公开文件", upload_to="catalog/cleaned/%Y/%m/", max_length=200)
    removed = models.JSONField("去除的内容", default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "去除元数据的附件"
        verbose_name_plural = "去除元数据的附件"

    def __str__(self) -> str:
        return str(self.attachment)


class LinkCheck(models.Model):
    """An external link in a published item and what its last check found."""

    item = models.ForeignKey("catalog.Item", on_delete=models.CASCADE, related_name="+")
    url = models.CharField("网址", max_length=500)
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    ok = models.BooleanField("可以访问", null=True)
    detail = models.CharField("结果", max_length=200, blank=True)

    class Meta:
        verbose_name = "外部链接检查"
        verbose_name_plural = "外部链接检查"
        constraints = [models.UniqueConstraint(fields=["item", "url"], name="unique_item_link")]
        indexes = [models.Index(fields=["checked_at"])]

    def __str__(self) -> str:
        return self.url
