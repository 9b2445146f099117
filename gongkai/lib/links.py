"""Absolute links for places with no request to be relative to (e-mails)."""

from django.conf import settings


def absolute(path: str) -> str:
    """`path` (from `reverse`) on the site's public address, `settings.GONGKAI_BASE_URL`."""
    return f"{settings.GONGKAI_BASE_URL.rstrip('/')}{path}"
