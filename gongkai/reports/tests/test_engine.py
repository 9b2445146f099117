"""The statistics engine on a hand-built caseload whose answer is known cell by cell."""

from datetime import date

import pytest
import time_machine

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.reports import statistics
from gongkai.reports.checks import check
from gongkai.reports.engine.figures import compute, drilldown

from .engine_data import ZERO, case, caseload, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


def test_the_2021_table_counts_new_carried_in_outcomes_and_carried_out_by_applicant(agency):
    caseload(agency)
    doc = compute(agency, 2025, "2021")
    apps = doc["applications"]
    assert apps["new"] == row(natural_person=3, commercial=1, research=1, legal_service=1)
    assert apps["carried_in"] == row(natural_person=2)
    assert apps["outcomes"]["disclosed"] == row(natural_person=2)
    assert apps["outcomes"]["partially_disclosed"] == row(commercial=1)
    assert apps["outcomes"]["withheld"]["state_secret"] == row(natural_person=1)
    assert apps["outcomes"]["other"]["no_correction"] == row(natural_person=1)
    assert apps["outcomes"]["not_processed"]["duplicate"] == ZERO  # closed in 2026
    assert apps["outcomes"]["total"] == row(natural_person=4, commercial=1)
    assert apps["carried_out"] == row(natural_person=1, legal_service=1, research=1)
    # Every leaf of the national table is printed, a zero being a fact the records establish.
    assert len([p for p in statistics.flatten(doc) if p.startswith("applications.outcomes.")]) == (
        22 * 7
    )
    assert check(doc) == []


def test_cases_open_at_the_year_end_are_carried_into_the_next_year(agency):
    caseload(agency)
    out_2025 = compute(agency, 2025, "2021")["applications"]["carried_out"]
    doc_2026 = compute(agency, 2026, "2021")
    assert doc_2026["applications"]["carried_in"] == out_2025
    assert doc_2026["applications"]["outcomes"]["not_processed"]["duplicate"] == row(research=1)
    assert doc_2026["applications"]["new"] == ZERO
    assert doc_2026["applications"]["carried_out"] == row(natural_person=1, legal_service=1)


def test_the_2019_table_has_one_other_row(agency):
    caseload(agency)
    outcomes = compute(agency, 2025, "2019")["applications"]["outcomes"]
    assert outcomes["other"] == {"all": row(natural_person=1)}
    assert outcomes["total"] == row(natural_person=4, commercial=1)


def test_the_legacy_figures_count_the_years_applications_by_channel_and_answer(agency):
    caseload(agency)
    doc = compute(agency, 2025, "legacy")
    apps = doc["applications"]
    assert set(apps) == {"received_total", "by_channel", "legacy_outcomes"}
    assert apps["received_total"] == 6
    assert apps["by_channel"] == {"in_person": 2, "online": 3, "letter": 1}
    assert apps["legacy_outcomes"] == {
        "disclosed_or_partial": 2,
        "withheld": 1,
        "correction_requested": 1,
        "duplicate": 1,
    }
    assert check(doc) == []


def test_a_supervisor_gets_the_sum_over_its_sub_tree_and_divisions_count_as_their_organ(
    agency, division, district
):
    caseload(agency)
    case(
        division, "natural_person", date(2025, 6, 2), closed=date(2025, 6, 20), outcome="disclosed"
    )
    case(district, "other_org", date(2025, 7, 1), closed=date(2025, 7, 20), outcome="disclosed")
    own = compute(agency, 2025, "2021")["applications"]
    tree = compute(agency, 2025, "2021", subtree=True)["applications"]
    district_only = compute(district, 2025, "2021")["applications"]
    assert own["new"] == row(natural_person=4, commercial=1, research=1, legal_service=1)
    assert district_only["new"] == row(other_org=1)
    assert tree["new"] == row(
        natural_person=4, commercial=1, research=1, legal_service=1, other_org=1
    )
    assert tree["outcomes"]["disclosed"] == row(natural_person=3, other_org=1)


def test_an_organization_without_records_gets_zeros_and_sources_not_recorded_stay_absent(db):
    quiet = Organization.objects.create(name="某某局", code="mmj", kind=OrganizationKind.AGENCY)
    doc = compute(quiet, 2025, "2021")
    assert doc["applications"]["new"] == ZERO
    assert doc["proactive"]["normative_documents"] == {"issued": 0, "repealed": 0, "in_force": 0}
    # Appeals, consultations and fees are recorded here, so none is a zero.
    assert doc["appeals"]["review"]["total"] == 0 and doc["consultations"]["total"] == 0
    assert doc["fees_yuan"] == 0


def test_hand_entered_figures_fill_what_no_record_holds(agency):
    doc = compute(
        agency,
        2025,
        "2021",
        entered={"proactive.administrative_licensing.decisions": 1523, "fees_yuan": 99},
    )
    assert doc["proactive"]["administrative_licensing"] == {"decisions": 1523}
    assert doc["fees_yuan"] == 0  # computed from the fee records; typing it in is not taken


def test_each_cell_drills_down_to_the_cases_behind_it(agency):
    caseload(agency)
    carried_out = drilldown(agency, 2025, "applications.carried_out", "total")
    assert sorted(carried_out.values_list("received_on", flat=True)) == [
        date(2024, 12, 23),
        date(2025, 12, 15),
        date(2025, 12, 29),
    ]
    disclosed = drilldown(agency, 2025, "applications.outcomes.disclosed", "natural_person")
    assert disclosed.count() == 2
    assert drilldown(agency, 2025, "applications.new", "commercial").get().applicant_kind == (
        "commercial"
    )
    assert drilldown(agency, 2025, "applications.by_channel.letter", "").count() == 1
    assert drilldown(agency, 2025, "applications.nonsense", "total") is None
