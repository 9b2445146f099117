"""Applicants' personal data: who sees it unmasked, where their files live, and its erasure.

Staff who do not handle a case (the division head, a reviewer, the leader) see an applicant's
ID number, phone and address masked; the clerks who register and the 承办人 see them whole.
Anyone who may see the case can still reveal them on purpose, and that is written to the
audit log. The audit log itself never names the applicant: entries point at the case by its
tracking number only (`Application.__str__`).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.permissions import Action, can
from gongkai.inspection.personal import mask

from .models import Application, ApplicationEvent, Attachment, EventKind, Status
from .storage import remove_files

# ---------------------------------------------------------------- masking

SESSION_KEY = "revealed_applications"


def handles(user, application: Application) -> bool:
    """The case's 承办人 and the clerks who register cases in its organization."""
    if application.assignee_id is not None and application.assignee_id == user.pk:
        return True
    return can(user, Action.APPLICATION_INTAKE, application.organization_id)


def revealed(request, application: Application) -> bool:
    return application.pk in request.session.get(SESSION_KEY, [])


def shows_whole(request, application: Application) -> bool:
    return handles(request.user, application) or revealed(request, application)


def mask_address(value: str) -> str:
    """The district at most: 上海市徐汇区漕溪北路88号 → 上海市徐汇区****."""
    if not value:
        return ""
    for marker in ("区", "县", "市"):
        at = value.find(marker, 0, 12)
        if at >= 0:
            return value[: at + 1] + "****"
    return value[:3] + "****"


def mask_email(value: str) -> str:
    if "@" not in value:
        return mask(value) if value else ""
    local, domain = value.split("@", 1)
    return f"{local[:1]}***@{domain}"


@dataclass(frozen=True)
class ApplicantView:
    """The applicant's particulars as this viewer may see them."""

    masked: bool
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str


def applicant_view(request, application: Application) -> ApplicantView:
    app = application
    if shows_whole(request, app):
        return ApplicantView(False, app.id_number, app.phone, app.email, app.address, app.postcode)
    return ApplicantView(
        True,
        mask(app.id_number) if app.id_number else "",
        mask(app.phone) if app.phone else "",
        mask_email(app.email),
        mask_address(app.address),
        "",
    )


def reveal(request, application: Application) -> None:
    """The deliberate 显示完整信息: remembered for this session, recorded in the audit log."""
    shown = request.session.get(SESSION_KEY, [])
    if application.pk not in shown:
        request.session[SESSION_KEY] = [*shown, application.pk][-50:]
    audit.record(
        "applications.personal_data_revealed",
        application,
        actor=request.user,
        changes={"fields": ["证件号码", "联系电话", "电子邮箱", "通信地址"]},
    )


# ---------------------------------------------------------------- purge

ERASED_NAME = "（已删除）"
PERSONAL_FIELDS = (
    "applicant_name",
    "id_number",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
)


@dataclass
class PurgeResult:
    cases: list[str]
    files: int

    def __str__(self) -> str:
        return f"已删除 {len(self.cases)} 件申请的申请人个人信息，{self.files} 个附件。"


def archived_before(day: date):
    """Archived cases whose archiving was recorded before `day` and that still hold data."""
    archived = ApplicationEvent.objects.filter(kind=EventKind.ARCHIVE, on__lt=day).values(
        "application_id"
    )
    holding = ~Q(applicant_name=ERASED_NAME) | Q(pk__in=Attachment.objects.values("application_id"))
    return Application.objects.filter(holding, status=Status.ARCHIVED, pk__in=archived)


def personal_data_purge(*, before: date) -> PurgeResult:
    """Erase names, ID numbers, contacts, addresses and attachments of cases archived before
    `before`; keep the skeleton (tracking number, dates, channel, applicant kind, outcome,
    events) so that every statistic stays. A second run finds nothing left to erase."""
    if before > timezone.localdate():
        raise ValueError("日期不能晚于今天。")
    cases, files = [], []
    with transaction.atomic():
        for app in archived_before(before).select_for_update().order_by("pk"):
            for field in PERSONAL_FIELDS:
                setattr(app, field, "")
            app.applicant_name = ERASED_NAME
            app.save(update_fields=[*PERSONAL_FIELDS, "updated_at"])
            # What the applicant wrote with an online correction may name them too.
            for event in app.events.filter(kind=EventKind.CORRECTION_ONLINE):
                if event.context.get("note"):
                    event.context = {**event.context, "note": ERASED_NAME}
                    event.save(update_fields=["context"])
            for item in app.attachments.all():
                files.append(item.file.name)
                item.delete()
            cases.append(app.tracking_number)
        if cases:
            audit.record(
                "applications.personal_data_purged",
                None,
                changes={
                    "archived_before": before.isoformat(),
                    "cases": len(cases),
                    "files": len(files),
                },
            )
        transaction.on_commit(lambda: remove_files(files))
    return PurgeResult(cases, len(files))
