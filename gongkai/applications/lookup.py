"""The applicant's query code and the status lookup: hashing, and the lockout that counts each
attempt before checking it (issue 15)."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.accounts.middleware import ip_digest

from .errors import TransitionError
from .models import Application, LookupFailure


def _hash_code(code: str, salt: str) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", code.encode(), salt.encode(), 60_000).hex()
    return f"pbkdf2_sha256$60000${salt}${digest}"


def query_code_matches(application: Application, code: str) -> bool:
    try:
        _, _, salt, digest = application.query_code_hash.split("$")
    except ValueError:
        return False
    candidate = _hash_code(code.strip().upper(), salt).rsplit("$", 1)[1]
    return hmac.compare_digest(candidate, digest)


# Failed lookups allowed within the window per (tracking number, client) and per client. Not
# per number from anywhere: tracking numbers are sequential, so anyone could lock an applicant
# out of their own case by failing on purpose.
MAX_LOOKUP_FAILURES = 10
MAX_LOOKUP_FAILURES_PER_CLIENT = 30
LOOKUP_WINDOW = timedelta(hours=1)
# Checked when no application has the number, so that a miss costs the same PBKDF2 as a hit.
_NOBODY = Application(query_code_hash=f"pbkdf2_sha256$60000${'0' * 16}${'0' * 64}")


def _lookup_key(tracking_number: str) -> str:
    return tracking_number.strip().lower()[:40]


def _lookup_counts(*, ip_hash: str, number: str) -> tuple[int, int]:
    since = timezone.now() - LOOKUP_WINDOW
    counts = LookupFailure.objects.filter(at__gte=since, ip_hash=ip_hash).aggregate(
        by_number=Count("pk", filter=Q(tracking_number=number)), by_client=Count("pk")
    )
    return counts["by_number"], counts["by_client"]


def lookup_attempt(*, ip: str | None, tracking_number: str) -> LookupFailure | None:
    """Count a lookup as a failure before checking it; None when the limit is used up.

    The row is committed before counting, so a parallel burst cannot all read "not yet": each
    sees at least the attempts committed before its own. A refused attempt's row is taken back
    (hammering a lock does not lengthen it); the caller deletes the row on success.
    """
    now = timezone.now()
    LookupFailure.objects.filter(at__lt=now - LOOKUP_WINDOW).delete()
    ip_hash, number = ip_digest(ip), _lookup_key(tracking_number)
    attempt = LookupFailure.objects.create(at=now, ip_hash=ip_hash, tracking_number=number)
    by_number, by_client = _lookup_counts(ip_hash=ip_hash, number=number)
    if by_number > MAX_LOOKUP_FAILURES or by_client > MAX_LOOKUP_FAILURES_PER_CLIENT:
        attempt.delete()
        return None
    return attempt


def find_by_query_code(*, tracking_number: str, code: str, ip: str | None):
    """The application for a tracking number and query code, or None (counted as a failure).

    The attempt is counted before the code is checked (`lookup_attempt`), and a number that
    does not exist costs the same hashing as one that does: the answer's timing does not tell
    whether a tracking number exists. Raises `TransitionError` when the client is locked out.
    """
    attempt = lookup_attempt(ip=ip, tracking_number=tracking_number)
    if attempt is None:
        raise TransitionError("查询失败次数过多，请一小时后再试，或致电信息公开受理点查询。")
    found = (
        Application.objects.select_related("organization")
        .filter(tracking_number=_lookup_key(tracking_number))
        .first()
    )
    matches = query_code_matches(found if found is not None else _NOBODY, code)
    if found is not None and matches:
        attempt.delete()  # a success is no failure
        return found
    return None


# No 0/O, 1/I/L: the code is read off a screen or a paper receipt.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_query_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
