"""Counts public page views: successful GETs of public pages by browsers, never by bots.

A view names what was seen by setting
    request.analytics = {"section": "规范性文件", "object": item, "organization": org}
(every key optional). Otherwise the page is counted under the section its URL name maps to
(`sections.SECTION_NAMES`). Counting runs after the page is rendered and can never break it.
"""

import logging
import re
import time
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.accounts.middleware import client_ip
from gongkai.accounts.models import Organization

from . import buffer, services
from .sections import SECTION_MAX_LENGTH, section_for

logger = logging.getLogger(__name__)

# Obvious automated clients. Real browsers announce themselves as Mozilla/…; these words never
# appear in them (HeadlessChrome is Chrome driven by a script).
BOT_PATTERN = re.compile(
    r"bot|spider|crawl|slurp|curl|wget|python-requests|python-urllib|python-httpx|aiohttp|"
    r"httpclient|okhttp|go-http-client|java/|libwww|perl|scrapy|headless|phantomjs|selenium|"
    r"puppeteer|playwright|lighthouse|pingdom|uptime|monitor|facebookexternalhit|feedfetcher|"
    r"preview|checker|validator|archiver",
    re.IGNORECASE,
)

_PRIVATE_PREFIXES = ("/staff/", "/api/", "/admin/")
_FILE_PATHS = frozenset({"/favicon.ico", "/robots.txt", "/sitemap.xml"})


# A few browsers' User-Agent strings make most views; the pattern's forty alternatives tried at
# each character of one cost ~10 µs, a counted view's largest part.
@lru_cache(maxsize=1024)
def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or BOT_PATTERN.search(user_agent) is not None


def _is_public_path(path: str) -> bool:
    if path in _FILE_PATHS or path.startswith(_PRIVATE_PREFIXES):
        return False
    static, media = settings.STATIC_URL, settings.MEDIA_URL
    return not (
        (static and static != "/" and path.startswith(static))
        or (media and media != "/" and path.startswith(media))
    )


class Visit(NamedTuple):  # made for every counted view: a tuple is built in a third the time
    section: str
    content_type_id: int | None = None
    object_id: int | None = None
    organization_id: int | None = None


def _organization_id(value) -> int | None:
    if isinstance(value, Organization):
        return value.pk
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def counts_as_view(request, response) -> bool:
    """Whether this request, answered by `response`, is a page view a person made."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if not _is_public_path(request.path_info):
        return False
    # META, not request.headers: its case-insensitive lookups cost more than the rest here.
    meta = request.META
    # htmx swaps a fragment into a page already counted; a boosted link is a whole new page.
    if "HTTP_HX_REQUEST" in meta and "HTTP_HX_BOOSTED" not in meta:
        return False
    return not is_bot(meta.get("HTTP_USER_AGENT", ""))


def page_seen(request, response) -> Visit | None:
    """What a view of this page counts as, whoever made it (the page cache keeps it with the
    page); None for a response that is not a page (a feed, a download) unless the view named
    what was seen."""
    declared = getattr(request, "analytics", None)
    if not isinstance(declared, dict):
        declared = None
        if not response.get("Content-Type", "").startswith("text/html"):
            return None
    declared = declared or {}
    match = getattr(request, "resolver_match", None)
    section = declared.get("section") or section_for(match.view_name if match else None)
    obj = declared.get("object")
    content_type_id = object_id = None
    organization_id = _organization_id(declared.get("organization"))
    if isinstance(obj, models.Model) and isinstance(obj.pk, int):
        content_type_id = ContentType.objects.get_for_model(obj).pk
        object_id = obj.pk
        if organization_id is None:
            organization_id = (
                obj.pk if isinstance(obj, Organization) else getattr(obj, "organization_id", None)
            )
    return Visit(
        section=str(section)[:SECTION_MAX_LENGTH],
        content_type_id=content_type_id,
        object_id=object_id,
        organization_id=_organization_id(organization_id),
    )


def visit_of(request, response) -> Visit | None:
    """What this request/response counts as, or None when it is not a counted page view."""
    if not counts_as_view(request, response):
        return None
    return page_seen(request, response)


def _record(visit: Visit, request) -> None:
    day = today()
    services.visit_count(
        day=day,
        section=visit.section,
        content_type_id=visit.content_type_id,
        object_id=visit.object_id,
        organization_id=visit.organization_id,
    )
    ip = client_ip(request)
    if ip:
        services.visitor_note(day=day, ip=ip, user_agent=request.META.get("HTTP_USER_AGENT", ""))


# (day, its first and past-its-last second): the local date of a view, worked out once a day.
# timezone.localdate() converts the clock through the zone each time (4 µs, an eighth of what
# counting a view costs).
_day: tuple[date | None, float, float] = (None, 0.0, 0.0)


def today() -> date:
    global _day
    day, start, end = _day
    now = time.time()
    if not start <= now < end:  # a new day (or a clock set back, as tests do)
        day = timezone.localdate()
        zone = timezone.get_current_timezone()
        start = datetime.combine(day, datetime.min.time(), zone).timestamp()
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone).timestamp()
        _day = (day, start, end)
    return day


def count(request, visit: Visit | None) -> None:
    """Count one page view (nothing for None); never raises: a lost count beats a lost page."""
    if visit is None:
        return
    try:
        if buffer.enabled():
            # Off the request path: counted in memory, folded in every few seconds.
            buffer.add(
                day=today(),
                section=visit.section,
                content_type_id=visit.content_type_id,
                object_id=visit.object_id,
                organization_id=visit.organization_id,
                ip=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        elif connection.in_atomic_block:
            # Inside a request-wide transaction a failed statement must not doom it.
            with transaction.atomic():
                _record(visit, request)
        elif connection.vendor == "postgresql":
            # A page view is not worth waiting for the disk: PostgreSQL may lose the
            # last moment's counts in a crash, never corrupt them.
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                _record(visit, request)
        else:
            _record(visit, request)
    except Exception:
        logger.exception("访问计数失败：%s", request.path)


class VisitCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            visit = visit_of(request, response)
        except Exception:  # a lost count is better than a lost page
            logger.exception("访问计数失败：%s", request.path)
            visit = None
        count(request, visit)
        return response
