"""Makes the current request's user and client IP known to the audit log."""

from contextvars import ContextVar

_current: ContextVar[tuple | None] = ContextVar("gongkai_request", default=None)


def client_ip(request) -> str | None:
    # Behind the production proxy the client is the first X-Forwarded-For hop.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    ip = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
    return ip or None


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
