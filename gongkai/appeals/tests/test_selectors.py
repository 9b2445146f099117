"""Table 四: results in the national table's classes, per group, counted per filing year."""

from datetime import date

from gongkai.appeals import selectors, services
from gongkai.appeals.models import AppealKind, AppealResult

from .test_services import file


def decided(agency, clerk, kind, result, filed_on, decided_on, **changes):
    appeal = file(agency, clerk, kind=kind, filed_on=filed_on, **changes)
    services.appeal_decide(appeal=appeal, actor=clerk, result=result, decided_on=decided_on)
    return appeal


def test_year_figures_classify_results_as_table_four(agency, district, clerk):
    R, L, A = AppealKind.REVIEW, AppealKind.LITIGATION_DIRECT, AppealKind.LITIGATION_AFTER_REVIEW
    d = date(2026, 3, 2)
    decided(agency, clerk, R, AppealResult.UPHELD, d, date(2026, 5, 1))
    decided(agency, clerk, R, AppealResult.UPHELD, d, date(2026, 5, 2))
    decided(agency, clerk, R, AppealResult.CORRECTED, d, date(2026, 6, 1))
    decided(agency, clerk, R, AppealResult.OTHER, d, date(2026, 6, 1))
    file(agency, clerk, kind=R, filed_on=date(2026, 11, 20))  # open at year end: pending
    # 维持或驳回诉讼请求 counts as 维持.
    decided(agency, clerk, L, AppealResult.UPHELD, d, date(2026, 9, 1))
    decided(agency, clerk, A, AppealResult.OTHER, d, date(2026, 9, 1))
    # Filed in another year: not this year's.
    decided(agency, clerk, R, AppealResult.UPHELD, date(2025, 12, 1), date(2026, 1, 5))
    # The office only as the review body sued alongside: not counted (§3.5).
    file(agency, clerk, kind=L, filed_on=d, co_defendant_only=True)

    table = selectors.year_figures([agency.pk, district.pk], 2026)
    assert table == {
        "review": {"upheld": 2, "corrected": 1, "other": 1, "pending": 1, "total": 5},
        "litigation_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "litigation_after_review": {
            "upheld": 0,
            "corrected": 0,
            "other": 1,
            "pending": 0,
            "total": 1,
        },
    }
    for row in table.values():
        assert row["total"] == row["upheld"] + row["corrected"] + row["other"] + row["pending"]
    legacy = selectors.legacy_year_figures([agency.pk], 2026)
    assert legacy["litigation"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 1,
        "pending": 0,
        "total": 2,
    }
    # 2025's case was decided in 2026: in 2025's table it was still pending.
    assert selectors.year_figures([agency.pk], 2025)["review"]["pending"] == 1


def test_no_cases_is_a_zero_in_every_group(agency):
    table = selectors.year_figures([agency.pk], 2026)
    assert set(table) == {"review", "litigation_direct", "litigation_after_review"}
    assert all(row["total"] == 0 for row in table.values())


def test_other_organizations_cases_are_not_counted(agency, other_agency, clerk, outsider):
    file(other_agency, outsider)
    assert selectors.year_figures([agency.pk], 2026)["review"]["total"] == 0


def test_monthly_filed_counts_by_month(agency, clerk):
    file(agency, clerk, filed_on=date(2026, 3, 2))
    file(agency, clerk, filed_on=date(2026, 3, 30))
    file(agency, clerk, filed_on=date(2026, 11, 2))
    assert selectors.monthly_filed([agency.pk], 2026) == [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]
