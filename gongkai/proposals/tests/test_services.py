"""Registering, replying, publishing; the year's publication rate."""

from datetime import date

import pytest

from gongkai.proposals import selectors, services
from gongkai.proposals.models import HandlingRole, Proposal, ProposalKind, ProposalStatus

_serial = iter(range(1, 10_000))


def register(organization, actor, **changes):
    values = {
        "organization": organization,
        "actor": actor,
        "kind": ProposalKind.NPC_SUGGESTION,
        "role": HandlingRole.LEAD,
        "number": f"第{next(_serial):04d}号",
        "title": "关于加强司法鉴定行业监管的建议",
        "proposer": "张伟代表",
        "received_on": date(2026, 3, 20),
        "due_on": date(2026, 6, 20),
        **changes,
    }
    return services.proposal_register(**values)


def replied(organization, actor, on=date(2026, 6, 10), publish=True, **changes):
    p = register(organization, actor, **changes)
    services.proposal_reply(proposal=p, actor=actor, reply="感谢您的建议。……", replied_on=on)
    if publish:
        services.proposal_publish(proposal=p, actor=actor)
    return p


def test_a_reply_is_recorded_then_published(agency, clerk):
    p = register(agency, clerk)
    services.proposal_reply(proposal=p, actor=clerk, reply="答复全文", replied_on=date(2026, 6, 1))
    assert p.status == ProposalStatus.REPLIED and not p.is_published
    services.proposal_publish(proposal=p, actor=clerk)
    assert p.is_published
    assert [e.kind for e in p.events.all()] == ["register", "reply", "publish"]


def test_an_unanswered_proposal_cannot_be_published(agency, clerk):
    p = register(agency, clerk)
    with pytest.raises(services.ProposalError, match="办理中"):
        services.proposal_publish(proposal=p, actor=clerk)


def test_the_same_number_cannot_be_registered_twice(agency, clerk):
    register(agency, clerk, number="第0001号")
    with pytest.raises(services.ProposalError, match="已经登记过"):
        register(agency, clerk, number="第0001号")
    assert Proposal.objects.count() == 1


def test_a_due_date_before_assignment_is_refused(agency, clerk):
    with pytest.raises(services.ProposalError, match="答复期限不能早于交办日期"):
        register(agency, clerk, due_on=date(2026, 3, 1))


def test_the_publication_rate_of_the_year(agency, clerk):
    # The seed: 17 replies (lead and co-handled), all published: 100 %.
    for i in range(17):
        replied(
            agency,
            clerk,
            role=HandlingRole.LEAD if i < 10 else HandlingRole.CO,
            kind=ProposalKind.NPC_SUGGESTION if i % 2 else ProposalKind.CPPCC_PROPOSAL,
        )
    figures = selectors.year_figures([agency.pk], 2026)
    assert figures["replies"] == 17 and figures["published"] == 17 and figures["rate"] == 100.0
    assert figures["lead"] == 10 and figures["co"] == 7
    # One more reply, withheld: 17 of 18 = 94.4 %.
    p = replied(agency, clerk, publish=False)
    services.proposal_withhold(proposal=p, actor=clerk, reason="涉及个人隐私")
    figures = selectors.year_figures([agency.pk], 2026)
    assert (figures["replies"], figures["published"], figures["rate"]) == (18, 17, 94.4)


def test_no_replies_means_no_rate(agency, clerk):
    register(agency, clerk)  # not yet answered
    replied(agency, clerk, on=date(2025, 12, 1), received_on=date(2025, 3, 1))  # last year
    assert selectors.year_figures([agency.pk], 2026)["rate"] is None
    assert selectors.year_figures([agency.pk], 2025)["rate"] == 100.0
