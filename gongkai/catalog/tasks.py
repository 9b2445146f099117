"""Catalog work for Celery workers (CELERY_BROKER_URL set); one-line wrappers over services."""

from celery import shared_task

from .search import sync


@shared_task(name="catalog.search_apply", ignore_result=True)
def search_apply() -> int:
    """Bring the search index in step: the pending changes, or a rebuild a new layout needs."""
    return sync.catch_up()
