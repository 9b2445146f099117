"""The report's exports open with the right numbers, tables in the official layout, and the CLI."""

import io
import json
from io import StringIO

import pytest
import time_machine

from gongkai.reports.cli import main
from gongkai.reports.engine.figures import compute
from gongkai.reports.engine.tables import official_tables
from gongkai.reports.exports import export

from .engine_data import caseload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


@pytest.fixture
def doc(agency):
    caseload(agency)
    return compute(agency, 2025, "2021")


def test_the_2021_tables_have_the_prescribed_labels_and_spans(doc):
    tables = official_tables(doc)
    three = tables["applications"]
    first = three.rows[0][0]
    assert (first.colspan, first.rowspan) == (3, 3)
    assert first.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [c.text for c in three.rows[2]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    results = three.rows[5][0]
    assert (results.text, results.rowspan) == ("三、本年度办理结果", 22)
    assert [c.text for c in three.rows[3]] == [
        "一、本年新收政府信息公开申请数量",
        "3",
        "1",
        "1",
        "0",
        "1",
        "0",
        "6",
    ]
    labels = [c.text for r in three.rows for c in r if not c.text.isdigit()]
    assert "8.属于行政查询事项" in labels and "四、结转下年度继续办理" in labels
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in labels
    proactive = [c.text for r in tables["proactive"].rows for c in r]
    for label in (
        "第二十条第（一）项",
        "本年制发件数",
        "行政规范性文件",
        "本年收费金额（单位：万元）",
    ):
        assert label in proactive
    appeals = tables["appeals"]
    assert [c.text for c in appeals.rows[1][5:]] == ["未经复议直接起诉", "复议后起诉"]
    assert [c.text for c in appeals.rows[3]] == ["0"] * 15  # recorded by the appeals app: none


def test_the_2019_tables_print_the_2019_rows(agency):
    caseload(agency)
    tables = official_tables(compute(agency, 2025, "2019"))
    labels = [c.text for r in tables["applications"].rows for c in r]
    assert "（六）其他处理" in labels and "3.其他" not in labels
    assert tables["applications"].rows[5][0].rowspan == 20
    proactive = [c.text for r in tables["proactive"].rows for c in r]
    assert "本年新制作数量" in proactive and "政府集中采购" in proactive


def test_docx_has_real_word_tables_with_the_figures(doc):
    from docx import Document as WordDocument

    word = WordDocument(io.BytesIO(export(doc, {}, "docx")))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "上海市司法局2025年政府信息公开工作年度报告"
    assert "三、收到和处理政府信息公开申请情况" in paragraphs
    table = word.tables[1]
    new_row = [cell.text for cell in table.rows[3].cells]
    assert new_row[0] == "一、本年新收政府信息公开申请数量"
    assert new_row[3:] == ["3", "1", "1", "0", "1", "0", "6"]
    carried_out = [cell.text for cell in table.rows[-1].cells]
    assert carried_out[-1] == "3"


def test_xlsx_has_one_sheet_per_table_with_numbers(doc):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export(doc, {}, "xlsx")))
    assert book.sheetnames == ["主动公开", "依申请公开", "复议诉讼"]
    sheet = book["依申请公开"]
    rows = [[c for c in r if c is not None] for r in sheet.iter_rows(values_only=True)]
    new = next(r for r in rows if r and r[0] == "一、本年新收政府信息公开申请数量")
    assert new[1:] == [3, 1, 1, 0, 1, 0, 6]


def test_pdf_text_carries_the_sections_and_figures(doc):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(export(doc, {"problems": "答复说理仍需加强。"}, "pdf"))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    text = text.replace("\r", "").replace("\n", "")
    assert "2025年，我局共收到政府信息公开申请6件。" in text
    assert "答复说理仍需加强。" in text
    assert "四、结转下年度继续办理" in text


def test_the_command_line_builds_json_and_documents(agency, tmp_path):
    caseload(agency)
    out = StringIO()
    target = tmp_path / "r.json"
    args = ["build", "--org", "shsfj", "--year", "2025", "--format", "2021", "--out"]
    assert main([*args, str(target)], out, StringIO()) == 0
    built = json.loads(target.read_text())
    assert built["applications"]["carried_in"]["total"] == 2
    assert built["violations"] == []
    assert "勾稽问题 0 处" in out.getvalue()
    assert main([*args, str(tmp_path / "r.docx")], StringIO(), StringIO()) == 0
    assert (tmp_path / "r.docx").read_bytes()[:2] == b"PK"


def test_the_command_line_refuses_an_unknown_organization_or_file_type(agency, tmp_path):
    err = StringIO()
    base = ["build", "--year", "2025", "--format", "2021", "--org"]
    assert main([*base, "nope", "--out", str(tmp_path / "r.json")], StringIO(), err) == 2
    assert "没有代码为“nope”的机构" in err.getvalue()
    err = StringIO()
    assert main([*base, "shsfj", "--out", str(tmp_path / "r.txt")], StringIO(), err) == 2
    assert "输出文件须为" in err.getvalue()
    err = StringIO()
    args = ["build", "--year", "99999", "--format", "2021", "--org", "shsfj", "--out", "x.json"]
    assert main(args, StringIO(), err) == 2
    assert "年度须在2008年至2026年之间" in err.getvalue()
