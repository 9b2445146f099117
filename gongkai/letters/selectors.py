"""Reads for pages: a case's letters for staff, and for the applicant the letters sent to them."""

from django.core import signing
from django.db import models
from django.urls import reverse

from gongkai.applications.models import Application

from .models import TO_APPLICANT, Letter

PUBLIC_SALT = "gongkai.letters.public"
# A download link works for two hours after the status page showed it.
PUBLIC_MAX_AGE = 2 * 60 * 60


class FilesState(models.TextChoices):
    READY = "ready", "可下载"
    PENDING = "pending", "生成中"
    FAILED = "failed", "生成失败"


def files_state(letter: Letter) -> FilesState:
    """Whether the letter's download links can be shown. Without a broker a missing file is
    made when downloaded (as it always was); with one, a worker is making it: 生成中."""
    from gongkai import celery

    if letter.has_files:
        return FilesState.READY
    if letter.files_failed_at is not None:
        return FilesState.FAILED
    return FilesState.PENDING if celery.enabled() else FilesState.READY


def case_letters(application: Application) -> list[Letter]:
    return list(
        Letter.objects.filter(application=application)
        .select_related("superseded_by")
        .prefetch_related("services")
        .order_by("issued_on", "created_at", "pk")
    )


def public_token(letter: Letter) -> str:
    return signing.dumps([letter.pk, letter.application_id], salt=PUBLIC_SALT)


def letter_for_token(token: str) -> Letter | None:
    """The letter a public link names, or None when the link is forged, stale or not the
    applicant's to download."""
    try:
        pk, app_pk = signing.loads(token, salt=PUBLIC_SALT, max_age=PUBLIC_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    letter = Letter.objects.filter(pk=pk, application_id=app_pk, kind__in=TO_APPLICANT).first()
    return letter


def public_letters(application: Application) -> list[dict]:
    """The letters sent to the applicant, for their status page (shown only after the tracking
    number and query code were checked): title, 文号, date, and a PDF link bound to this case."""
    letters = Letter.objects.filter(application=application, kind__in=TO_APPLICANT).order_by(
        "issued_on", "created_at", "pk"
    )
    return [
        {
            "title": letter.title,
            "number": letter.number,
            "issued_on": letter.issued_on,
            "current": letter.is_current,
            "ready": files_state(letter) != FilesState.PENDING,
            "url": reverse("letters:public_pdf", args=[public_token(letter)]),
        }
        for letter in letters
    ]
