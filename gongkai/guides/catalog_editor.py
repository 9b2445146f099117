"""Guides and powers are edited through their own forms (see catalog.editors), and their
structure follows the item's reviewed corrections (catalog.corrections calls back here)."""

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


def _record(item):
    return ServiceGuide.objects.filter(item=item).first() or Power.objects.filter(item=item).first()


def revision_applied(item) -> None:
    """The item's reviewed correction took effect: so does the structure proposed with it."""
    from .services import apply_pending

    record = _record(item)
    if record is not None:
        apply_pending(record)


def revision_returned(item) -> None:
    """The correction was returned: the proposed structure is dropped with it."""
    record = _record(item)
    if record is not None and record.pending:
        type(record).objects.filter(pk=record.pk).update(pending={})
