"""May this client submit an application now? One question, asked by the API's submission.

The web form on main has no submission throttle yet; branch `harden` adds one to /apply/. At
merge this function is to call that same throttle, so the API and the form count the same
submissions against the same limits. Until then it answers as the web form does: yes.
"""


def may_submit(request) -> bool:
    return True
