"""Celery, for sites that run background work on several machines (CELERY_BROKER_URL set).

Without a broker (the embedded default) nothing here is used: changes are applied after commit
in the web process and the periodic jobs run from cron as management commands. With one, the
same service calls become tasks in each app's `tasks.py`, run by `celery -A gongkai worker` and
scheduled by `celery -A gongkai beat` (settings.CELERY_BEAT_SCHEDULE).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

# gongkai.lib is no app, so its mail task is named here; each app's tasks.py is discovered.
app = Celery("gongkai", include=["gongkai.lib.mail"])
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enabled() -> bool:
    """True when a broker is configured: work goes to the workers instead of this process."""
    from django.conf import settings

    return bool(getattr(settings, "CELERY_BROKER_URL", ""))
