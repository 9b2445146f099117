"""Guides and powers are edited through their own forms (see catalog.editors)."""

from django.urls import reverse

from .models import Power, ServiceGuide


def edit_url(item) -> str | None:
    guide = ServiceGuide.objects.filter(item=item).values_list("pk", flat=True).first()
    if guide is not None:
        return reverse("guides:guide_edit", args=[guide])
    power = Power.objects.filter(item=item).values_list("pk", flat=True).first()
    if power is not None:
        return reverse("guides:power_edit", args=[power])
    return None
