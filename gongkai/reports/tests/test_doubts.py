"""Cells read with doubt are listed beside the statistics, never silently trusted."""

from __future__ import annotations

from gongkai.reports.parsing import parse_report
from gongkai.reports.parsing.report_file import similar_name, suggest_organization

NEW_ROW = "| 一、本年新收政府信息公开申请数量 | 10 | 1 | 0 | 0 | 1 | 0 | 12 |"


def test_letters_ocr_took_for_digits_in_a_row_of_figures_are_repaired_and_listed(report_text):
    text = report_text.replace(
        NEW_ROW, "| 一、本年新收政府信息公开申请数量 | 1O | l | O | 0 | 1 | 0 | l2 |"
    )
    document = parse_report(text)
    assert document["applications"]["new"]["natural_person"] == 10
    assert document["applications"]["new"]["total"] == 12
    repaired = {d["where"]: (d["printed"], d["read"]) for d in document["doubts"]}
    assert repaired == {
        "applications.new.natural_person": ("1O", 10),
        "applications.new.commercial": ("l", 1),
        "applications.new.research": ("O", 0),
        "applications.new.total": ("l2", 12),
    }
    assert {d["reason"] for d in document["doubts"]} == {"ocr_repaired"}


def test_letters_in_a_label_or_in_prose_are_never_repaired(report_text):
    text = report_text.replace("我局共收到", "我局（OA系统统计）共收到")
    document = parse_report(text)
    assert "doubts" not in document
    assert "OA系统" not in str(document)


def test_a_cell_of_letters_outside_a_row_of_figures_is_left_alone(report_text):
    text = report_text.replace(NEW_ROW, "| 一、本年新收政府信息公开申请数量 | SO | lO |")
    document = parse_report(text)
    assert "doubts" not in document or all(
        d["reason"] != "ocr_repaired" for d in document["doubts"]
    )


def test_a_sentence_contradicting_table_three_is_listed_and_the_table_kept(report_text):
    text = report_text.replace("我局共收到政府信息公开申请12件", "我局新收政府信息公开申请15件")
    document = parse_report(text)
    assert document["applications"]["new"]["total"] == 12
    assert document["doubts"] == [
        {
            "reason": "prose_contradicts",
            "where": "applications.new.total",
            "printed": "2023年,我局新收政府信息公开申请15件,予以公开和部分公开7件,占办结总数的63.6%。",
            "read": 12,
        }
    ]


def test_a_clean_report_carries_no_doubts(report_text):
    assert "doubts" not in parse_report(report_text)


def test_an_organisation_name_close_to_a_known_one_is_offered_not_replaced():
    document = {"organization": "上海市示例区司法屆"}
    suggest_organization(document, ["上海市示例区司法局", "上海市示例区民政局"])
    assert document["organization"] == "上海市示例区司法屆"
    assert document["doubts"] == [
        {
            "reason": "organization",
            "where": "organization",
            "printed": "上海市示例区司法屆",
            "read": "上海市示例区司法局",
        }
    ]


def test_no_name_is_offered_for_a_known_name_or_a_different_agency():
    known = ["上海市示例区司法局", "国家卫生健康委员会"]
    assert similar_name("上海市示例区司法局", known) is None
    assert similar_name("北京市朝阳区教育委员会", known) is None
    assert similar_name("", known) is None


def test_a_carried_in_count_stated_differently_in_prose_is_listed(report_text):
    text = report_text.replace(
        "2023年，我局共收到", "上年结转政府信息公开申请3件。2023年，我局共收到"
    )
    doubts = parse_report(text)["doubts"]
    assert [(d["where"], d["read"]) for d in doubts] == [("applications.carried_in.total", 1)]
    assert doubts[0]["printed"] == "上年结转政府信息公开申请3件。"
