"""Catalog work for Celery workers (CELERY_BROKER_URL set); one-line wrappers over services."""

from celery import shared_task
from django.db import OperationalError

from .search import sync


# A database busy for a moment (SQLite's lock, a dropped PostgreSQL connection) only delays the
# change: the pending rows stay until a run succeeds, so the task tries again shortly.
@shared_task(
    name="catalog.search_apply",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=1,
    retry_backoff_max=30,
    max_retries=8,
)
def search_apply() -> int:
    """Bring the search index in step: the pending changes, or a rebuild a new layout needs."""
    return sync.catch_up()
