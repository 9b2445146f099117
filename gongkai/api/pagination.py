"""Keyset pages: a list is read from where the last page stopped, never counted or offset, so a
deep page at a million items costs what the first one does."""

from datetime import UTC, datetime, timedelta

from django.db.models import Q

from .errors import ApiError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def encode_cursor(published_at: datetime, pk: int) -> str:
    # Integer arithmetic: a float timestamp would lose the last microseconds.
    micros = (published_at - EPOCH) // MICROSECOND
    return f"{micros}.{pk}"


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        micros, pk = cursor.split(".")
        moment = EPOCH + int(micros) * MICROSECOND
        key = int(pk)
        if key < 1:
            raise ValueError(cursor)
        return moment, key
    except (ValueError, OverflowError, OSError):
        raise ApiError(
            400, "invalid_cursor", "翻页游标无效：请使用上一页返回的 next_cursor。"
        ) from None


def keyset_page(queryset, *, cursor: str | None, limit: int):
    """(rows, next cursor) of a queryset ordered by (-published_at, -pk)."""
    if cursor:
        moment, pk = decode_cursor(cursor)
        # Microseconds round-trip through the cursor exactly: published_at is stored to them.
        # The bare upper bound first: an index range scan starts there. A disjunction alone
        # ("earlier, or as early with a smaller key") makes SQLite walk the index from the top.
        queryset = queryset.filter(published_at__lte=moment).filter(
            Q(published_at__lt=moment) | Q(pk__lt=pk)
        )
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    following = encode_cursor(rows[-1].published_at, rows[-1].pk) if more else None
    return rows, following
