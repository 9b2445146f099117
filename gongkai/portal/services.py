"""Changing what the site says of itself."""

from django.db import transaction

from gongkai.accounts import audit
from gongkai.accounts.permissions import Action, require

from .models import SiteInfo

FIELDS = ("sponsor", "organizer", "site_code", "icp_record", "police_record")


@transaction.atomic
def site_info_save(*, actor, data: dict) -> SiteInfo:
    require(actor, Action.ORGANIZATION_MANAGE)
    info = SiteInfo.objects.select_for_update().order_by("pk").first() or SiteInfo()
    before = {name: getattr(info, name) for name in FIELDS}
    for name in FIELDS:
        setattr(info, name, data.get(name, "").strip())
    info.save()
    audit.record(
        "portal.site_info_save",
        info,
        actor=actor,
        changes=audit.diff(before, {name: getattr(info, name) for name in FIELDS}),
    )
    return info
