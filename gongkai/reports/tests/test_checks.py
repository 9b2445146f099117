"""The consistency rules, on documents with or without a report's text."""

from __future__ import annotations

import copy

from gongkai.reports.checks import check

SIX = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")


def row(*values: int) -> dict[str, int]:
    """A column set: six applicant columns then total."""
    return dict(zip((*SIX, "total"), values, strict=True))


def consistent() -> dict:
    return {
        "schema": "gongkai/annual-stats@1",
        "format": "2021",
        "applications": {
            "new": row(8, 2, 0, 0, 0, 0, 10),
            "carried_in": row(1, 0, 0, 0, 0, 0, 1),
            "outcomes": {
                "disclosed": row(5, 1, 0, 0, 0, 0, 6),
                "unable_to_provide": {"not_held": row(3, 0, 0, 0, 0, 0, 3)},
                "total": row(8, 1, 0, 0, 0, 0, 9),
            },
            "carried_out": row(1, 1, 0, 0, 0, 0, 2),
        },
        "appeals": {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}},
    }


def test_a_consistent_document_has_no_violations() -> None:
    assert check(consistent()) == []


def test_rule_1_new_plus_carried_in_equals_concluded_plus_carried_out() -> None:
    document = consistent()
    document["applications"]["carried_in"] = row(2, 0, 0, 0, 0, 0, 2)
    assert check(document)[:2] == [
        {
            "rule": "1",
            "where": "applications.outcomes.total.natural_person",
            "expected": 9,
            "found": 8,
        },
        {"rule": "1", "where": "applications.outcomes.total.total", "expected": 10, "found": 9},
    ]


def test_rule_2_the_outcome_total_is_the_sum_of_the_leaves() -> None:
    document = consistent()
    document["applications"]["outcomes"]["disclosed"] = row(4, 1, 0, 0, 0, 0, 5)
    violations = [v for v in check(document) if v["rule"] == "2"]
    assert violations == [
        {
            "rule": "2",
            "where": "applications.outcomes.total.natural_person",
            "expected": 7,
            "found": 8,
        },
        {"rule": "2", "where": "applications.outcomes.total.total", "expected": 8, "found": 9},
    ]


def test_rule_3_the_total_column_is_the_sum_of_the_six() -> None:
    document = consistent()
    document["applications"]["new"]["total"] = 11
    assert {"rule": "3", "where": "applications.new.total", "expected": 10, "found": 11} in check(
        document
    )


def test_the_2019_other_row_counts_as_an_outcome_leaf() -> None:
    document = consistent()
    document["applications"]["outcomes"]["other"] = {"all": row(1, 0, 0, 0, 0, 0, 1)}
    assert [v["where"] for v in check(document) if v["rule"] == "2"] == [
        "applications.outcomes.total.natural_person",
        "applications.outcomes.total.total",
    ]


def test_a_check_is_skipped_when_its_total_is_absent() -> None:
    document = consistent()
    del document["applications"]["outcomes"]["total"]["commercial"]
    document["applications"]["new"].pop("total")
    places = [v["where"] for v in check(document)]
    assert "applications.outcomes.total.commercial" not in places  # rules 1 and 2 skipped
    assert "applications.new.total" not in places  # rule 3 skipped


def test_a_check_is_skipped_when_none_of_its_addends_is_present() -> None:
    document = consistent()
    for name in ("new", "carried_in", "carried_out"):
        document["applications"][name].pop("total")
    document["applications"]["outcomes"]["disclosed"].pop("total")
    document["applications"]["outcomes"]["unable_to_provide"]["not_held"].pop("total")
    assert check(document) == []


def test_an_absent_addend_counts_as_zero() -> None:
    document = consistent()
    del document["applications"]["outcomes"]["disclosed"]["research"]
    assert check(document) == []


def test_the_appeals_total_is_the_sum_of_its_four_results() -> None:
    document = consistent()
    document["appeals"]["litigation"] = {"upheld": 6, "other": 5, "total": 12}
    document["appeals"]["litigation_direct"] = {"total": 0}
    assert check(document) == [
        {"rule": "appeals", "where": "appeals.litigation.total", "expected": 11, "found": 12}
    ]


def test_received_total_is_the_sum_of_the_channels() -> None:
    document = {
        "applications": {
            "received_total": 263,
            "by_channel": {"in_person": 97, "online": 118, "letter": 47},
        }
    }
    assert check(document) == [
        {"rule": "channels", "where": "applications.received_total", "expected": 262, "found": 263}
    ]


def test_the_consultations_total_is_the_sum_of_its_parts() -> None:
    document = {"consultations": {"total": 207, "phone": 112, "in_person": 86, "online": 8}}
    assert check(document) == [
        {"rule": "consultations", "where": "consultations.total", "expected": 206, "found": 207}
    ]


def test_violations_come_in_rule_order() -> None:
    document = consistent()
    document["applications"]["outcomes"]["disclosed"]["commercial"] = 2
    document["appeals"]["review"]["total"] = 2
    document["consultations"] = {"total": 3, "phone": 1}
    assert [v["rule"] for v in check(document)] == ["2", "3", "appeals", "consultations"]


def test_a_percentage_is_recomputed_from_the_base_its_sentence_refers_to() -> None:
    text = "共收到申请1,046件。其中，网上862件，占比82.4%；当面提交的13件，占比1.3%。"
    assert check({}, text) == [
        {"rule": "percentage", "where": "text:1.3%", "expected": 1.2, "found": 1.3}
    ]


def test_a_percentage_is_rounded_half_up_at_the_printed_precision() -> None:
    # 1/8 = 12.5% exactly: half up gives 13 at no decimals (banker's rounding would give 12).
    assert check({}, "共受理8件，其中当面1件，占13%。") == []
    assert check({}, "共受理8件，其中当面1件，占12%。") == [
        {"rule": "percentage", "where": "text:12%", "expected": 13, "found": 12}
    ]
    assert check({}, "共受理263件。“同意公开”的110件，占总数的41.83%。") == []


def test_a_share_of_the_grand_total_is_not_taken_from_a_subgroup() -> None:
    text = (
        "受理的263件申请均已答复。其中，同意公开的110件，占总数的41.83%；其他情况153件，"
        "其中，“信息不存在”95件，占总数的36.12%。"
    )
    assert check({}, text) == []


def test_percentages_without_a_base_are_not_checked() -> None:
    assert check({}, "收到申请120件，同比增长12%，全文电子化率达100%。") == []


def test_check_does_not_change_the_document() -> None:
    document = consistent()
    before = copy.deepcopy(document)
    check(document, "x")
    assert document == before


def test_percentages_in_a_saved_html_page_are_checked() -> None:
    page = "<html><body><p>共受理8件，其中当面1件，占12%。</p></body></html>"
    assert [v["where"] for v in check({}, page)] == ["text:12%"]


def test_a_full_width_percentage_is_named_as_printed() -> None:
    text = "共收到申请１２０件，其中网上申请９９件，占８２．５％；信函申请２１件，占１８．５％。"
    assert check({}, text) == [
        {"rule": "percentage", "where": "text:１８．５％", "expected": 17.5, "found": 18.5}
    ]


def test_a_percentage_written_before_its_count_is_checked() -> None:
    text = "全年办结申请116件，其中予以公开和部分公开的占45%，计48件。"
    assert check({}, text) == [
        {"rule": "percentage", "where": "text:45%", "expected": 41, "found": 45}
    ]
