"""`{% case_letters application %}`: the letters block of the staff case page."""

from django import template

from gongkai.accounts.permissions import Action, can

from .. import selectors, services

register = template.Library()


@register.inclusion_tag("letters/_case_letters.html", takes_context=True)
def case_letters(context, application):
    user = context["request"].user
    org = application.organization_id
    rows = [
        {
            "letter": letter,
            "files": selectors.files_state(letter),
            "can_correct": letter.is_current
            and letter.event_id is not None
            and can(user, services.correct_action(letter), org),
        }
        for letter in selectors.case_letters(application)
    ]
    return {
        "application": application,
        "rows": rows,
        "can_serve": can(user, Action.APPLICATION_HANDLE, org),
        "FilesState": selectors.FilesState,
    }


@register.simple_tag
def public_letters(application):
    """The letters of the applicant's status page (`letters/_status_letters.html`)."""
    return selectors.public_letters(application)
