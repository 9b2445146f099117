"""Login with lockout.

Failures are counted per (username, client) so that a stranger cannot lock a colleague out
from elsewhere by typing wrong passwords; a much larger number of failures from anywhere
locks the username itself, against guessing spread over many addresses. Administrators can
lift a lock (`login_unlock`).
"""

import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone

from . import audit
from .middleware import client_ip, ip_digest
from .models import LoginFailure

LOCKED_MESSAGE = (
    "登录失败次数过多，该账号已被暂时锁定，请{minutes}分钟后再试，或请系统管理员解除锁定。"
)


def _window() -> timedelta:
    return timedelta(minutes=settings.GONGKAI_LOGIN_LOCKOUT_MINUTES)


def normalize_username(username: str) -> str:
    # "Admin", " admin" and full-width "ａｄｍｉｎ" are the same account for counting.
    return unicodedata.normalize("NFKC", username).strip().casefold()[:150]


def _counts(name: str, digest: str) -> tuple[int, int]:
    """(failures of `name` from this client, from anywhere) within the window."""
    counts = LoginFailure.objects.filter(
        username=name, at__gte=timezone.now() - _window()
    ).aggregate(here=Count("pk", filter=Q(ip_hash=digest)), anywhere=Count("pk"))
    return counts["here"], counts["anywhere"]


def is_locked(username: str, request=None) -> bool:
    """Has `username` used up its failures (from this client, or from anywhere)?"""
    digest = ip_digest(client_ip(request)) if request is not None else ""
    here, anywhere = _counts(normalize_username(username), digest)
    return (
        here >= settings.GONGKAI_LOGIN_MAX_FAILURES
        or anywhere >= settings.GONGKAI_LOGIN_MAX_FAILURES_ANYWHERE
    )


def note_attempt(username: str, request=None) -> LoginFailure | None:
    """Count a login attempt as a failure *before* the password is checked, and say whether it
    may go on: the LoginFailure row when it may, None when the limit is already used up.

    The row is committed before counting, so of any number of parallel attempts each sees at
    least the rows committed before its own: no more than the limit get to check a password.
    A refused attempt's row is taken back (attempts against a lock must not lengthen it, nor
    push the username over the limit from anywhere). The caller deletes the row on success.
    """
    ip = client_ip(request) if request is not None else None
    name, digest, now = normalize_username(username), ip_digest(ip), timezone.now()
    # Rows older than the window count for nothing: forget them as we go.
    LoginFailure.objects.filter(at__lt=now - _window()).delete()
    attempt = LoginFailure.objects.create(username=name, at=now, ip_hash=digest)
    here, anywhere = _counts(name, digest)
    if (
        here > settings.GONGKAI_LOGIN_MAX_FAILURES
        or anywhere > settings.GONGKAI_LOGIN_MAX_FAILURES_ANYWHERE
    ):
        attempt.delete()
        return None
    return attempt


def note_failure(username: str, request=None) -> None:
    """Audit the failure that used up the limit (the attempt itself is already counted)."""
    if is_locked(username, request):
        ip = client_ip(request) if request is not None else None
        audit.record("accounts.lockout", None, changes={"username": username}, ip=ip)


def login_unlock(*, username: str, actor) -> int:
    """Lift every lock on `username` (an administrator's action, audited)."""
    deleted, _ = LoginFailure.objects.filter(username=normalize_username(username)).delete()
    audit.record(
        "accounts.unlock", None, actor=actor, changes={"username": username, "failures": deleted}
    )
    return deleted


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        attempt = note_attempt(username, request)
        if attempt is None:
            # PermissionDenied stops Django trying further backends and fails the login.
            raise PermissionDenied(
                LOCKED_MESSAGE.format(minutes=settings.GONGKAI_LOGIN_LOCKOUT_MINUTES)
            )
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            note_failure(username, request)
            return None
        LoginFailure.objects.filter(
            username=normalize_username(username), ip_hash=ip_digest(client_ip(request))
        ).delete()
        return user
