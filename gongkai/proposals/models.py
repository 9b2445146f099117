"""NPC deputies' suggestions and CPPCC members' proposals the agency handles, and their replies.

The annual report states how many replies were made in the year and how many of them were
published (the seed: 17 replies, 100 %). A reply that is not published keeps the reason why.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Organization


class ProposalKind(models.TextChoices):
    NPC_SUGGESTION = "npc_suggestion", "人大代表建议"
    CPPCC_PROPOSAL = "cppcc_proposal", "政协提案"


class HandlingRole(models.TextChoices):
    LEAD = "lead", "主办"
    CO = "co", "会办"


class ProposalStatus(models.TextChoices):
    OPEN = "open", "办理中"
    REPLIED = "replied", "已答复"


class Proposal(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="承办机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=16, choices=ProposalKind.choices)
    role = models.CharField("承办方式", max_length=8, choices=HandlingRole.choices)
    number = models.CharField("建议或提案编号", max_length=40)
    title = models.CharField("标题", max_length=200)
    proposer = models.CharField("代表或委员", max_length=100)
    received_on = models.DateField("交办日期")
    due_on = models.DateField("答复期限")
    status = models.CharField(
        "状态", max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    replied_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    reply = models.TextField("答复内容", blank=True)
    published_at = models.DateTimeField("答复公开时间", null=True, blank=True, db_index=True)
    withheld_reason = models.CharField("不公开理由", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminded_on = models.DateField("最近提醒日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "number", "role"],
                name="one_proposal_per_number",
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(status=ProposalStatus.REPLIED),
                name="proposal_published_only_when_replied",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{self.number}：{self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class EventKind(models.TextChoices):
    REGISTER = "register", "登记"
    REPLY = "reply", "答复"
    PUBLISH = "publish", "公开答复"
    WITHHOLD = "withhold", "不予公开"


class ProposalEvent(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
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
