"""办事指南 and 权责清单: the structure of a catalog item that is a service guide or a power.

Each guide and each power is a catalog item (its 索引号, review chain, publication, search and
withdrawal are the catalog's) with a one-to-one record here holding its structure. The item's
body is composed from that structure on every save (services.compose_*), so that full-text
search finds a guide by the name of a material it requires and reviewers read all of it.
"""

from django.db import models
from django.urls import reverse

from gongkai.catalog.models import Item

# The 栏目 (catalog topics) the two columns publish under; created by migration 0002.
GUIDE_TOPIC_CODE = "bszn"
POWER_TOPIC_CODE = "qzqd"


class PowerType(models.TextChoices):
    """The ten kinds of administrative power a 权责清单 is sorted by (国务院办公厅
    《关于推行地方各级政府工作部门权力清单制度的指导意见》)."""

    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    PAYMENT = "payment", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


class FlowchartKind(models.TextChoices):
    PNG = "png", "PNG 图片"
    JPEG = "jpeg", "JPEG 图片"
    GIF = "gif", "GIF 图片"


class ServiceGuide(models.Model):
    """办事指南 of one service item (its name is the item's title)."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="service_guide")
    conditions = models.TextField("办理条件", help_text="每行一条。")
    place = models.CharField("办理地点", max_length=200)
    hours = models.CharField("办理时间", max_length=200)
    process = models.TextField("办理流程", help_text="每行一个步骤，按先后顺序填写。")
    flowchart = models.FileField("流程图", upload_to="guides/%Y/", max_length=200, blank=True)
    flowchart_kind = models.CharField(max_length=10, choices=FlowchartKind.choices, blank=True)
    flowchart_alt = models.CharField(
        "流程图文字说明",
        max_length=300,
        blank=True,
        help_text="供读屏软件朗读和图片无法显示时阅读，简述流程图的内容。",
    )
    apply_ways = models.TextField(
        "申请方式", help_text="例如 窗口申请、网上申请（一网通办），每行一种。"
    )
    legal_basis = models.TextField("法律依据", help_text="每行一部法律、法规或规章及其条款。")
    time_limit = models.CharField("办理时限", max_length=200)
    fees = models.CharField("收费标准", max_length=200, default="不收费")
    contact = models.CharField("咨询电话", max_length=200)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    # A correction of the published entry waiting for review (catalog.corrections): the
    # structure as proposed, applied when the item's revision takes effect, dropped if returned.
    pending = models.JSONField("待审核的更正", default=dict, blank=True)

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    def __str__(self) -> str:
        return self.item.title

    def get_absolute_url(self) -> str:
        return reverse("guides:guide", args=[self.pk])

    def process_steps(self) -> list[str]:
        return _lines(self.process)

    def condition_lines(self) -> list[str]:
        return _lines(self.conditions)

    def apply_way_lines(self) -> list[str]:
        return _lines(self.apply_ways)

    def basis_lines(self) -> list[str]:
        return _lines(self.legal_basis)


class GuideMaterial(models.Model):
    """One 申请材料 a guide asks for, in the order the applicant gathers them."""

    guide = models.ForeignKey(ServiceGuide, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("材料名称", max_length=200)
    requirement = models.CharField("份数及要求", max_length=200, blank=True)

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["guide_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "position"], name="guides_unique_material_position"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Power(models.Model):
    """One entry of the 权责清单 (its name is the item's title)."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="power")
    power_type = models.CharField("权力类型", max_length=20, choices=PowerType.choices)
    code = models.CharField("权力编码", max_length=60, blank=True)
    basis = models.TextField("设定依据", help_text="每行一部法律、法规或规章及其条款。")
    division = models.CharField("责任处室", max_length=100)
    responsibilities = models.TextField("责任事项", help_text="每行一项。")
    accountability = models.TextField("追责情形", help_text="每行一种情形。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    # A correction of the published entry waiting for review (catalog.corrections): the
    # structure as proposed, applied when the item's revision takes effect, dropped if returned.
    pending = models.JSONField("待审核的更正", default=dict, blank=True)

    class Meta:
        verbose_name = "权责清单事项"
        verbose_name_plural = "权责清单"
        indexes = [models.Index(fields=["power_type"], name="guides_power_type")]

    def __str__(self) -> str:
        return self.item.title

    def get_absolute_url(self) -> str:
        return reverse("guides:power", args=[self.pk])

    def basis_lines(self) -> list[str]:
        return _lines(self.basis)

    def responsibility_lines(self) -> list[str]:
        return _lines(self.responsibilities)

    def accountability_lines(self) -> list[str]:
        return _lines(self.accountability)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
