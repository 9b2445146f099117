"""The case page's 信息处理费 section: the notices so far and the forms the user may use now."""

from django.utils import timezone

from gongkai.accounts.permissions import can

from . import fee_forms, fees
from .models import EventKind
from .services import FEE_TRANSITIONS

STEP_KINDS = {
    "notice": EventKind.FEE_NOTICE,
    "pay": EventKind.FEE_PAID,
    "waive": EventKind.FEE_WAIVED,
    "lapse": EventKind.FEE_LAPSED,
}


def context(user, application, bound=None, step: str = "", fee_quote=None) -> dict:
    notices = list(application.fee_notices.all())
    if not notices and not fees.fees_enabled(application.organization_id):
        return {"fee_panel": None}
    pending = next((n for n in notices if n.status == "pending"), None)
    wanted = ("pay", "waive", "lapse") if pending else ("notice",)
    today = timezone.localdate()
    forms = []
    for name in wanted:
        rule = FEE_TRANSITIONS[STEP_KINDS[name]]
        if application.status not in rule.sources:
            continue
        if not can(user, rule.action, application.organization_id):
            continue
        if name == "notice" and not fees.fees_enabled(application.organization_id):
            continue
        if name == "lapse" and today <= pending.pay_by:
            continue
        form = bound if bound is not None and step == name else None
        initial = {"on": today}
        if name == "pay":
            initial["amount"] = pending.amount
        forms.append(
            {
                "step": name,
                "label": rule.label,
                "form": form or fee_forms.FORMS[name](initial=initial, prefix=f"fee-{name}"),
                "open": step == name,
            }
        )
    return {
        "fee_panel": {
            "notices": notices,
            "pending": pending,
            "forms": forms,
            "quote": fee_quote,
        }
    }
