"""May this client submit an application now? The same limits as the web form
(gongkai.applications.limits): per client address before the payload is read, per ID number
once it is valid."""

from gongkai.applications import limits


def may_submit(request) -> bool:
    return limits.address_allowed(request)


def may_submit_id(cleaned: dict) -> bool:
    return limits.id_allowed(cleaned)
