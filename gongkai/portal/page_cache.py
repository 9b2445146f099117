"""The anonymous full-page cache of the public portal (the store: gongkai.lib.pagecache).

Served from the cache: a GET or HEAD of a page named in CACHED_PAGES by someone with no session,
no pending message and no recent write of their own (the replicas' read-your-writes cookie),
not an htmx fragment. Kept: a 200 answer to such a GET that set no cookie and rendered no CSRF
token (so no form that posts: the apply, lookup and consultation forms are never kept), for a
visitor who is not signed in. Keyed on the scheme, host, full path with its query, and the
关怀模式 cookie, the only cookie that changes a public page.

Invalidation: any saved or deleted row of the apps whose rows these pages show (and any
organization) replaces the cache's generation after commit, as do the search indexes once they
have taken a change in (catalog.search.sync, consultations.search). A signal rather than a call
in each service: a page must not stay stale because one service, an import or a shell session
forgot. GONGKAI_PAGE_CACHE_SECONDS bounds what no row records (the date turning, an item's
validity ending at midnight).
"""

import logging

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

from gongkai.analytics.middleware import count, counts_as_view, page_seen
from gongkai.lib import pagecache
from gongkai.lib.replicas import COOKIE as WROTE_LATELY_COOKIE

from .views import CARE_COOKIE

logger = logging.getLogger(__name__)

# Public pages that are the same for every anonymous visitor. A page showing one person's data
# (an application's status, a letter) never belongs here.
CACHED_PAGES = frozenset(
    {
        "portal:home",
        "catalog:guide",
        "catalog:guide_org",
        "catalog:browse",
        "catalog:annual_reports",
        "catalog:item",
        "catalog:search",
        "guides:list",
        "guides:guide",
        "guides:powers",
        "guides:power",
        "consultations:public_list",
        "proposals:public_list",
        "proposals:public_detail",
        "reports:public_report",
        "feeds:organization",
        "feeds:topic",
        "feeds:search",
        "opendata:index",
    }
)
# Apps whose rows those pages show; accounts only through its organizations.
PUBLIC_APPS = ("catalog", "guides", "consultations", "proposals", "reports", "portal")
# Written by every change that already saves its item; they change no page themselves.
QUIET_MODELS = frozenset({"catalog.searchpending"})

_PRIVATE_PREFIXES = ("/staff/", "/admin/", "/api/")
_SAFE = frozenset({"GET", "HEAD"})


def cache_key(request) -> str | None:
    """The key of this request's page, or None when it must be rendered for this visitor."""
    if request.method not in _SAFE or not pagecache.enabled():
        return None
    path = request.path_info
    if path.startswith(_PRIVATE_PREFIXES) or path.startswith(settings.STATIC_URL):
        return None
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or WROTE_LATELY_COOKIE in cookies
    ):
        return None
    headers = request.headers
    if "HX-Request" in headers or "Authorization" in headers:
        return None
    try:
        host = request.get_host()
    except Exception:  # a host not allowed: the normal path answers it with a 400
        return None
    care = "1" if cookies.get(CARE_COOKIE) == "1" else "0"
    return pagecache.key_for(f"{request.scheme}://{host}{request.get_full_path()}|care={care}")


def storable(request, response) -> bool:
    """Whether this freshly rendered answer may be served to every anonymous visitor."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in CACHED_PAGES:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # A CSRF token belongs to one browser; a cookie would be handed to everyone.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _replay(request, entry: pagecache.Entry) -> HttpResponse:
    content = b"" if request.method == "HEAD" else entry.content
    response = HttpResponse(content)
    for name, value in entry.headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Outside the session, CSRF and authentication middleware, so a hit skips them; inside the
    security headers middleware, so a hit still carries the Content-Security-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        try:
            generation, entry = pagecache.lookup(key)
        except Exception:  # the cache is down: render as if there were none
            logger.exception("页面缓存读取失败")
            return self.get_response(request)
        if entry is not None:
            response = _replay(request, entry)
            if counts_as_view(request, response):
                count(request, entry.visit)
            return response
        response = self.get_response(request)
        if storable(request, response):
            try:
                visit = page_seen(request, response)
            except Exception:
                logger.exception("访问计数失败：%s", request.path)
                visit = None
            pagecache.store(key, generation, response, visit=visit)
        return response


def _public_change(sender, using=None, **kwargs) -> None:
    pagecache.changed(using)


def connect_invalidation() -> None:
    """Every save or delete of a public app's row invalidates the cached pages (after commit)."""
    models = [apps.get_model("accounts", "Organization")]
    for label in PUBLIC_APPS:
        models += list(apps.get_app_config(label).get_models())
    for model in models:
        if model._meta.label_lower in QUIET_MODELS:
            continue
        uid = f"pagecache:{model._meta.label_lower}"
        post_save.connect(_public_change, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_public_change, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _public_change, sender=field.remote_field.through, dispatch_uid=uid + field.name
            )
