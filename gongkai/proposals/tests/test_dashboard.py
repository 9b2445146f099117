"""Proposals on the staff dashboard: those awaiting a reply, and how many of them are late."""

from datetime import date

from gongkai.proposals import dashboard, services

from .test_services import register


def test_the_dashboard_counts_the_offices_open_proposals_and_the_late_among_them(
    agency, clerk, other_agency, outsider
):
    register(agency, clerk, due_on=date(2026, 12, 1))  # late (the clock says 2026-12-15)
    register(agency, clerk, due_on=date(2027, 3, 1))
    answered = register(agency, clerk, due_on=date(2026, 12, 2))
    services.proposal_reply(
        proposal=answered, actor=clerk, reply="答复", replied_on=date(2026, 12, 1)
    )
    register(other_agency, outsider, due_on=date(2026, 12, 1))

    waiting, _rate = dashboard.counters(clerk)
    assert waiting["value"] == 2
    assert waiting["label"] == "待答复的建议提案（超期 1 件）"
    assert waiting["tone"] == "danger"
    (waiting_elsewhere, _) = dashboard.counters(outsider)
    assert waiting_elsewhere["value"] == 1
