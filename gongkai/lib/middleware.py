"""HTTP hardening with no domain: the Content-Security-Policy header and the request-size cap.

Django 5.2 sets no Content-Security-Policy of its own. The pages need no inline script or style
(htmx and the stylesheets are static files; htmx's own indicator <style> is turned off in
base.html), so the policy allows only this site's files: an injected <script> or on…= handler
does not run.
"""

from django.conf import settings
from django.shortcuts import render

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body exceeds GONGKAI_MAX_REQUEST_BYTES before reading it.

    DATA_UPLOAD_MAX_MEMORY_SIZE does not count uploaded files, so without this a 200 MB upload
    is read (to disk) in full before a form refuses it. The reverse proxy should refuse such a
    body first (nginx `client_max_body_size`, see README); this holds without one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.GONGKAI_MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            response = render(request, "413.html", {"limit": _megabytes(limit)}, status=413)
            # The unread body stays on the connection: do not reuse it for another request.
            response.headers["Connection"] = "close"
            return response
        return self.get_response(request)


class QuietClientErrors:
    """A logging filter for django.request: a refused request (403, 404, 400…) is a line in the
    log, not a traceback — only server errors (5xx) keep theirs."""

    def filter(self, record) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
