"""Applications work for Celery workers; one-line wrappers over services."""

from celery import shared_task

from .notifications import remind as remind_assignees


@shared_task(name="applications.remind", ignore_result=True)
def remind(within: int = 3) -> int:
    """Notify assignees of cases due soon and flag overdue ones (as `gongkai remind`)."""
    return remind_assignees(within=within).notifications
