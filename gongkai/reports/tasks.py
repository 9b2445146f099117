"""Reports work for Celery workers (CELERY_BROKER_URL set); one-line wrappers over services."""

from pathlib import Path

from celery import shared_task

from . import cli


@shared_task(name="reports.parse_report", ignore_result=False)
def parse_report(path: str, name: str) -> dict:
    """One file of `gongkai report parse DIR --csv`: its CSV row (metadata and statistics)."""
    return cli.parse_row(Path(path), name, cli.known_names())
