"""A reply that withholds anything states why (第36条第(三)(五)项, 第37条)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Outcome, Status
from gongkai.applications.services import TransitionError

REASONED = [
    Outcome.NOT_PROCESSED_DUPLICATE,
    Outcome.OTHER_OTHER,
    Outcome.PARTIALLY_DISCLOSED,
    Outcome.WITHHELD_STATE_SECRET,
    Outcome.WITHHELD_THIRD_PARTY_RIGHTS,
    Outcome.UNABLE_NOT_HELD,
    Outcome.UNABLE_UNCLEAR_AFTER_CORRECTION,
]


@pytest.mark.parametrize("outcome", REASONED, ids=lambda o: o.value)
def test_a_reply_that_withholds_needs_its_reason(in_progress, handler, outcome):
    for empty in ("", "  \n "):
        with pytest.raises(TransitionError, match=f"办理结果为“{outcome.label}”的，请在答复要点中"):
            services.application_reply(
                application=in_progress,
                actor=handler,
                on=date(2026, 10, 9),
                outcome=outcome,
                summary=empty,
            )
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS and in_progress.outcome == ""
    services.application_reply(
        application=in_progress,
        actor=handler,
        on=date(2026, 10, 9),
        outcome=outcome,
        summary="依据第十四条，该信息经定密属于国家秘密",
    )
    in_progress.refresh_from_db()
    assert in_progress.status == Status.REPLIED and in_progress.outcome == outcome


def test_a_full_disclosure_needs_no_reason(in_progress, handler):
    services.application_reply(
        application=in_progress, actor=handler, on=date(2026, 10, 9), outcome=Outcome.DISCLOSED
    )
    in_progress.refresh_from_db()
    assert in_progress.status == Status.REPLIED


def test_the_reply_form_marks_the_missing_reason(client, in_progress, handler):
    client.force_login(handler)
    response = client.post(
        reverse("applications:signoff_submit", args=[in_progress.pk, "reply"]),
        {
            "draft-reply-outcome": Outcome.WITHHELD_STATE_SECRET,
            "draft-reply-summary": "",
        },
    )
    assert response.status_code == 400
    form = next(d["form"] for d in response.context["draft_forms"] if d["kind"] == "reply")
    assert form.errors["summary"] == [
        "办理结果为“不予公开：属于国家秘密”的，请在答复要点中写明理由（《条例》第三十六条、第三十七条）。"
    ]
    assert not in_progress.signoff_requests.exists()
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS
