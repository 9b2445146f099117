"""Read-only queries of the accounts app."""

from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from gongkai.lib.chart import bar_chart
from gongkai.lib.discovery import app_modules

from .models import AuditEntry


def audit_entries(*, action="", actor="", object_type="", date_from=None, date_to=None):
    # The log shows the name written with each entry (actor_name), so the user table is joined
    # only to find entries by username.
    entries = AuditEntry.objects.all()
    if action:
        # An app's name alone ("catalog") stands for all of its actions.
        entries = (
            entries.filter(action=action)
            if "." in action
            else entries.filter(action__startswith=f"{action}.")
        )
    if actor:
        entries = entries.filter(Q(actor_name=actor) | Q(actor__username=actor))
    if object_type:
        entries = entries.filter(object_type=object_type)
    tz = timezone.get_current_timezone()
    if date_from:
        entries = entries.filter(at__gte=datetime.combine(date_from, time.min, tz))
    if date_to:
        entries = entries.filter(at__lte=datetime.combine(date_to, time.max, tz))
    return entries


def dashboard_counters(user) -> list[dict]:
    """Counters every installed gongkai app contributes through its `dashboard.counters(user)`."""
    return [counter for module in app_modules("dashboard") for counter in module.counters(user)]


def dashboard_panels(user) -> list[dict]:
    """Monthly charts apps contribute through an optional `dashboard.panels(user)`: each a dict
    with title, unit, points [(label, value)], a table (columns, rows) and a url; the bars are
    laid out here."""
    panels = []
    for module in app_modules("dashboard"):
        for panel in getattr(module, "panels", lambda _user: [])(user):
            points = panel["points"]
            # A panel with one series may leave its table to be read off the points.
            panel.setdefault("columns", [f"{panel['unit']}数"])
            panel.setdefault("rows", [(label, [value]) for label, value in points])
            total = sum(value for _, value in points)
            panels.append({**panel, "chart": bar_chart(points), "total": total})
    return panels
