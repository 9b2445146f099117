"""Read replicas: the public portal reads from them, everything else from the primary.

DATABASE_REPLICA_URLS (comma-separated) adds read-only aliases `replica1`, `replica2`, ….
`ReplicaMiddleware` marks a request as portal reading (a GET or HEAD outside the staff pages
and the admin) and `ReplicaRouter` sends that request's reads to a replica. A replica lags the
primary by a moment, so whoever has just written (any POST, PUT, PATCH or DELETE: an
application submitted, a staff change) gets a short-lived cookie and reads from the primary
until it expires: they see their own writes. Writes, migrations and all other reads go to the
primary; with no replica configured the router answers nothing and Django uses `default`.
"""

import random
import time
from contextvars import ContextVar

from django.conf import settings

COOKIE = "gk_primary"
_portal_read: ContextVar[bool] = ContextVar("gongkai_portal_read", default=False)
_PRIVATE_PREFIXES = ("/staff/", "/admin/")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def replica_aliases() -> list[str]:
    return list(getattr(settings, "GONGKAI_READ_REPLICAS", []))


def read_your_writes_seconds() -> int:
    return int(getattr(settings, "GONGKAI_READ_YOUR_WRITES_SECONDS", 10))


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if replicas and _portal_read.get():
            return random.choice(replicas)
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, wherever they were read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def _wrote_lately(request) -> bool:
    try:
        return float(request.COOKIES.get(COOKIE, "0")) > time.time()
    except ValueError:
        return False


def portal_reading(request) -> bool:
    """Whether this request's reads may come from a replica."""
    return (
        request.method in _SAFE_METHODS
        and not request.path_info.startswith(_PRIVATE_PREFIXES)
        and not _wrote_lately(request)
    )


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_aliases():
            return self.get_response(request)
        token = _portal_read.set(portal_reading(request))
        try:
            response = self.get_response(request)
        finally:
            _portal_read.reset(token)
        if request.method not in _SAFE_METHODS:
            seconds = read_your_writes_seconds()
            response.set_cookie(
                COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
