from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Organization


class ReportFormat(models.TextChoices):
    F2021 = "2021", "2021版（国办公开办函〔2021〕30号）"
    F2019 = "2019", "2019版（国办公开办函〔2019〕60号）"
    LEGACY = "legacy", "旧版（2008—2018年度）"


class ImportStatus(models.TextChoices):
    DRAFT = "draft", "待确认"
    CONFIRMED = "confirmed", "已确认"
    SUPERSEDED = "superseded", "已被新版本替换"


class ImportedReport(models.Model):
    """A published annual report of another agency (or a past year), read back into figures.

    The parsed document is kept as parsed; the confirmed one is what staff checked against the
    text and corrected. Only confirmed reports feed comparisons.
    """

    owner = models.ForeignKey(
        Organization,
        verbose_name="导入机构",
        on_delete=models.PROTECT,
        related_name="imported_reports",
    )
    reporting_body = models.CharField("报告机关", max_length=200)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    format = models.CharField("格式", max_length=10, choices=ReportFormat.choices)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    source_text = models.TextField("报告原文")
    parsed = models.JSONField("解析结果")
    document = models.JSONField("确认后的统计数据")
    violations = models.JSONField("勾稽问题", default=list)
    status = models.CharField(
        "状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.DRAFT
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("导入时间")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入的年度报告"
        verbose_name_plural = "导入的年度报告"
        ordering = ["-year", "reporting_body"]
        constraints = [
            # One confirmed report per agency and year for each importing organization.
            models.UniqueConstraint(
                fields=["owner", "reporting_body", "year"],
                condition=models.Q(status="confirmed"),
                name="one_confirmed_report_per_body_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporting_body} {self.year or ''}年度报告"


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", "编制中"
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    """This platform's own annual report of an organization for a year, computed from records.

    While a draft, `document` is recomputed from the records on demand; publication freezes it
    (with its violations and, when a leader published despite them, the written reason).
    `sections` holds the staff's text per section; `entered` the figures no record holds.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name="报告机关",
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField("年度")
    format = models.CharField("格式", max_length=10, choices=ReportFormat.choices)
    subtree = models.BooleanField("含下级机关合计", default=False)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=AnnualReportStatus.choices,
        default=AnnualReportStatus.DRAFT,
    )
    document = models.JSONField("统计数据", default=dict)
    violations = models.JSONField("勾稽问题", default=list)
    sections = models.JSONField("正文", default=dict)
    entered = models.JSONField("填报数据", default=dict)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    override_reason = models.TextField("带问题发布的理由", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    # The date the report bears (its 落款), which the public reads: a past year's report entered
    # now is dated as the agency published it, not as the platform did.
    dated_on = models.DateField("报告日期", null=True, blank=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "organization__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "subtree"], name="one_annual_report_per_org_year"
            )
        ]

    def __str__(self) -> str:
        suffix = "（含下级机关）" if self.subtree else ""
        return f"{self.organization.name}{self.year}年政府信息公开工作年度报告{suffix}"

    @property
    def is_published(self) -> bool:
        return self.status == AnnualReportStatus.PUBLISHED

    @property
    def date_shown(self):
        """The report's own date for readers: the date it bears, else the day it was published."""
        if self.dated_on:
            return self.dated_on
        return timezone.localdate(self.published_at) if self.published_at else None
