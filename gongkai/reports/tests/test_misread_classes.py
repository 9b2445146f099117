"""Classes of reports the parser used to misread (issue 16, point 7), in our own data."""

from __future__ import annotations

from gongkai.reports.parsing import parse_report


def with_section(report: str, before: str, inserted: str) -> str:
    assert before in report
    return report.replace(before, inserted + before, 1)


def test_a_2021_report_records_the_years_items_stated_only_in_prose(report_text):
    # Table 二 is not printed at all; the sentence names the kinds of information first.
    text = with_section(
        report_text,
        "2023年，我局共收到",
        "全年主动公开规范性文件、政策解读、工作动态等信息656条，其中网站公开400条。",
    )
    document = parse_report(text)
    assert document["format"] == "2021"
    assert document["proactive"]["items_new"] == 656


def test_an_elided_description_between_verb_and_count_still_gives_the_items(report_text):
    text = with_section(report_text, "2023年，我局共收到", "本年度主动公开…信息1,204条。")
    assert parse_report(text)["proactive"]["items_new"] == 1204


TRUNCATED_2019_TABLE = """二、主动公开政府信息情况
| 第二十条第（一）项 |
| 信息内容 | 本年新 | 本年新 | 对外公开总数量 |
| 规章 | 0 | 0 | 3 |
| 规范性文件 | 0 | 1 | 12 |
| 第二十条第（五）项 |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政许可 | 5 | 0 | 120 |

"""


def test_a_2019_header_cut_short_is_read_by_position(report_text):
    document = parse_report(with_section(report_text, "三、收到和处理", TRUNCATED_2019_TABLE))
    assert document["format"] == "2019"
    proactive = document["proactive"]
    assert proactive["regulations"] == {"new_made": 0, "new_published": 0, "published_total": 3}
    assert proactive["normative_documents"] == {
        "new_made": 0,
        "new_published": 1,
        "published_total": 12,
    }
    assert proactive["administrative_licensing"]["decisions"] == 120


def test_a_header_cut_short_that_fits_no_layout_leaves_its_cells_out(report_text):
    # Two columns cut to "本年" could be anything: nothing is guessed.
    table = TRUNCATED_2019_TABLE.replace("本年新 | 本年新 | 对外公开总数量", "本年 | 本年")
    document = parse_report(with_section(report_text, "三、收到和处理", table))
    assert "regulations" not in document.get("proactive", {})


LEGACY = """某县档案局2012年政府信息公开工作年度报告
一、概述
2012年，本局依申请公开和主动公开工作有序开展，主动公开政府信息120条，不予公开信息27条。
二、依申请公开情况
2012年共收到政府信息公开申请1件，予以公开1件。
"""


def test_a_legacy_count_of_withheld_information_items_is_not_an_outcome():
    applications = parse_report(LEGACY)["applications"]
    assert applications["received_total"] == 1
    assert applications["legacy_outcomes"] == {"disclosed": 1}


def test_a_legacy_outcome_larger_than_the_applications_received_is_dropped():
    text = LEGACY.replace("不予公开信息27条。", "").replace(
        "予以公开1件。", "予以公开1件，不予公开申请30件。"
    )
    assert parse_report(text)["applications"]["legacy_outcomes"] == {"disclosed": 1}


def test_a_legacy_withheld_count_of_applications_is_still_read():
    text = LEGACY.replace("不予公开信息27条。", "").replace(
        "共收到政府信息公开申请1件，予以公开1件。",
        "共收到政府信息公开申请5件，予以公开3件，不予公开2件。",
    )
    outcomes = parse_report(text)["applications"]["legacy_outcomes"]
    assert outcomes == {"disclosed": 3, "withheld": 2}
