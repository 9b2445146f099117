from django.conf import settings
from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class OfficialYear(models.Model):
    """A year's official holiday schedule as the State Council published it, entered by the office.

    When a year has a row here, its days replace whatever chinese-calendar says for that year:
    this is how the office adds a year the package does not know yet (or corrects one).
    """

    year = models.PositiveSmallIntegerField("年度", unique=True)
    notice = models.CharField(
        "依据", max_length=200, help_text="例如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    entered_at = models.DateTimeField("录入时间", auto_now=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class OfficialDay(models.Model):
    """One holiday or one make-up working day (调休上班) of an official year."""

    schedule = models.ForeignKey(OfficialYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=40)

    class Meta:
        verbose_name = "节假日安排日"
        verbose_name_plural = "节假日安排日"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DayKind.values), name="official_day_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}{self.get_kind_display()}"
