"""Per-organization, per-year serial numbers (tracking numbers, 索引号) that are never reused.

A counter row is incremented with an UPDATE, which holds its row lock until the surrounding
transaction ends: concurrent callers get consecutive, distinct serials, and a rolled-back
caller leaves a gap rather than a reuse.
"""

from django.db import IntegrityError, transaction
from django.db.models import F


def reserve(model, field: str, *, organization_id: int, year: int, count: int = 1, **scope) -> int:
    """Reserve `count` consecutive serials on `model`'s counter row; returns the first one.

    `model` has `organization`, `year` and the integer `field` holding the last serial issued;
    `scope` names further key fields of the row (a letter's kind: one sequence per kind).
    """
    with transaction.atomic():
        rows = model.objects.filter(organization_id=organization_id, year=year, **scope)
        if not rows.update(**{field: F(field) + count}):
            try:
                with transaction.atomic():
                    model.objects.create(
                        organization_id=organization_id, year=year, **scope, **{field: count}
                    )
                return 1
            except IntegrityError:
                # Another transaction created the row first: take the next serials on it.
                rows.update(**{field: F(field) + count})
        last = rows.values_list(field, flat=True).get()
    return last - count + 1


def release(model, field: str, *, organization_id: int, year: int, reserved_to: int, used_to: int):
    """Give back the serials after `used_to` that a caller reserved up to `reserved_to` and did
    not use. Only if nobody has reserved after them (the counter still stands at
    `reserved_to`): otherwise they stay a gap, so a serial is never handed out twice."""
    if used_to < reserved_to:
        model.objects.filter(
            organization_id=organization_id, year=year, **{field: reserved_to}
        ).update(**{field: used_to})
