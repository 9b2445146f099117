"""Visit counters: one row per (day, section, page object, organization), never one row per hit.

Nothing here identifies a visitor. Unique visitors are de-duplicated within a day by a digest of
(IP, User-Agent) under a random salt that lives only for that day; when the day is over the
digests and the salt are deleted and only the day's count remains (`DailyVisitors`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce

from gongkai.accounts.models import Organization


class DailyVisit(models.Model):
    """How many public page views a section (and one page object in it) had on one day."""

    day = models.DateField("日期")
    section = models.CharField("栏目", max_length=60)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="对象类型",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField("对象编号", null=True, blank=True)
    # The organization the page belongs to; empty for site-wide pages (home, guide, search).
    organization = models.ForeignKey(
        Organization,
        verbose_name="所属机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveIntegerField("访问次数", default=0)

    class Meta:
        verbose_name = "每日访问量"
        verbose_name_plural = "每日访问量"
        ordering = ["-day", "section"]
        constraints = [
            # NULL never equals NULL in a unique index, so the optional columns are coalesced:
            # two requests that create the same day's row at once collide here, and the loser
            # retries its UPDATE instead of adding a second row. Its leading (day, section) also
            # serves every period query, so the table needs no other index.
            models.UniqueConstraint(
                "day",
                "section",
                Coalesce("content_type", Value(0)),
                Coalesce("object_id", Value(0)),
                Coalesce("organization", Value(0)),
                name="analytics_dailyvisit_one_row_per_slot",
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__isnull=True, object_id__isnull=True)
                | models.Q(content_type__isnull=False, object_id__isnull=False),
                name="analytics_dailyvisit_object_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.section} {self.count}"


class DailyVisitors(models.Model):
    """The number of distinct visitors of a finished day (digests already deleted)."""

    day = models.DateField("日期", unique=True)
    count = models.PositiveIntegerField("访客数", default=0)

    class Meta:
        verbose_name = "每日访客数"
        verbose_name_plural = "每日访客数"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.count}"


class VisitorSalt(models.Model):
    """Today's random salt. Deleted with the day's digests once the day is over."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)


class VisitorSeen(models.Model):
    """A salted digest of (IP, User-Agent) seen today; kept only until the day is rolled up."""

    day = models.DateField()
    digest = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "digest"], name="analytics_visitor_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.digest}"
