"""Figures stated in sentences: legacy reports, and keyed figures of any report."""

from __future__ import annotations

from gongkai.reports.parsing import parse_report

from . import builders as b


def test_legacy_prose_gives_applications_by_channel_and_reply() -> None:
    document = parse_report(
        b.legacy_report(
            "三、依申请公开政府信息情况\n"
            "本年度共受理申请263件，其中当面申请97件，网上申请118件，信函申请48件。"
            "其中，同意公开的80件，同意部分公开的30件，“信息不存在”的95件，非本机关职责范围的10件，"
            "告知作出更改补充的7件，重复申请3件，申请内容不明确2件。"
        )
    )
    applications = document["applications"]
    assert applications["received_total"] == 263
    assert applications["by_channel"] == {"in_person": 97, "online": 118, "letter": 48}
    assert applications["legacy_outcomes"] == {
        "disclosed": 80,
        "partially_disclosed": 30,
        "not_exist": 95,
        "not_our_authority": 10,
        "correction_requested": 7,
        "duplicate": 3,
        "unclear": 2,
    }


def test_fax_and_other_channels_appear_only_when_stated() -> None:
    document = parse_report(
        b.legacy_report(
            "全年共收到申请20件，其中当面申请5件，传真申请3件，其他形式申请2件，网上申请10件。"
        )
    )
    assert document["applications"]["by_channel"] == {
        "in_person": 5,
        "fax": 3,
        "other": 2,
        "online": 10,
    }


def test_no_application_received_is_a_printed_zero() -> None:
    document = parse_report(b.legacy_report("全年未收到公民、法人和其他组织的政府信息公开申请。"))
    assert document["applications"] == {"received_total": 0}


def test_proactive_counts_in_chinese_numerals_are_read() -> None:
    document = parse_report(
        b.legacy_report("全年主动公开信息二十七条，其中概况信息一条、工作动态三条。")
    )
    assert document["proactive"] == {"items_new": 27}


def test_cumulative_and_new_proactive_counts_are_told_apart() -> None:
    document = parse_report(
        b.legacy_report("截至年底，累计主动公开政务信息110,757条，新增21594条。")
    )
    assert document["proactive"] == {"items_total": 110757, "items_new": 21594}


def test_no_review_or_litigation_means_totals_of_zero() -> None:
    document = parse_report(
        b.legacy_report("四、行政复议和行政诉讼情况\n本年度未发生行政复议、行政诉讼。")
    )
    assert document["appeals"] == {"review": {"total": 0}, "litigation": {"total": 0}}


def test_review_and_litigation_results_are_read_from_sentences() -> None:
    document = parse_report(
        b.legacy_report(
            "四、复议、诉讼情况\n因政府信息公开申请引起的行政复议案件5件，其中维持3件，纠正1件，"
            "尚未审结1件。行政诉讼2件，维持或驳回诉讼请求1件，其他情形1件。"
        )
    )
    assert document["appeals"] == {
        "review": {"upheld": 3, "corrected": 1, "pending": 1, "total": 5},
        "litigation": {"upheld": 1, "other": 1, "total": 2},
    }


def test_a_combined_review_and_complaint_figure_has_no_key() -> None:
    document = parse_report(
        b.legacy_report("四、复议、诉讼和申诉情况\n全年发生复议、诉讼或申诉1件。")
    )
    assert "appeals" not in document


def test_unpaid_fees_are_a_printed_zero() -> None:
    document = parse_report(b.legacy_report("三、收费情况\n本年度未向申请人收取任何费用。"))
    assert document["fees_yuan"] == 0


def test_a_fee_amount_is_recorded_in_yuan() -> None:
    document = parse_report(b.legacy_report("本年度共收取检索、复制费用120元。"))
    assert document["fees_yuan"] == 120


def test_disclosure_consultations_are_counted() -> None:
    document = parse_report(
        b.legacy_report(
            "五、咨询处理情况\n全年共接受政府信息公开咨询50人次。其中，电话咨询30人次，"
            "当面咨询15人次，网上咨询5人次。政府信息公开专栏访问量12,345次。"
        )
    )
    assert document["consultations"] == {"total": 50, "phone": 30, "in_person": 15, "online": 5}
    assert document["column_visits"] == 12345


def test_business_and_hotline_consultations_are_not_counted() -> None:
    document = parse_report(
        b.legacy_report(
            "一、概述\n全年接受安全生产方面的咨询投诉216人次；12348热线法律咨询3000余人次。"
        )
    )
    assert "consultations" not in document


def test_channels_in_prose_are_recorded_in_the_2021_format_too() -> None:
    text = b.report_2021(
        "markdown",
        extra_prose=(
            "共收到申请10件，其中通过网站提交的8件，占比80%；通过信函提交的2件，占比20%。"
        ),
    )
    document = parse_report(text)
    assert document["applications"]["by_channel"] == {"online": 8, "letter": 2}
    assert "received_total" not in document["applications"]


def test_shanghai_style_annex_rows_are_read() -> None:
    document = parse_report(
        b.legacy_report(
            "七、附表\n统计指标 | 单位 | 统计数 |\n一、主动公开情况 | —— | —— |\n"
            "主动公开信息数 | 条 | 300 |\n申请总数 | 条 | 12 |\n其中：1.当面申请数 | 条 | 4 |\n"
            "2.网上申请数 | 条 | 8 |\n行政复议数 | 件 | 1 |\n专职人员数 | 人 | 2 |\n"
            "依申请公开信息收取的费用 | 万元 | 0.01 |"
        )
    )
    assert document["proactive"] == {"items_new": 300}
    assert document["applications"] == {
        "received_total": 12,
        "by_channel": {"in_person": 4, "online": 8},
    }
    assert document["appeals"] == {"review": {"total": 1}}
    assert document["fees_yuan"] == 100


def test_review_and_litigation_both_zero_in_one_clause() -> None:
    document = parse_report(
        b.legacy_report("四、行政复议和行政诉讼情况\n本年度行政复议和行政诉讼均为0件。")
    )
    assert document["appeals"] == {"review": {"total": 0}, "litigation": {"total": 0}}


def test_applications_received_as_yi_shen_qing_gong_kai() -> None:
    document = parse_report(b.legacy_report("全年共受理依申请公开12件，均按时答复。"))
    assert document["applications"]["received_total"] == 12


def test_the_whole_years_proactive_count_beats_a_channels_count_stated_first() -> None:
    document = parse_report(
        b.legacy_report("通过政务新媒体主动公开信息500条，全年共主动公开政府信息2000条。")
    )
    assert document["proactive"] == {"items_new": 2000}


def test_a_proactive_count_without_the_word_information_is_read() -> None:
    document = parse_report(b.legacy_report("2017年，全年共主动公开2000条，其中规范性文件3条。"))
    assert document["proactive"] == {"items_new": 2000}


def test_channels_enumerated_with_pause_commas_are_each_read() -> None:
    document = parse_report(
        b.legacy_report(
            "全年共受理政府信息公开申请56件，其中网上申请30件、信函申请16件、当面申请8件、传真申请2件。"
        )
    )
    assert document["applications"]["by_channel"] == {
        "online": 30,
        "letter": 16,
        "in_person": 8,
        "fax": 2,
    }


def test_review_and_litigation_counts_enumerated_in_one_clause_are_apart() -> None:
    document = parse_report(
        b.legacy_report("本年度共发生政府信息公开行政复议案件2件、行政诉讼案件1件。")
    )
    assert document["appeals"] == {"review": {"total": 2}, "litigation": {"total": 1}}


def test_the_consultation_figure_split_by_qizhong_is_the_total() -> None:
    document = parse_report(
        b.legacy_report(
            "五、咨询处理情况\n全年接待政府信息公开咨询216人次，其中电话咨询130人次，现场咨询86人次。"
        )
    )
    assert document["consultations"] == {"total": 216, "phone": 130, "in_person": 86}
