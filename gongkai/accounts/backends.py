"""Login with lockout: too many failures for one username lock it for a while."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from . import audit
from .middleware import client_ip
from .models import LoginFailure

LOCKED_MESSAGE = "登录失败次数过多，该账号已被暂时锁定，请{minutes}分钟后再试。"


def _window() -> timedelta:
    return timedelta(minutes=settings.GONGKAI_LOGIN_LOCKOUT_MINUTES)


def is_locked(username: str) -> bool:
    since = timezone.now() - _window()
    failures = LoginFailure.objects.filter(username__iexact=username, at__gte=since).count()
    return failures >= settings.GONGKAI_LOGIN_MAX_FAILURES


def note_failure(username: str, request=None) -> None:
    ip = client_ip(request) if request is not None else None
    LoginFailure.objects.create(
        username=username[:150],
        at=timezone.now(),
        ip_hash=hashlib.sha256((ip or "").encode()).hexdigest() if ip else "",
    )
    if is_locked(username):
        audit.record("accounts.lockout", None, changes={"username": username}, ip=ip)


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        if is_locked(username):
            # PermissionDenied stops Django trying further backends and fails the login.
            raise PermissionDenied(
                LOCKED_MESSAGE.format(minutes=settings.GONGKAI_LOGIN_LOCKOUT_MINUTES)
            )
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            note_failure(username, request)
            return None
        LoginFailure.objects.filter(username__iexact=username).delete()
        return user
