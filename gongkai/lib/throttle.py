"""Counting requests per client in fixed windows, through Django's cache framework.

`allow(scope, key, limit=…, window=…)` counts one attempt and says whether it is within the
limit. The count is `cache.add` then `cache.incr`: atomic in the local-memory cache (one lock per
process) and in Redis (INCR), so a burst of parallel requests cannot all read "not yet" before
any is counted. With several worker processes, set GONGKAI_CACHE_URL to a Redis server so that
they share one count (README); the default local-memory cache counts per process.
Keys are keyed digests: no client address or ID number is kept in the cache in clear.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import caches

CACHE_ALIAS = "throttle"


def _digest(key: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()[:32]


def hit(scope: str, key: str, *, window: int) -> int:
    """Count one attempt of `key` in `scope` in the current window; the count so far."""
    cache = caches[CACHE_ALIAS]
    slot = int(time.time() // window)
    name = f"throttle:{scope}:{_digest(key)}:{slot}"
    if cache.add(name, 1, timeout=window):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr: this attempt opens a new count
        cache.add(name, 1, timeout=window)
        return 1


def allow(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt and say whether it is within `limit` per `window` seconds."""
    return hit(scope, key, window=window) <= limit
