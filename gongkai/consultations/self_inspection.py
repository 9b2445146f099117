"""The self-inspection rule the consultations app answers for: a visitor's question left
unanswered for three months fails an inspection (国办秘函〔2019〕19号). Read by
gongkai.inspection.selfcheck: a risk is a dict of rule, detail, veto and url."""

from datetime import timedelta

from django.urls import reverse

from .models import Consultation

UNANSWERED_DAYS = 90


def risks(organization_ids, today) -> list[dict]:
    late = Consultation.objects.filter(
        organization_id__in=organization_ids,
        answer="",
        asked_on__lt=today - timedelta(days=UNANSWERED_DAYS),
    ).count()
    if not late:
        return []
    return [
        {
            "rule": "留言超过3个月未答复",
            "detail": f"{late}条咨询提问超过3个月没有答复。",
            "veto": True,
            "url": reverse("consultations:list"),
        }
    ]
