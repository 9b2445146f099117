"""The case page's sign-off section: drafts under way, the forms the user may use on them,
and the next step with who can take it."""

from gongkai.accounts.permissions import Action, can

from . import signoff, signoff_forms
from .models import SignoffKind, SignoffStatus


def context(user, application, bound=None) -> dict:
    requests = signoff.open_requests(application)
    drafts, decisions = [], []
    may_handle = can(user, Action.APPLICATION_HANDLE, application.organization_id) and (
        not application.assignee_id or application.assignee_id == user.pk
    )
    for kind in SignoffKind:
        request = requests.get(kind)
        pending = request is not None and request.status == SignoffStatus.PENDING
        if request is not None and pending and signoff.refusal(user, request) is None:
            prefix = f"decide-{request.pk}"
            form = bound if bound is not None and bound.prefix == prefix else None
            decisions.append(
                {
                    "request": request,
                    "form": form or signoff_forms.SignoffDecisionForm(prefix=prefix),
                }
            )
        if pending or not may_handle or application.status not in signoff.SOURCE_STATUSES[kind]:
            continue
        prefix = f"draft-{kind.value}"
        if bound is not None and bound.prefix == prefix:
            form = bound
        else:
            initial = {}
            if request is not None:  # a returned draft: start from what was submitted
                names = signoff.REPLY_FIELDS if kind == SignoffKind.REPLY else ("days", "reason")
                initial = {name: getattr(request, name) for name in names}
            form = signoff_form(kind)(initial=initial, prefix=prefix)
        drafts.append({"kind": kind, "form": form, "returned": request})
    return {
        "signoff_requests": list(requests.values()),
        "draft_forms": drafts,
        "decision_forms": decisions,
        "next_steps": signoff.next_steps(application),
    }


def signoff_form(kind):
    return (
        signoff_forms.ReplyDraftForm
        if kind == SignoffKind.REPLY
        else signoff_forms.ExtensionDraftForm
    )
