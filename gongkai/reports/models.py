from django.conf import settings
from django.db import models

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
