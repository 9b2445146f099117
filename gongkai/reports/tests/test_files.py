"""Report files as they are collected: DOCX, PDF with a text layer, saved pages, archives."""

from __future__ import annotations

import email.mime.multipart
import email.mime.text
import json
from pathlib import Path

import pytest

from gongkai.reports.parsing import ReportParseError, parse_report, parse_report_file
from gongkai.reports.parsing.files import read_report_bytes

from .documents import report_docx, report_html, report_pdf
from .test_examples import EXAMPLES, REPORTS


def statistics_only(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in {"source", "doubts"}}


@pytest.mark.skipif(not REPORTS, reason=f"the example reports are not available at {EXAMPLES}")
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_an_example_reads_the_same_from_a_docx_and_a_pdf_of_it(report: Path, kind: str):
    text = report.read_text(encoding="utf-8")
    expected = json.loads(report.with_suffix(".expected.json").read_text(encoding="utf-8"))
    data = report_docx(text) if kind == "docx" else report_pdf(text)
    parsed = parse_report_file(data, f"{report.stem}.{kind}")
    assert statistics_only(parsed.document) == expected
    assert parsed.document["source"]["kind"] == kind
    assert "ocr" not in parsed.document["source"]


def test_a_docx_table_is_read_cell_by_cell_with_merged_cells_once(report_text):
    from docx import Document

    document = Document()
    document.add_paragraph("某市示例局2022年政府信息公开工作年度报告")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "信息内容"  # spans two rows
    table.cell(0, 1).merge(table.cell(0, 3)).text = "第二十条第（一）项"  # spans three columns
    for column, header in enumerate(["本年制发件数", "本年废止件数", "现行有效件数"], start=1):
        table.cell(1, column).text = header
    for column, value in enumerate(["规章", "", "2", "7"]):
        table.cell(2, column).text = value
    text = read_report_bytes(_saved(document), "r.docx").text
    assert "| 信息内容 | 第二十条第（一）项 |" in text
    assert "| 本年制发件数 | 本年废止件数 | 现行有效件数 |" in text
    # The empty cell stays a cell: 本年废止件数 is 2, not 本年制发件数.
    assert "| 规章 |  | 2 | 7 |" in text


def _saved(document) -> bytes:
    import io

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_pdf_rebuilds_table_cells_from_its_ruling_lines(report_text):
    text = read_report_bytes(report_pdf(report_text), "r.pdf").text
    assert "| 一、本年新收政府信息公开申请数量 | 10 | 1 | 0 | 0 | 1 | 0 | 12 |" in text
    assert "| 1 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in text


def test_a_pdf_sentence_wrapped_over_lines_and_pages_is_one_paragraph():
    sentence = "，".join(["围绕中心工作做好政务公开"] * 40) + "，全年主动公开政府信息18,758条。"
    text = (
        "某市示例局2023年政府信息公开工作年度报告\n" + "\n".join(["正文。"] * 20) + "\n" + sentence
    )
    read = read_report_bytes(report_pdf(text), "r.pdf")
    assert read.pages == 2  # the sentence starts on page 1 and ends on page 2
    assert sentence in read.text.split("\n")
    assert parse_report(read.text)["proactive"]["items_new"] == 18758


def test_a_saved_page_is_read_in_the_encoding_its_meta_tag_declares(report_text):
    html = report_html(report_text).replace("<meta charset=utf-8>", '<meta charset="gb2312">')
    parsed = parse_report_file(html.encode("gb18030"), "report.htm")
    assert parsed.document["organization"] == "上海市示例区司法局"
    assert parsed.document["applications"]["new"]["total"] == 12
    big5 = report_html(report_text).replace("<meta charset=utf-8>", "<meta charset=big5>")
    parsed = parse_report_file(big5.encode("big5", errors="ignore"), "report.html")
    assert parsed.document["applications"]["new"]["total"] == 12


def test_a_browser_web_archive_is_read_from_its_html_part(report_text):
    archive = email.mime.multipart.MIMEMultipart("related")
    part = email.mime.text.MIMEText(report_html(report_text), "html", "gb18030")
    archive.attach(part)
    data = b"MIME-Version: 1.0\r\n" + archive.as_bytes()
    parsed = parse_report_file(data, "report.mhtml")
    assert parsed.document["source"] == {"kind": "mhtml"}
    assert parsed.document["applications"]["new"]["total"] == 12


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("r.pdf", b"%PDF-1.4\n garbage", "文件已损坏或不是 PDF 文件"),
        ("r.docx", b"PK\x03\x04 garbage", "文件已损坏或不是 DOCX 文件"),
        ("r.pdf", b"plain text", "文件已损坏或不是 PDF 文件"),
        ("r.txt", b"   ", "文件为空"),
    ],
)
def test_a_broken_file_is_refused_with_its_reason(name, data, message):
    with pytest.raises(ReportParseError, match=message):
        parse_report_file(data, name)


def test_a_pdf_with_no_text_at_all_and_no_image_is_refused():
    import weasyprint

    blank = weasyprint.HTML(string="<html><body></body></html>").write_pdf()
    with pytest.raises(ReportParseError):
        parse_report_file(blank, "blank.pdf")


def test_a_blank_page_in_a_text_pdf_needs_no_ocr(report_text, monkeypatch):
    from gongkai.reports.parsing import ocr

    def no_ocr(*args):
        raise AssertionError("a blank page was sent to OCR")

    monkeypatch.setattr(ocr, "ocr_pages", no_ocr)
    html = report_html(report_text).replace("</body>", '<p style="break-before:page"></p></body>')
    import weasyprint

    read = read_report_bytes(weasyprint.HTML(string=html).write_pdf(), "r.pdf")
    assert read.pages == 2 and not read.ocr


def test_a_scan_longer_than_the_web_limit_is_refused_before_any_ocr(report_text, monkeypatch):
    from gongkai.reports.parsing import ocr

    from .documents import scan_pdf

    monkeypatch.setattr(ocr, "ocr_pages", lambda *a: pytest.fail("OCR ran"))
    scan = scan_pdf(report_pdf(report_text + ("\n正文。" * 120)))
    with pytest.raises(ReportParseError, match="超过网页导入的 1 页上限"):
        read_report_bytes(scan, "scan.pdf", max_ocr_pages=1)


def test_a_pdf_table_drawn_without_borders_is_read_from_the_gaps_between_cells(report_text):
    import weasyprint

    html = report_html(report_text).replace("</style>", "td{border:none !important}</style>")
    parsed = parse_report_file(weasyprint.HTML(string=html).write_pdf(), "borderless.pdf")
    assert statistics_only(parsed.document) == parse_report(report_text)
