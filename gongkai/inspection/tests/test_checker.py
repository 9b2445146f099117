"""Each kind of finding, and a clean text with none."""

from datetime import date

from gongkai.inspection import personal
from gongkai.inspection.checker import Checker, shipped_rules
from gongkai.inspection.findings import FindingKind
from gongkai.inspection.wording import Rule


def check(text, on=None, extra=()):
    return Checker(shipped_rules() + list(extra)).check(text, on=on)


def test_an_agency_renamed_in_2018_is_flagged_in_a_later_document_with_its_new_name():
    (hit,) = check("请向环境保护部报送材料。", on=date(2019, 5, 1))
    assert hit.kind == FindingKind.OBSOLETE_NAME
    assert hit.found == "环境保护部"
    assert "生态环境部" in hit.suggestion and "2018年3月" in hit.suggestion
    assert hit.context == "请向【环境保护部】报送材料。"


def test_a_document_written_before_the_reform_rightly_uses_the_old_name():
    assert check("请向环境保护部报送材料。", on=date(2017, 6, 1)) == []


def test_a_name_renamed_twice_suggests_the_name_in_force_at_the_document_date():
    (in_2020,) = check("中国银行业监督管理委员会", on=date(2020, 1, 1))
    assert "中国银行保险监督管理委员会" in in_2020.suggestion
    (in_2024,) = check("中国银行业监督管理委员会", on=date(2024, 1, 1))
    assert "国家金融监督管理总局" in in_2024.suggestion
    (renamed,) = check("中国银行保险监督管理委员会", on=date(2024, 1, 1))
    assert "国家金融监督管理总局" in renamed.suggestion


def test_the_longest_name_is_one_finding():
    hits = check("国家卫生和计划生育委员会印发", on=date(2019, 1, 1))
    assert [h.found for h in hits] == ["国家卫生和计划生育委员会"]


def test_misused_characters_and_the_offices_own_lists_are_found():
    office = [
        Rule(FindingKind.OFFICE_WORDING, "上海市司法行政局", "上海市司法局"),
        Rule(FindingKind.FORBIDDEN, "据不完全统计", ""),
    ]
    hits = check("截止目前，上海市司法行政局据不完全统计再接再励。", extra=office)
    assert [(h.kind, h.found) for h in hits] == [
        (FindingKind.MISUSED, "截止目前"),
        (FindingKind.OFFICE_WORDING, "上海市司法行政局"),
        (FindingKind.FORBIDDEN, "据不完全统计"),
        (FindingKind.MISUSED, "再接再励"),
    ]
    assert hits[0].suggestion == "应为“截至目前”"
    assert hits[2].suggestion == "删除或改写该表述"


def test_personal_numbers_are_found_only_when_their_check_digits_hold_and_are_masked():
    text = (
        "张三 11010519491231002X 13812345678；"
        "李四 110105194912310021 银行卡 6222 0210 0112 3456 789；"
        "个体户 92310000MA1K3Y5Q08，公司 91310000MA1K3Y5Q0B；文号 20260000000000000001"
    )
    hits = check(text)
    assert [(h.kind, h.found) for h in hits] == [
        (FindingKind.ID_NUMBER, "1101**********002X"),
        (FindingKind.MOBILE, "1381***5678"),
        (FindingKind.BANK_CARD, "6222***********6789"),
        (FindingKind.PERSONAL_USCC, "9231**********5Q08"),
    ]
    # The full number never appears in what a finding keeps.
    for hit in hits:
        assert "11010519491231002X" not in hit.context and "13812345678" not in hit.context


def test_a_clean_text_has_no_finding():
    assert (
        check("上海市司法局关于2026年度律师事务所年度检查考核结果的公告。", on=date(2026, 3, 1))
        == []
    )


def test_a_hundred_page_text_is_checked_in_one_pass():
    page = "本市司法行政工作稳步推进，生态环境部门配合开展执法检查。" * 40
    hits = check(page * 100 + "环境保护部", on=date(2026, 1, 1))
    assert [h.found for h in hits] == ["环境保护部"]


def test_masking_keeps_the_first_and_last_four():
    assert personal.mask("310104198805121230") == "3101**********1230"
