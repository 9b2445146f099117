"""The refusals of the applications workflow, with the Chinese message the UI shows as is."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Application


class TransitionError(Exception):
    """A step the case's state or the law does not allow; the message is shown to staff."""


class AlreadySubmitted(TransitionError):
    """The form with this submission token was registered already, as `application`."""

    def __init__(self, application: Application):
        super().__init__(
            f"此申请已经提交（申请编号 {application.tracking_number}），请勿重复提交。"
        )
        self.application = application
