"""Makes the current request's user and client IP known to the audit log; keeps staff sessions
alive while they are used."""

import hashlib
import hmac
import ipaddress
import time
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

_current: ContextVar[tuple | None] = ContextVar("gongkai_request", default=None)


# Every request parses its address (for the audit log, the visit counter): a parse is ~5 µs,
# a handful of addresses make most of a site's traffic.
@lru_cache(maxsize=4096)
def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind GONGKAI_TRUSTED_PROXIES reverse proxies the
    hop those proxies saw. The left-most X-Forwarded-For entries are the client's own words and
    can be forged, so only the entries appended by our proxies are believed."""
    proxies = settings.GONGKAI_TRUSTED_PROXIES
    if proxies:
        hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return _valid_ip(hops[-proxies])
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def ip_digest(ip: str | None) -> str:
    """A keyed digest of an IP address: enough to count failures per client, not reversible
    without the site's secret key (a plain hash of an IPv4 address is)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (ip or "").encode(), hashlib.sha256).hexdigest()


def current_request_context() -> tuple:
    """(user or None, ip or None) of the request being served, if any."""
    value = _current.get()
    return value if value is not None else (None, None)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _current.set((user, client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class InitialPasswordMiddleware:
    """A staff member whose password someone else chose (a new account, a reset) can do nothing
    but change it, or sign out, until they have chosen their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("accounts:password"), reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                messages.warning(request, "您正在使用他人为您设置的初始密码，请先修改密码。")
                return redirect("accounts:password")
        return self.get_response(request)


class SessionRefreshMiddleware:
    """Moves a session's idle expiry forward at most every GONGKAI_SESSION_REFRESH_SECONDS.

    Django's SESSION_SAVE_EVERY_REQUEST wrote the session on every staff request (a write
    transaction per page, the first lock a busy SQLite site meets); refreshing every few minutes
    keeps the two-hour idle limit to within those minutes. A request without a session (an
    anonymous visitor, a cached public page) never gets one from here.
    """

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def mark_refreshed(cls, sender, request, user, **kwargs) -> None:
        """At login (the session is written then anyway)."""
        session = getattr(request, "session", None)
        if session is not None:
            session[cls.KEY] = int(time.time())

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or session.is_empty():
            return response
        now = int(time.time())
        if now - session.get(self.KEY, 0) >= settings.GONGKAI_SESSION_REFRESH_SECONDS:
            session[self.KEY] = now  # modified: the session middleware saves it, expiry anew
        return response
