"""Letters work for Celery workers (CELERY_BROKER_URL set); one-line wrappers over services."""

from celery import shared_task

from . import services
from .models import Letter


@shared_task(
    name="letters.render",
    ignore_result=True,
    autoretry_for=(Exception,),
    dont_autoretry_for=(Letter.DoesNotExist,),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=6,  # then `letters.render_missing` tries again every ten minutes
)
def render(pk: int) -> None:
    """Make an issued letter's DOCX and PDF (after the commit that froze its content)."""
    services.letter_render(pk=pk)


@shared_task(name="letters.render_missing", ignore_result=True)
def render_missing() -> int:
    """Periodic: make the files of letters that still lack them."""
    return services.letters_render_missing()
