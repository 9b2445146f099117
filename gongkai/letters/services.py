"""Issuing letters: numbering, freezing, storing their files once, correcting and serving them.

A letter is issued inside the transaction that writes the event needing it (see
`case_documents.py`): its 文号 is reserved on the office's counter row for that kind and year
(the row stays locked until the transaction ends, so concurrent signings get consecutive,
distinct serials) and its content is frozen from the template and the case as they are then.
The DOCX and PDF are made from that frozen content after the commit (by a Celery worker when
a broker is set, else in this process) and stored once with their sha256; `letter_files` makes
them on demand if that step did not run, and `letters_render_missing` catches up periodically.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, require
from gongkai.applications.models import Application, ApplicationEvent, EventKind, Status
from gongkai.lib import counters, filetypes, mail
from gongkai.lib.exporters import render

from . import defaults, fields
from .models import (
    Letter,
    LetterCounter,
    LetterKind,
    LetterSettings,
    LetterTemplate,
    Service,
    ServiceMethod,
)
from .rendering import LetterError, document, fill, problems

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- settings and numbering

KIND_CHAR = {
    LetterKind.RECEIPT: "回",
    LetterKind.CORRECTION: "补",
    LetterKind.EXTENSION: "延",
    LetterKind.CONSULTATION: "征",
    LetterKind.CONSULTATION_RECORD: "记",
    LetterKind.TRANSFER: "转",
    LetterKind.REPLY: "复",
    LetterKind.FEE_NOTICE: "费",
}
PATTERN_FIELDS = ("代字", "年", "号")
# The review body of a local department since the 行政复议法 of 2024 (regulations.md §1.5.8),
# until the office names it.
DEFAULT_REVIEW_BODY = "本级人民政府"


def default_pattern(kind: LetterKind) -> str:
    return f"{{代字}}信公{KIND_CHAR[LetterKind(kind)]}〔{{年}}〕第{{号}}号"


def settings_for(organization: Organization) -> LetterSettings:
    """The office's settings (an unsaved default when it has none yet)."""
    found = LetterSettings.objects.filter(organization=organization).first()
    return found or LetterSettings(organization=organization)


def pattern_for(settings: LetterSettings, kind: LetterKind) -> str:
    return (settings.patterns or {}).get(LetterKind(kind).value) or default_pattern(kind)


def pattern_problem(pattern: str) -> str | None:
    names = re.findall(r"\{([^{}]*)\}", pattern)
    unknown = [n for n in names if n not in PATTERN_FIELDS]
    if unknown:
        return f"文号格式中的“{{{unknown[0]}}}”无法识别，只能使用 {{代字}}、{{年}}、{{号}}。"
    if "年" not in names or "号" not in names:
        return "文号格式须包含 {年} 和 {号}，例如“沪司信公〔{年}〕第{号}号”。"
    return None


def format_number(pattern: str, *, abbreviation: str, year: int, serial: int) -> str:
    return (
        pattern.replace("{代字}", abbreviation)
        .replace("{年}", str(year))
        .replace("{号}", str(serial))
    )


def abbreviation_of(settings: LetterSettings) -> str:
    org = settings.organization
    return settings.abbreviation or org.short_name or org.name


@transaction.atomic
def settings_save(
    *, organization: Organization, actor: User, review_body: str, abbreviation: str, patterns: dict
) -> LetterSettings:
    require(actor, Action.ORGANIZATION_MANAGE)
    for kind, pattern in patterns.items():
        problem = pattern_problem(pattern) if pattern else None
        if problem:
            raise LetterError(f"{LetterKind(kind).label}：{problem}")
    settings, _ = LetterSettings.objects.select_for_update().get_or_create(
        organization=organization
    )
    settings.review_body = review_body.strip()
    settings.abbreviation = abbreviation.strip()
    settings.patterns = {
        LetterKind(k).value: p.strip()
        for k, p in patterns.items()
        if p.strip() and p.strip() != default_pattern(k)
    }
    settings.save()
    audit.record(
        "letters.settings",
        organization,
        actor=actor,
        changes={"review_body": settings.review_body, "patterns": settings.patterns},
    )
    return settings


# ---------------------------------------------------------------- templates


def template_for(
    organization: Organization, kind: LetterKind, variant: str = ""
) -> tuple[str, str]:
    """(title, body) the office uses for this kind and variant: its own copy or the default."""
    own = LetterTemplate.objects.filter(
        organization=organization, kind=kind, variant=variant
    ).first()
    if own is not None:
        return own.title, own.body
    return defaults.default(kind, variant)


def template_save(
    *,
    organization: Organization,
    actor: User,
    kind: LetterKind,
    variant: str,
    title: str,
    body: str,
) -> LetterTemplate:
    """Save the office's wording; a template naming an unknown field is refused by name."""
    require(actor, Action.ORGANIZATION_MANAGE)
    kind = LetterKind(kind)
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise LetterError("请填写标题和正文。")
    found = problems(body, kind) + [f"标题：{p}" for p in problems(title, kind)]
    if found:
        raise LetterError("模板不能保存：" + "".join(found))
    with transaction.atomic():
        template, _ = LetterTemplate.objects.update_or_create(
            organization=organization,
            kind=kind,
            variant=variant,
            defaults={"title": title, "body": body, "updated_by": actor},
        )
        audit.record(
            "letters.template",
            template,
            actor=actor,
            changes={"kind": kind.value, "variant": variant},
        )
    return template


def template_reset(*, organization: Organization, actor: User, kind: LetterKind, variant: str):
    require(actor, Action.ORGANIZATION_MANAGE)
    with transaction.atomic():
        LetterTemplate.objects.filter(
            organization=organization, kind=kind, variant=variant
        ).delete()
        audit.record(
            "letters.template_reset",
            organization,
            actor=actor,
            changes={"kind": LetterKind(kind).value, "variant": variant},
        )


# ---------------------------------------------------------------- issuing


def _what(kind: LetterKind, title: str) -> str:
    return f"《{title}》" if title else LetterKind(kind).label


def letter_issue(
    *,
    application: Application,
    event: ApplicationEvent,
    kind: LetterKind,
    variant: str = "",
    organization: Organization | None = None,
    actor_name: str = "",
    supersedes: Letter | None = None,
    reason: str = "",
) -> Letter:
    """Freeze and number the letter of `kind` for `event`; its files follow after commit."""
    kind = LetterKind(kind)
    organization = organization or application.organization
    settings = settings_for(organization)
    title, body = template_for(organization, kind, variant)
    bad = problems(body, kind) + problems(title, kind)
    if bad:
        raise LetterError(f"{_what(kind, title)}的模板有误，请管理员修改：{''.join(bad)}")
    values = fields.values(
        application=application,
        event=event,
        kind=kind,
        agency=organization,
        review_body=settings.review_body or DEFAULT_REVIEW_BODY,
    )
    what = _what(kind, title)
    title_text = "".join(fill(title, values, what=what))
    if supersedes is not None:
        title_text = f"{title_text}（更正）"
    paragraphs = fill(body, values, what=what)
    addressee = "".join(
        fill(defaults.ADDRESSEE.get(kind, defaults.DEFAULT_ADDRESSEE), values, what=what)
    )
    # A correction is dated (and numbered in the year of) the day it is made.
    issued_on = timezone.localdate() if supersedes else event.on
    with transaction.atomic():
        year = issued_on.year
        serial = counters.reserve(
            LetterCounter, "last", organization_id=organization.pk, year=year, kind=kind.value
        )
        number = format_number(
            pattern_for(settings, kind),
            abbreviation=abbreviation_of(settings),
            year=year,
            serial=serial,
        )
        letter = Letter(
            application=application,
            event=event,
            organization=organization,
            kind=kind,
            variant=variant,
            year=year,
            serial=serial,
            number=number,
            version=supersedes.version + 1 if supersedes else 1,
            supersedes=supersedes,
            correction_reason=reason,
            issued_on=issued_on,
            title=title_text,
            content={"addressee": addressee, "paragraphs": paragraphs, "agency": organization.name},
            created_by_name=actor_name,
        )
        letter.save()
        pk = letter.pk
        transaction.on_commit(lambda: _files_after_commit(pk))
    return letter


def _files_after_commit(pk: int) -> None:
    # Rendering is outside the case's transaction: a font problem must not undo a signed reply.
    from gongkai import celery

    if celery.enabled():
        # A worker makes them (the first PDF takes seconds); the case page says 生成中 till then.
        try:
            from .tasks import render

            render.delay(pk)
            return
        except Exception:  # the broker is down: make them here; the periodic task catches up
            log.exception("无法把文书 %s 的文件生成交给 Celery，改在本进程生成", pk)
    try:
        letter_render(pk=pk)
    except Exception:  # noqa: BLE001 — recorded on the letter, retried on download
        log.exception("文书 %s 的文件生成失败，将在下载时重试", pk)


def letter_render(*, pk: int) -> Letter:
    """Make a letter's missing files; on failure note the time on the letter (staff see it on
    the case page) and raise, so the caller retries."""
    letter = Letter.objects.get(pk=pk)
    try:
        return letter_files(letter)
    except Exception:
        Letter.objects.filter(pk=pk).update(files_failed_at=timezone.now())
        raise


# A letter younger than this may still have its render task queued.
RENDER_GRACE = timedelta(minutes=5)


def letters_render_missing(*, limit: int = 200) -> int:
    """Make the files of letters that still lack them (a lost task, retries used up); returns
    how many were made. Run periodically by Celery beat."""
    missing = (
        Letter.objects.filter(Q(docx="") | Q(pdf=""))
        .filter(created_at__lt=timezone.now() - RENDER_GRACE)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    made = 0
    for pk in list(missing):
        try:
            letter_render(pk=pk)
        except Exception:  # noqa: BLE001 — recorded on the letter; the next run tries again
            log.exception("文书 %s 的文件仍未能生成", pk)
        else:
            made += 1
    return made


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_name(letter: Letter, ext: str) -> str:
    safe = re.sub(r"[^\w〔〕\-]+", "", letter.number) or f"letter{letter.pk}"
    return f"{safe}-v{letter.version}.{ext}"


def letter_files(letter: Letter) -> Letter:
    """Store the letter's DOCX and PDF once (with their sha256); never replaces a stored file."""
    if letter.docx and letter.pdf:
        return letter
    doc = document(letter)
    made = {}
    for fmt in ("docx", "pdf"):
        if getattr(letter, fmt):
            continue
        data = render(doc, fmt)
        stored = Letter._meta.get_field(fmt).storage.save(
            Letter._meta.get_field(fmt).generate_filename(letter, _file_name(letter, fmt)),
            ContentFile(data),
        )
        made[fmt], made[f"{fmt}_sha256"] = stored, _digest(data)
    if made:
        made["files_failed_at"] = None
        # Only where still empty: two concurrent downloads cannot both set it.
        empty = {f"{fmt}": "" for fmt in ("docx", "pdf") if fmt in made}
        Letter.objects.filter(pk=letter.pk, **empty).update(**made)
    return Letter.objects.get(pk=letter.pk)


def case_letters_for_event(application: Application, event: ApplicationEvent) -> list[tuple]:
    """(kind, variant, issuing organization) of the letters `event` needs."""
    k = EventKind(event.kind)
    c = event.context or {}
    if k == EventKind.INTAKE:
        return [(LetterKind.RECEIPT, "", None)]
    if k == EventKind.REQUEST_CORRECTION:
        return [(LetterKind.CORRECTION, "", None)]
    if k == EventKind.EXTEND:
        return [(LetterKind.EXTENSION, "", None)]
    if k == EventKind.CONSULT:
        return [(LetterKind.CONSULTATION, c.get("party", ""), None)]
    if k == EventKind.END_CONSULTATION:
        return [(LetterKind.CONSULTATION_RECORD, "", None)]
    if k == EventKind.TRANSFER:
        sender = Organization.objects.filter(name=c.get("from", "")).first()
        return [(LetterKind.TRANSFER, "", sender)]
    if k in (EventKind.REPLY, EventKind.ABANDON) and application.outcome:
        return [(LetterKind.REPLY, application.outcome, None)]
    return []


# ---------------------------------------------------------------- correcting


def correct_action(letter: Letter) -> Action:
    """Who may reissue a letter: whoever may take the step it records."""
    if letter.kind == LetterKind.REPLY:
        return Action.APPLICATION_SIGN_REPLY
    if letter.kind == LetterKind.EXTENSION:
        return Action.APPLICATION_APPROVE_EXTENSION
    return Action.APPLICATION_HANDLE


def letter_correct(*, letter: Letter, actor: User, reason: str) -> Letter:
    """Issue a corrected letter (重新生成（更正）): a new version with its own 文号, made from
    the case and the template as they are now; the old one stays, marked superseded."""
    reason = reason.strip()
    if not reason:
        raise LetterError("请填写更正理由。")
    with transaction.atomic():
        old = Letter.objects.select_for_update().select_related("application").get(pk=letter.pk)
        require(actor, correct_action(old), old.application.organization_id)
        if old.superseded_at is not None:
            raise LetterError(f"{old.number} 已被更正，请更正其最新版本。")
        if old.event is None:
            raise LetterError("该文书没有对应的办理记录，不能重新生成。")
        new = letter_issue(
            application=old.application,
            event=old.event,
            kind=old.kind,
            variant=old.variant,
            organization=old.organization,
            actor_name=actor.display_name,
            supersedes=old,
            reason=reason,
        )
        Letter.objects.filter(pk=old.pk, superseded_at__isnull=True).update(
            superseded_at=timezone.now()
        )
        audit.record(
            "letters.correct",
            old.application,
            actor=actor,
            changes={"old": old.number, "new": new.number, "reason": reason},
        )
    return new


# ---------------------------------------------------------------- service (送达)

PROOF_KINDS = {"pdf", "png", "jpeg", "ofd"}
MAX_PROOF_BYTES = 10 * 1024 * 1024


def _check_proof(proof) -> None:
    claimed = filetypes.kind_of_name(proof.name)
    if claimed not in PROOF_KINDS:
        raise LetterError("送达凭证请上传 PDF、OFD 或 JPG/PNG 图片。")
    if proof.size > MAX_PROOF_BYTES:
        raise LetterError("送达凭证不能超过 10 MB。")
    if filetypes.sniff(proof) != claimed:
        raise LetterError(f"文件“{proof.name}”的内容与其扩展名不符，请上传原始的扫描件或照片。")


def service_record(
    *,
    letter: Letter,
    actor: User,
    method: ServiceMethod,
    served_on: date,
    postal_tracking: str = "",
    proof=None,
) -> Service:
    """Record service of a letter; 电子邮件 sends it now. Serving the current reply letter also
    records the case's 送达 (`application_deliver`)."""
    from gongkai.applications.services import application_deliver

    method = ServiceMethod(method)
    postal_tracking = postal_tracking.strip()
    if served_on > timezone.localdate():
        raise LetterError("送达日期不能晚于今天。")
    if served_on < letter.issued_on:
        raise LetterError(f"送达日期不能早于文书的成文日期（{letter.issued_on}）。")
    if method == ServiceMethod.POST and not postal_tracking:
        raise LetterError("邮寄送达请填写邮件号（须通过邮政企业寄送）。")
    if proof is not None:
        _check_proof(proof)
    app = letter.application
    if not letter.to_applicant:
        raise LetterError(f"{letter.get_kind_display()}不送达申请人。")
    if method == ServiceMethod.EMAIL and not app.email:
        raise LetterError("申请人没有留下电子邮箱，不能以电子邮件送达。")
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        require(actor, Action.APPLICATION_HANDLE, app.organization_id)
        if locked.superseded_at is not None:
            raise LetterError(f"{locked.number} 已被更正，请送达更正后的文书。")
        service = Service(
            letter=locked,
            method=method,
            served_on=served_on,
            postal_tracking=postal_tracking,
            email_to=app.email if method == ServiceMethod.EMAIL else "",
            recorded_by=actor,
            recorded_by_name=actor.display_name,
        )
        if proof is not None:
            data = proof.read()
            proof.seek(0)
            service.proof_name = proof.name
            service.proof_sha256 = _digest(data)
            service.proof.save(proof.name, ContentFile(data), save=False)
        service.save()
        if (
            locked.kind == LetterKind.REPLY
            and Application.objects.filter(pk=app.pk, status=Status.REPLIED).exists()
        ):
            application_deliver(
                application=app,
                actor=actor,
                on=served_on,
                method=method.label,
                tracking=postal_tracking,
            )
        audit.record(
            "letters.serve",
            app,
            actor=actor,
            changes={"letter": locked.number, "method": method.value, "on": served_on.isoformat()},
        )
        if method == ServiceMethod.EMAIL:
            _send(letter_files(locked), app)
    return service


def _send(letter: Letter, app: Application) -> None:
    """E-mail the letter's PDF to the applicant (inside the transaction: a failure undoes the
    service record, so a letter is never recorded as served by mail that did not go)."""
    org = letter.organization
    try:
        mail.deliver(
            app.email,
            f"{letter.title}（{letter.number}）",
            f"{app.applicant_name}：\n\n您的政府信息公开申请（申请编号 {app.tracking_number}）的"
            f"《{letter.title}》（{letter.number}）见附件。\n\n{org.name}\n",
            [(f"{letter.number}.pdf", letter.pdf.open("rb").read(), "application/pdf")],
        )
    except mail.RETRIED as exc:
        log.warning("送达邮件发送失败：%s", exc)
        raise LetterError(
            f"邮件未能发出（{app.email}），送达未登记。请稍后重试，或改用其他送达方式。"
        ) from exc
