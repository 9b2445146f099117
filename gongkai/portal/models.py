"""What the site says of itself in its footer, as government sites must (主办、承办、备案)."""

from django.core.validators import RegexValidator
from django.db import models


class SiteInfo(models.Model):
    """The site's identification, one row; every field is shown only when the office set it."""

    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    site_code = models.CharField(
        "网站标识码",
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{10}$", "网站标识码为10位数字（如 3100000049）。")],
        help_text="由国务院办公厅政府网站管理部门核发，10位数字。",
    )
    icp_record = models.CharField(
        "ICP备案号",
        max_length=50,
        blank=True,
        validators=[
            RegexValidator(
                r"^[\u4e00-\u9fff]ICP备\d{6,12}号(-\d+)?$", "ICP备案号形如“沪ICP备05015277号-1”。"
            )
        ],
    )
    police_record = models.CharField(
        "公安机关备案号",
        max_length=50,
        blank=True,
        validators=[
            RegexValidator(
                r"^[\u4e00-\u9fff]公网安备\s?\d{10,16}号$",
                "公安机关备案号形如“沪公网安备 31010402001234号”。",
            )
        ],
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "网站标识信息"
        verbose_name_plural = "网站标识信息"

    def __str__(self) -> str:
        return "网站标识信息"

    @classmethod
    def current(cls) -> "SiteInfo":
        """The row (an empty, unsaved one until the office fills it in)."""
        return cls.objects.order_by("pk").first() or cls()

    @property
    def police_record_number(self) -> str:
        """The digits of the 公安机关备案号, which its public lookup takes."""
        return "".join(ch for ch in self.police_record if ch.isdigit())
