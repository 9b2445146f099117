"""Read-only queries of the accounts app."""

from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from gongkai.lib.discovery import app_modules

from .models import AuditEntry


def audit_entries(*, action="", actor="", object_type="", date_from=None, date_to=None):
    # The log shows the name written with each entry (actor_name), so the user table is joined
    # only to find entries by username.
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action__startswith=action)
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


def dashboard_charts(user) -> list[dict]:
    """Monthly charts the apps contribute through an optional `dashboard.charts(user)`: each
    {title, unit, points: [(label, value)], url}, given here each bar's share of the highest."""
    charts = []
    for module in app_modules("dashboard"):
        for chart in getattr(module, "charts", lambda user: [])(user):
            top = max((value for _, value in chart["points"]), default=0) or 1
            bars = [
                {"label": label, "value": value, "percent": round(100 * value / top)}
                for label, value in chart["points"]
            ]
            charts.append({**chart, "bars": bars, "total": sum(b["value"] for b in bars)})
    return charts
