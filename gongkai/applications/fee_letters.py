"""The 收费通知书 through the letters app (文书), when it is installed.

Assumed letters API (branch `letters`): `gongkai.letters.services.letter_issue(*, application,
event, kind, variant="", organization=None, actor_name="")` freezes and numbers the letter of a
`gongkai.letters.models.LetterKind` for an ApplicationEvent. The fee notice needs a kind
`LetterKind.FEE_NOTICE` ("fee_notice", "收费通知书") with a default template; until the letters
app has it, nothing is issued here and the notice stands as the case's FEE_NOTICE event (with
amount, breakdown and payment date in its context). The closing as 逾期未缴费 is issued as the
reply letter of outcome `other.fee_unpaid` (the letters app has its template already).
"""

from django.apps import apps


def _letters():
    if not apps.is_installed("gongkai.letters"):
        return None, None
    from gongkai.letters import services
    from gongkai.letters.models import LetterKind

    return services, LetterKind


def issue_notice(*, application, event, actor):
    """The 收费通知书 for `event`; None when the letters app (or its fee kind) is missing."""
    services, kinds = _letters()
    kind = getattr(kinds, "FEE_NOTICE", None) if kinds is not None else None
    if kind is None:
        return None
    return services.letter_issue(
        application=application, event=event, kind=kind, actor_name=actor.display_name
    )


def issue_lapse(*, application, event, actor):
    """The 不再处理告知书 (reply of outcome 逾期未缴费); None without the letters app."""
    services, kinds = _letters()
    if services is None:
        return None
    return services.letter_issue(
        application=application,
        event=event,
        kind=kinds.REPLY,
        variant=application.outcome,
        actor_name=actor.display_name,
    )
