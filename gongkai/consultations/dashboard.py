"""Consultations on the staff dashboard: questions waiting, this month's count, the year by month."""

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import Action, can, scoped_ids

from . import selectors
from .models import ConsultationStatus
from .permissions import visible_consultations

MONTHS = [f"{m}月" for m in range(1, 13)]


def counters(user) -> list[dict]:
    if not can(user, Action.CONSULTATION_RECORD):
        return []
    today = timezone.localdate()
    visible = visible_consultations(user)
    waiting = visible.filter(status=ConsultationStatus.OPEN).count()
    this_month = visible.filter(asked_on__year=today.year, asked_on__month=today.month).count()
    url = reverse("consultations:list")
    return [
        {
            "label": "待答复的咨询",
            "value": waiting,
            "url": url,
            "tone": "warn" if waiting else "",
        },
        {
            "label": "本月咨询（人次）",
            "value": this_month,
            "url": f"{url}?year={today.year}&month={today.month}",
            "tone": "",
        },
    ]


def panels(user) -> list[dict]:
    if not can(user, Action.CONSULTATION_RECORD):
        return []
    year = timezone.localdate().year
    org_ids = scoped_ids(user, Action.CONSULTATION_RECORD)
    return [
        {
            "title": f"{year}年每月政府信息公开咨询",
            "unit": "人次",
            "points": list(zip(MONTHS, selectors.monthly(org_ids, year), strict=True)),
            "url": reverse("consultations:list"),
        }
    ]
