"""The checks of a computed report: each rule fires on a crafted inconsistency."""

import copy

import pytest
import time_machine
from django.utils import timezone

from gongkai.reports import composer
from gongkai.reports.engine import checks
from gongkai.reports.engine.figures import compute
from gongkai.reports.models import AnnualReport, AnnualReportStatus

from .engine_data import caseload, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


@pytest.fixture
def doc(agency):
    caseload(agency)
    return compute(agency, 2025, "2021")


def rules(violations):
    return [(v["rule"], v["where"], v["expected"], v["found"]) for v in violations]


def test_a_computed_document_and_its_draft_text_have_no_violations(agency, doc):
    text = composer.full_text(doc, composer.drafts(doc))
    assert checks.run(doc, text=text, organization=agency) == []


def test_rule_1_fires_when_the_carried_out_figure_is_off(doc):
    bad = copy.deepcopy(doc)
    bad["applications"]["carried_out"]["research"] = 0
    bad["applications"]["carried_out"]["total"] = 2
    assert ("1", "applications.outcomes.total.research", 1, 0) in rules(checks.run(bad))
    assert ("1", "applications.outcomes.total.total", 6, 5) in rules(checks.run(bad))


def test_rule_2_fires_when_a_leaf_does_not_add_up_to_the_total(doc):
    bad = copy.deepcopy(doc)
    bad["applications"]["outcomes"]["withheld"]["state_secret"]["natural_person"] = 3
    bad["applications"]["outcomes"]["withheld"]["state_secret"]["total"] = 3
    assert ("2", "applications.outcomes.total.natural_person", 6, 4) in rules(checks.run(bad))


def test_rule_3_fires_when_a_row_total_is_not_the_sum_of_its_columns(doc):
    bad = copy.deepcopy(doc)
    bad["applications"]["new"]["total"] = 7
    assert ("3", "applications.new.total", 6, 7) in rules(checks.run(bad))


def test_the_appeals_channels_consultations_and_percentage_rules_fire(doc):
    bad = copy.deepcopy(doc)
    bad["appeals"] = {"review": {"upheld": 2, "corrected": 1, "other": 0, "pending": 0, "total": 4}}
    bad["applications"]["received_total"] = 9
    bad["consultations"] = {"total": 10, "phone": 3, "in_person": 3, "online": 3}
    text = "本年度办结5件。其中，予以公开2件，占办结总数的50.00%。"
    found = rules(checks.run(bad, text=text))
    assert ("appeals", "appeals.review.total", 3, 4) in found
    assert ("channels", "applications.received_total", 6, 9) in found
    assert ("consultations", "consultations.total", 9, 10) in found
    assert ("percentage", "text:50.00%", 40, 50) in found


def test_carried_in_must_equal_last_years_published_carried_out(agency, doc, clerk):
    AnnualReport.objects.create(
        organization=agency,
        year=2024,
        format="2021",
        status=AnnualReportStatus.PUBLISHED,
        document={"applications": {"carried_out": row(natural_person=1)}},
        created_by=clerk,
        created_at=timezone.now(),
    )
    found = rules(checks.run(doc, organization=agency))
    assert ("carry", "applications.carried_in.natural_person", 1, 2) in found
    assert ("carry", "applications.carried_in.total", 1, 2) in found
    assert len(found) == 2
    described = checks.describe(checks.run(doc, organization=agency)[0])
    assert described["rule"] == "上年结转应等于上年度已发布报告的结转下年度"
    assert described["place"] == "二、上年结转申请 · 自然人"
