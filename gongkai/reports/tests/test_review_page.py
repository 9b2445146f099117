"""The import review page: files uploaded as collected, problems and doubts in plain Chinese."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.reports import review
from gongkai.reports.models import ImportedReport

from .documents import report_docx, report_pdf


@pytest.fixture
def staff_client(client, clerk):
    client.force_login(clerk)
    return client


def _upload(staff_client, agency, name: str, data: bytes):
    upload = SimpleUploadedFile(name, data)
    return staff_client.post(reverse("reports:import_new"), {"owner": agency.pk, "file": upload})


def _review_page(staff_client) -> str:
    report = ImportedReport.objects.get()
    return staff_client.get(reverse("reports:import_review", args=[report.pk])).content.decode()


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_pdf_or_docx_uploaded_on_the_import_page_is_parsed(
    staff_client, agency, report_text, kind
):
    data = report_pdf(report_text) if kind == "pdf" else report_docx(report_text)
    response = _upload(staff_client, agency, f"报告.{kind}", data)
    assert response.status_code == 302, response.content.decode()
    report = ImportedReport.objects.get()
    assert report.reporting_body == "上海市示例区司法局"
    assert report.document["applications"]["new"]["total"] == 12
    assert report.document["source"]["kind"] == kind
    assert "本年新收政府信息公开申请数量" in report.source_text  # the text, shown beside


def test_a_damaged_pdf_is_refused_in_chinese_and_nothing_is_saved(staff_client, agency):
    response = _upload(staff_client, agency, "报告.pdf", b"%PDF-1.7 cut off")
    assert response.status_code == 400
    assert "文件已损坏或不是 PDF 文件" in response.content.decode()
    assert not ImportedReport.objects.exists()


def test_violations_show_the_national_labels_and_what_the_rule_requires(
    staff_client, agency, report_text
):
    # （七）总计 says 11 natural persons where its rows add up to 10 (rule 2); the printed
    # 63.6% does not match 7 of the 12 applications its sentence is about.
    text = report_text.replace(
        "| （七）总计 | 10 | 1 | 0 | 0 | 0 | 0 | 11 |",
        "| （七）总计 | 11 | 1 | 0 | 0 | 0 | 0 | 12 |",
    )
    staff_client.post(reverse("reports:import_new"), {"owner": agency.pk, "text": text})
    page = _review_page(staff_client)
    page = page[page.index('id="violations-h"') :]
    page = page[: page.index("</section>")]
    assert "本列：（七）总计 应等于各项办理结果之和" in page
    assert "<td>三、本年度办理结果 （七）总计</td><td>自然人</td>" in page
    assert "正文中的百分比" in page and "“63.6%”" in page
    assert "applications.outcomes" not in page
    assert not re.search(r"<td>(1|2|3|appeals|percentage)</td>", page)


def test_doubtful_cells_are_listed_and_marked_in_the_figures(staff_client, agency, report_text):
    text = report_text.replace(
        "| 一、本年新收政府信息公开申请数量 | 10 | 1 | 0 | 0 | 1 | 0 | 12 |",
        "| 一、本年新收政府信息公开申请数量 | 1O | 1 | 0 | 0 | 1 | 0 | 12 |",
    )
    staff_client.post(reverse("reports:import_new"), {"owner": agency.pk, "text": text})
    page = _review_page(staff_client)
    assert "需人工确认的数字（1 处）" in page
    assert "文字识别把数字认成了字母或符号" in page
    assert "<td>1O</td><td>10</td>" in page
    assert "一、本年新收政府信息公开申请数量</td><td>自然人</td>" in page
    marked = re.search(r'<td class=" doubt">.*?</td>', page, re.S)
    assert marked and 'name="stat__applications__new__natural_person"' in marked.group(0)
    assert "（读取有疑问，请核对）" in marked.group(0)


def test_a_name_close_to_a_known_organisation_is_offered_beside_the_field(
    staff_client, agency, report_text
):
    # The agency fixture is 上海市司法局: one character misread.
    text = report_text.replace("上海市示例区司法局", "上海市司法屆")
    staff_client.post(reverse("reports:import_new"), {"owner": agency.pk, "text": text})
    report = ImportedReport.objects.get()
    assert report.reporting_body == "上海市司法屆"  # never silently replaced
    page = _review_page(staff_client)
    assert "与已知机关“上海市司法局”相近" in page


def test_every_statistic_path_has_a_printed_place():
    for field in review.statistics.FIELDS:
        row, _ = review.place(field.path)
        assert row and not row.isascii(), field.path


def test_a_row_placed_by_order_is_described_and_each_of_its_cells_marked():
    doubts = [{"reason": "placed_by_order", "where": "applications.carried_out"}]
    assert review.place("applications.carried_out") == ("四、结转下年度继续办理", "整行")
    assert review.doubt_rows(doubts)[0]["reason"].startswith("这一行数字与行名分开印出")
    assert "applications.carried_out.total" in review.doubted_paths(doubts)
