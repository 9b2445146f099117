"""The workspace dashboard's visit counter."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse

from gongkai.accounts.permissions import Action, can

from .permissions import analytics_scope_for
from .selectors import visits_this_month


def counters(user) -> list[dict]:
    if not can(user, Action.ANALYTICS_VIEW):
        return []
    visits = visits_this_month(scope=analytics_scope_for(user))
    return [
        {
            "label": "本月访问量",
            "value": intcomma(visits),
            "url": reverse("analytics:overview"),
            "tone": "",
        }
    ]
