"""Letters (文书) of a case: the templates an office edits, its 文号 sequences, the issued
letters frozen with their files, and the record of their service (送达).

An issued `Letter` is written once: its content is frozen when the event that needs it is
written, its DOCX and PDF are stored once with their sha256, and a correction is a new letter
(next version, new 文号) that supersedes it. Both stay.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.applications.models import Application, ApplicationEvent


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", "登记回执"
    CORRECTION = "correction", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "征求意见函"
    CONSULTATION_RECORD = "consultation_record", "征求意见答复记录"
    TRANSFER = "transfer", "转送告知书"
    REPLY = "reply", "答复告知书"
    FEE_NOTICE = "fee_notice", "收费通知书"


# Letters addressed to the applicant (the others go to a third party or stay in the file).
TO_APPLICANT = frozenset(
    {
        LetterKind.RECEIPT,
        LetterKind.CORRECTION,
        LetterKind.EXTENSION,
        LetterKind.TRANSFER,
        LetterKind.REPLY,
        LetterKind.FEE_NOTICE,
    }
)


class LetterSettings(models.Model):
    """An office's settings for its letters: review body, 机关代字 and 文号 patterns."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="letter_settings"
    )
    review_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="2024年1月1日起，地方政府部门的行政复议机关一般为本级人民政府，例如“上海市人民政府”。",
    )
    abbreviation = models.CharField(
        "机关代字", max_length=20, blank=True, help_text="文号中的机关代字，例如“沪司”。"
    )
    # kind → pattern with {代字}, {年} and {号}; kinds not present use the default.
    patterns = models.JSONField("文号格式", default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "文书设置"
        verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return f"{self.organization}"


class LetterTemplate(models.Model):
    """An office's own wording of one kind of letter (for a reply: of one outcome leaf).

    Offices without a row use the shipped default (`defaults.py`); resetting deletes the row.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField("文书类型", max_length=24, choices=LetterKind.choices)
    # The outcome leaf of a reply, the party of a consultation, else "".
    variant = models.CharField("适用情形", max_length=60, blank=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "variant"], name="one_letter_template_per_case"
            )
        ]

    def __str__(self) -> str:
        return self.title


class LetterCounter(models.Model):
    """Last serial of an office's 文号 per kind and year; serials are never reused."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "year"], name="one_letter_counter_per_kind_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.kind}/{self.year}: {self.last}"


def _letter_path(instance, filename):
    app = instance.application
    return f"letters/{app.year}/{app.tracking_number}/{filename}"


class LetterQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)


class Letter(models.Model):
    """One issued letter, frozen: `content` is what was printed, the files never change."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="letters")
    event = models.ForeignKey(
        ApplicationEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="发文机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("文书类型", max_length=24, choices=LetterKind.choices)
    variant = models.CharField("适用情形", max_length=60, blank=True)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("文号", max_length=100)
    version = models.PositiveSmallIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    superseded_at = models.DateTimeField("被更正时间", null=True, blank=True)
    correction_reason = models.CharField("更正理由", max_length=300, blank=True)
    issued_on = models.DateField("成文日期")
    title = models.CharField("标题", max_length=100)
    # The document as printed: {"addressee": str, "paragraphs": [str], "agency": str}.
    content = models.JSONField("内容")
    docx = models.FileField(upload_to=_letter_path, blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to=_letter_path, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    # When making the files last failed (cleared once they exist): staff see it on the case page.
    files_failed_at = models.DateTimeField("文件生成失败时间", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by_name = models.CharField("制发人", max_length=150, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["issued_on", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "year", "serial"], name="one_letter_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        # Written once: later changes go through the guarded updates in services.py.
        if not self._state.adding:
            raise ValueError("已制发的文书不能修改；更正请重新生成新版本。")
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    @property
    def has_files(self) -> bool:
        """Both files are stored (until then the letter shows as 生成中)."""
        return bool(self.docx and self.pdf)

    @property
    def to_applicant(self) -> bool:
        return self.kind in TO_APPLICANT


class ServiceMethod(models.TextChoices):
    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄"
    IN_PERSON = "in_person", "当面"
    ONLINE = "online", "在线"


def _proof_path(instance, filename):
    app = instance.letter.application
    return f"letters/{app.year}/{app.tracking_number}/proof/{filename}"


class Service(models.Model):
    """Service (送达) of a letter: how, when, and the proof (送达回证, 邮件签收单…)."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="services")
    method = models.CharField("送达方式", max_length=12, choices=ServiceMethod.choices)
    served_on = models.DateField("送达日期")
    postal_tracking = models.CharField("邮件号", max_length=40, blank=True)
    email_to = models.EmailField("送达邮箱", blank=True)
    proof = models.FileField("送达凭证", upload_to=_proof_path, blank=True)
    proof_name = models.CharField("凭证文件名", max_length=200, blank=True)
    proof_sha256 = models.CharField(max_length=64, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField("登记人", max_length=150, blank=True)

    class Meta:
        verbose_name = "送达记录"
        verbose_name_plural = "送达记录"
        ordering = ["served_on", "pk"]

    def __str__(self) -> str:
        return f"{self.letter.number} {self.get_method_display()} {self.served_on}"
