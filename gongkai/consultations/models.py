"""Consultations about government-information disclosure (政府信息公开咨询) and the public Q&A.

A consultation is logged by staff (phone, in person) or asked on the portal (online). Answered,
it may be published as a question-and-answer pair, in wording staff check for personal details
(`public_question`, `public_answer`): what the asker wrote and who they are stay internal.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.applications.models import Application


class ConsultationChannel(models.TextChoices):
    """Keys are those of the legacy reports' `consultations` (annual-stats.md)."""

    PHONE = "phone", "电话"
    IN_PERSON = "in_person", "当面"
    ONLINE = "online", "网上"


class ConsultationStatus(models.TextChoices):
    OPEN = "open", "待答复"
    ANSWERED = "answered", "已答复"


class Consultation(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="咨询机关", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("咨询方式", max_length=12, choices=ConsultationChannel.choices)
    asked_on = models.DateField("咨询日期", db_index=True)
    topic = models.CharField("咨询事项", max_length=100)
    question = models.TextField("咨询内容", blank=True)
    asker_name = models.CharField("咨询人", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    # Keyed digest of the address an online question came from: counts questions per client
    # (see services.MAX_QUESTIONS_PER_HOUR) without keeping the address.
    asker_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    application = models.ForeignKey(
        Application,
        verbose_name="相关申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "状态",
        max_length=12,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
        db_index=True,
    )
    answer = models.TextField("答复内容", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    public_question = models.TextField("公开的问题", blank=True)
    public_answer = models.TextField("公开的答复", blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "政府信息公开咨询"
        verbose_name_plural = "政府信息公开咨询"
        ordering = ["-asked_on", "-pk"]
        indexes = [models.Index(fields=["organization", "asked_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(status=ConsultationStatus.ANSWERED),
                name="consultation_published_only_when_answered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.asked_on} {self.get_channel_display()}咨询：{self.topic}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("consultations:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class EventKind(models.TextChoices):
    LOG = "log", "登记"
    ASK = "ask", "网上提问"
    ANSWER = "answer", "答复"
    PUBLISH = "publish", "公开为问答"
    UNPUBLISH = "unpublish", "撤下问答"


class ConsultationEvent(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=EventKind.choices)
    at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    context = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
