"""Checking the external links of published items: a bounded job, never aimed at private
addresses (a link to an intranet host must not make the server probe its own network)."""

import ipaddress
import re
import socket
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

URL = re.compile(r"https?://[^\s<>\"'（），。；、）]+", re.I)
TIMEOUT = 5
RECHECK_AFTER = timedelta(days=7)


class NotPublic(Exception):
    pass


def public_address(host: str, port: int) -> str:
    """The first address `host` resolves to, refusing any that is not public (loopback,
    private ranges, link-local, multicast, reserved)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise NotPublic(f"域名无法解析（{exc.strerror}）") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise NotPublic("指向内部或保留地址，不予检查")
    return infos[0][4][0]


class _NoRedirectToPrivate(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        parts = urlsplit(newurl)
        public_address(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str) -> tuple[bool, str]:
    """(answers, detail): HEAD first, GET where HEAD is refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False, "不是有效的网址"
    try:
        public_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except NotPublic as exc:
        return False, str(exc)
    opener = urllib.request.build_opener(_NoRedirectToPrivate)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(
            url, method=method, headers={"User-Agent": "gongkai-linkcheck"}
        )
        try:
            with opener.open(request, timeout=TIMEOUT) as response:
                return True, f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return False, f"HTTP {exc.code}"
        except NotPublic as exc:
            return False, f"跳转{exc}"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return False, f"无法访问（{getattr(exc, 'reason', exc)}）"
    return False, "无法访问"


def collect() -> int:
    """Record every external link of the published items (new ones unchecked)."""
    from gongkai.catalog.models import Item

    from .models import LinkCheck

    added = 0
    for item in Item.objects.published().only("pk", "body").iterator(chunk_size=500):
        for url in {m.group(0).rstrip(".,;)") for m in URL.finditer(item.body)}:
            _, created = LinkCheck.objects.get_or_create(item=item, url=url[:500])
            added += created
    return added


def check_links(*, limit: int, fetcher=fetch) -> dict:
    """Check at most `limit` links, the never-checked and the oldest first; safe to run twice
    (a link checked within RECHECK_AFTER is left alone)."""
    from .models import LinkCheck

    collect()
    now = timezone.now()
    due = (
        LinkCheck.objects.filter(item__status="published")
        .exclude(checked_at__gte=now - RECHECK_AFTER)
        .order_by("checked_at", "pk")[:limit]
    )
    done = broken = 0
    for link in list(due):
        ok, detail = fetcher(link.url)
        with transaction.atomic():
            LinkCheck.objects.filter(pk=link.pk).update(
                ok=ok, detail=detail[:200], checked_at=timezone.now()
            )
        done += 1
        broken += not ok
    return {"checked": done, "broken": broken}
