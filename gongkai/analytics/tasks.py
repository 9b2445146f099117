"""Visit counting work for Celery workers; one-line wrappers over services."""

from celery import shared_task
from django.utils import timezone

from . import buffer, services


@shared_task(name="analytics.visits_roll_up", ignore_result=True)
def visits_roll_up() -> int:
    """Nightly: fold finished days' visitor digests into counts (as `gongkai visits_roll_up`)."""
    return services.visitors_roll_up(before=timezone.localdate())


@shared_task(name="analytics.flush_visits", ignore_result=True)
def flush_visits() -> int:
    """Fold the page views a worker process holds (its own pages, if it serves any)."""
    return buffer.flush()
