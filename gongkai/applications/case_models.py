"""Models of 信息处理费, possible repeats and 第44条 release links; imported by models.py."""

from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Organization


class FeeMethod(models.TextChoices):
    PER_APPLICATION = "per_application", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class FeeStatus(models.TextChoices):
    PENDING = "pending", "待缴费"
    PAID = "paid", "已缴费"
    WAIVED = "waived", "已减免"
    LAPSED = "lapsed", "逾期未缴费"


class FeeSetting(models.Model):
    """Fees are off unless an office turns them on (109号 leaves charging to each agency)."""

    organization = models.OneToOneField(
        Organization, verbose_name="机关", on_delete=models.CASCADE, related_name="fee_setting"
    )
    enabled = models.BooleanField("收取信息处理费", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "信息处理费设置"
        verbose_name_plural = "信息处理费设置"

    def __str__(self) -> str:
        return f"{self.organization_id}: {'收费' if self.enabled else '不收费'}"


class FeeNotice(models.Model):
    """One 收费通知: the method the clerk chose, the computed amount and its breakdown (as it
    was computed on the day: a later application of the month does not change it), and how
    it ended — paid (amount, receipt number), waived, or lapsed."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="fee_notices"
    )
    event = models.OneToOneField(
        "applications.ApplicationEvent", on_delete=models.PROTECT, related_name="fee_notice"
    )
    method = models.CharField("计收方式", max_length=20, choices=FeeMethod.choices)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    page_note = models.CharField("页数说明", max_length=200, blank=True)
    ordinal = models.PositiveIntegerField("本月第几件", null=True, blank=True)
    amount = models.PositiveIntegerField("应缴金额（元）")
    breakdown = models.JSONField("计算明细", default=list)
    issued_on = models.DateField("通知日期")
    pay_by = models.DateField("缴费期限")
    status = models.CharField(
        "状态", max_length=10, choices=FeeStatus.choices, default=FeeStatus.PENDING
    )
    settled_on = models.DateField("缴费/减免/逾期确认日期", null=True, blank=True)
    paid_amount = models.PositiveIntegerField("实缴金额（元）", null=True, blank=True)
    receipt_number = models.CharField("缴费票据号", max_length=60, blank=True)
    waiver_reason = models.CharField("减免理由", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status="pending"),
                name="one_pending_fee_per_case",
            ),
            models.CheckConstraint(
                condition=models.Q(method="per_application", pages__isnull=True)
                | models.Q(method="per_page", ordinal__isnull=True),
                name="fee_one_method_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount} 元"


class SimilarApplication(models.Model):
    """An earlier application found, when `application` was registered, to ask for nearly the
    same thing (repeats.py): shown to the clerk as a possible 重复申请, never acted on alone."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="similar"
    )
    earlier = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField("相似度")
    same_applicant = models.BooleanField("同一申请人", default=False)

    class Meta:
        verbose_name = "可能的重复申请"
        verbose_name_plural = "可能的重复申请"
        ordering = ["-same_applicant", "-score", "-earlier_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "earlier"], name="one_match_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}~{self.earlier_id} {self.score:.2f}"


class ReleaseLink(models.Model):
    """第44条: information disclosed on application and then released to all, as a catalog
    item that stays linked to every application it answered."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="release_links"
    )
    item = models.ForeignKey(
        "catalog.Item", on_delete=models.CASCADE, related_name="+", verbose_name="主动公开信息"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "转为主动公开"
        verbose_name_plural = "转为主动公开"
        constraints = [
            models.UniqueConstraint(fields=["application", "item"], name="one_link_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.item_id}"
