"""The letters a case's events need, issued as each event is written (the applications
services call `event_written` inside the transaction that writes the event)."""

from . import services


def event_written(application, event) -> None:
    for kind, variant, organization in services.case_letters_for_event(application, event):
        services.letter_issue(
            application=application,
            event=event,
            kind=kind,
            variant=variant,
            organization=organization,
            actor_name=event.actor_name,
        )
