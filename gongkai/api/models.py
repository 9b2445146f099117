"""Per-user API tokens: the secret is shown once at creation and only its SHA-256 is kept."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Organization


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="所属工作人员",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    # The organization the user sat in when the token was made: a token never reaches further
    # than that organization's tree, even if its user is later moved or given wider roles.
    organization = models.ForeignKey(
        Organization, verbose_name="所属机构", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("用途说明", max_length=60)
    # The first characters of the secret, shown so a user can tell their tokens apart.
    prefix = models.CharField("令牌前缀", max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"
