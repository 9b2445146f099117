"""The office's channels, year by year: press conferences, government new-media accounts with
their monthly figures, and the hotline and service-hall figures.

The annual report states them in its text (regulations.md; report-sources.md: "the records of
the issue that keeps them"): staff enter them on one page per year, each row keeping who
entered it, and selectors.year_figures gives them to the report.
"""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Organization


class Platform(models.TextChoices):
    WEIBO = "weibo", "微博"
    WECHAT = "wechat", "微信公众号"
    APP = "app", "移动客户端"
    OTHER = "other", "其他平台"


def _entered_by():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.PROTECT,
        related_name="+",
    )


class PressConference(models.Model):
    """新闻发布会 (and 新闻通气会) held by the organization."""

    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("召开日期")
    title = models.CharField("发布会名称", max_length=200)
    policies = models.TextField("涉及的政策", blank=True, help_text="每行一项。")
    entered_by = _entered_by()
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "新闻发布会"
        verbose_name_plural = "新闻发布会"
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["organization", "held_on"], name="channels_press_org_day")]

    def __str__(self) -> str:
        return self.title

    def policy_lines(self) -> list[str]:
        return [line.strip() for line in self.policies.splitlines() if line.strip()]


class MediaAccount(models.Model):
    """A government new-media account (政务微博、微信公众号、客户端) the organization runs."""

    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.PROTECT, related_name="+"
    )
    platform = models.CharField("平台", max_length=10, choices=Platform.choices)
    name = models.CharField("账号名称", max_length=100)
    launched_on = models.DateField("开通日期", null=True, blank=True)
    entered_by = _entered_by()
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "政务新媒体账号"
        verbose_name_plural = "政务新媒体账号"
        ordering = ["platform", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "platform", "name"], name="channels_unique_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}“{self.name}”"


class MediaMonth(models.Model):
    """One month of an account: followers at the month's end, posts, average reads per post."""

    account = models.ForeignKey(MediaAccount, on_delete=models.CASCADE, related_name="months")
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    followers = models.PositiveIntegerField("关注人数（月末）")
    posts = models.PositiveIntegerField("发布条数")
    average_reads = models.PositiveIntegerField("篇均阅读量")
    entered_by = _entered_by()
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = "新媒体月度数据"
        verbose_name_plural = "新媒体月度数据"
        ordering = ["account_id", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "year", "month"], name="channels_unique_account_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="channels_month_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.year}-{self.month:02d}"


class ServiceFigures(models.Model):
    """The year's hotline and service-hall figures (热线和办事大厅)."""

    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    hotline_calls = models.PositiveIntegerField("热线咨询（人次）", default=0)
    online_consultations = models.PositiveIntegerField("在线咨询（人次）", default=0)
    message_consultations = models.PositiveIntegerField("留言咨询（人次）", default=0)
    hall_visits = models.PositiveIntegerField("实体窗口咨询（人次）", default=0)
    entered_by = _entered_by()
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = "热线与大厅数据"
        verbose_name_plural = "热线与大厅数据"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="channels_unique_figures_year"
            )
        ]

    def __str__(self) -> str:
        # What the audit log stores about the record: named, not "1/2026".
        return f"{self.organization.name}{self.year}年"


SERVICE_FIGURE_FIELDS = (
    "hotline_calls",
    "online_consultations",
    "message_consultations",
    "hall_visits",
)
