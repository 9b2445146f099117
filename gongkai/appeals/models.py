"""Administrative reviews and lawsuits about the office's disclosure work (table 四).

`status` is where a case is (审理中 / 已审结); `result` is how it ended, one class of the national
table. A case still open at the end of a year is that year's 尚未审结: "pending" is computed,
never stored.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.applications.models import Application


class AppealKind(models.TextChoices):
    """Keys are the groups of table 四 (annual-stats.md `appeals`)."""

    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"

    @property
    def is_lawsuit(self) -> bool:
        return self != AppealKind.REVIEW


class AppealStatus(models.TextChoices):
    OPEN = "open", "审理中"
    DECIDED = "decided", "已审结"


class AppealResult(models.TextChoices):
    """Keys are the result columns of table 四; 尚未审结 is an open case, not a result."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


# How each result reads for a lawsuit: a judgment rejecting the claim counts as 维持 (table 四).
LAWSUIT_RESULT_LABELS = {
    AppealResult.UPHELD: "维持或驳回诉讼请求",
    AppealResult.CORRECTED: "结果纠正（撤销、确认违法或责令重新答复等）",
    AppealResult.OTHER: "其他结果（撤诉、终止等）",
}
REVIEW_RESULT_LABELS = {
    AppealResult.UPHELD: "维持",
    AppealResult.CORRECTED: "结果纠正（撤销、变更、确认违法或责令重新答复等）",
    AppealResult.OTHER: "其他结果（驳回申请、终止等）",
}


class AppealQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=AppealStatus.OPEN)

    def counted(self):
        """The cases table 四 counts: not those where the office was only the review body
        sued together with the original agency (国办公开办函〔2016〕201号, regulations.md §3.5)."""
        return self.filter(co_defendant_only=False)

    def with_dates_by(self, day: date, today: date):
        """Open cases with a hearing or a deadline between today and `day`, or a deadline
        already passed."""
        return self.open().filter(
            models.Q(hearing_on__gte=today, hearing_on__lte=day) | models.Q(deadline_on__lte=day)
        )


class Appeal(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="被申请机关", on_delete=models.PROTECT, related_name="appeals"
    )
    application = models.ForeignKey(
        Application,
        verbose_name="涉及的申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    kind = models.CharField("类型", max_length=24, choices=AppealKind.choices)
    case_number = models.CharField("案号", max_length=60, blank=True)
    appellant = models.CharField("申请人或原告", max_length=100)
    body = models.CharField("复议机关或法院", max_length=100)
    subject = models.TextField("争议事项")
    co_defendant_only = models.BooleanField(
        "本机关仅作为复议机关共同被告（不计入本机关年报）", default=False
    )
    filed_on = models.DateField("立案（收到）日期", db_index=True)
    hearing_on = models.DateField("听证或开庭日期", null=True, blank=True)
    deadline_on = models.DateField("答复或举证期限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    result = models.CharField("结果", max_length=12, choices=AppealResult.choices, blank=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result_note = models.TextField("结果说明", blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reminded_on = models.DateField("最近提醒日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = "行政复议或行政诉讼"
        verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status=AppealStatus.OPEN, result="", decided_on__isnull=True)
                    | models.Q(
                        status=AppealStatus.DECIDED,
                        result__in=AppealResult.values,
                        decided_on__isnull=False,
                    )
                ),
                name="appeal_result_only_when_decided",
            ),
            # A case number names one case of one office; cases without one are many.
            models.UniqueConstraint(
                fields=["organization", "case_number"],
                condition=~models.Q(case_number=""),
                name="appeal_case_number_unique_per_organization",
            ),
        ]

    def __str__(self) -> str:
        number = f"{self.case_number} " if self.case_number else ""
        return f"{number}{self.get_kind_display()}（{self.appellant}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("appeals:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == AppealStatus.OPEN

    @property
    def result_label(self) -> str:
        if not self.result:
            return "尚未审结"
        labels = LAWSUIT_RESULT_LABELS if AppealKind(self.kind).is_lawsuit else REVIEW_RESULT_LABELS
        return labels[AppealResult(self.result)]

    def next_date(self, today: date | None = None) -> tuple[date, str] | None:
        """The next date to keep on an open case: a coming hearing, or the deadline (shown
        even when passed, so that a missed one stays in sight)."""
        if not self.is_open:
            return None
        today = today or timezone.localdate()
        dates = []
        if self.hearing_on and self.hearing_on >= today:
            dates.append((self.hearing_on, "听证或开庭"))
        if self.deadline_on:
            dates.append((self.deadline_on, "答复或举证期限"))
        return min(dates) if dates else None


class EventKind(models.TextChoices):
    FILE = "file", "登记"
    SCHEDULE = "schedule", "更新听证、开庭或期限"
    DOCUMENT = "document", "上传文书"
    DECIDE = "decide", "登记结果"


class AppealEvent(models.Model):
    """One step of a case: its timeline and the record of who did what."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=EventKind.choices)
    on = models.DateField("发生日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    summary = models.CharField("内容", max_length=300, blank=True)
    context = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["on", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


def _document_path(instance, filename):
    return f"appeals/{instance.appeal.filed_on.year}/{instance.appeal_id}/{filename}"


class AppealDocument(models.Model):
    """A paper of the case: the application for review, the complaint, the decision, the judgment."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("文书名称", max_length=100)
    file = models.FileField("文件", upload_to=_document_path)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title
