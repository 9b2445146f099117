"""Logging, asking, answering, publishing; counts per channel and period."""

from datetime import date

import pytest

from gongkai.consultations import selectors, services
from gongkai.consultations.models import Consultation, ConsultationChannel, ConsultationStatus


def log(organization, actor, **changes):
    values = {
        "organization": organization,
        "actor": actor,
        "channel": ConsultationChannel.PHONE,
        "topic": "如何申请公开司法鉴定机构年检结果",
        "asked_on": date(2026, 12, 15),
        "answer": "可通过网上申请或到受理点当面提交申请。",
        **changes,
    }
    return services.consultation_log(**values)


def test_a_phone_call_answered_on_the_spot_is_logged_answered(agency, clerk):
    c = log(agency, clerk)
    assert c.status == ConsultationStatus.ANSWERED and c.answered_on == date(2026, 12, 15)
    assert c.answered_by == clerk and c.events.get().kind == "log"


def test_a_consultation_without_answer_waits_for_one(agency, clerk):
    c = log(agency, clerk, answer="")
    assert c.status == ConsultationStatus.OPEN
    services.consultation_answer(consultation=c, actor=clerk, answer="已电话回复。")
    assert c.status == ConsultationStatus.ANSWERED


def test_it_links_an_application_of_the_office(agency, clerk, make_application):
    app = make_application()
    assert log(agency, clerk, application=app).application == app


def test_a_future_date_is_refused(agency, clerk):
    with pytest.raises(services.ConsultationError, match="不能晚于今天"):
        log(agency, clerk, asked_on=date(2026, 12, 16))
    assert not Consultation.objects.exists()


def test_an_online_question_waits_for_an_answer(agency):
    c = services.consultation_ask(
        organization=agency,
        topic="申请进度",
        question="我上月提交的申请什么时候答复？",
        asker_name="王芳",
        contact="13900001111",
    )
    assert c.channel == ConsultationChannel.ONLINE and c.status == ConsultationStatus.OPEN


def test_an_unanswered_consultation_cannot_be_published(agency, clerk):
    c = log(agency, clerk, answer="")
    with pytest.raises(services.ConsultationError, match="待答复"):
        services.consultation_publish(consultation=c, actor=clerk, question="问", answer="答")


def test_counts_per_channel_and_period(agency, district, clerk, district_clerk):
    # The seed office's 2018 in miniature: 3 phone, 2 in person, 1 online.
    for day in (date(2026, 1, 5), date(2026, 3, 2), date(2026, 3, 31)):
        log(agency, clerk, asked_on=day)
    for day in (date(2026, 3, 9), date(2026, 7, 1)):
        log(agency, clerk, channel=ConsultationChannel.IN_PERSON, asked_on=day)
    log(agency, clerk, channel=ConsultationChannel.ONLINE, asked_on=date(2026, 3, 10))
    log(agency, clerk, asked_on=date(2025, 12, 31))  # last year
    log(district, district_clerk, asked_on=date(2026, 3, 3))  # the district's own
    year = selectors.year_figures([agency.pk], 2026)
    assert year == {"total": 6, "phone": 3, "in_person": 2, "online": 1}
    march = selectors.counts([agency.pk], date(2026, 3, 1), date(2026, 3, 31))
    assert march == {"total": 4, "phone": 2, "in_person": 1, "online": 1}
    assert selectors.year_figures([agency.pk, district.pk], 2026)["total"] == 7
    assert selectors.monthly([agency.pk], 2026)[2] == 4
