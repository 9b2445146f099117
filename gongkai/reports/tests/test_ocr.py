"""A scanned report (a page rendered to an image, no text layer) is read by OCR."""

from __future__ import annotations

import shutil

import pytest

from gongkai.reports.parsing import ReportParseError, parse_report_file
from gongkai.reports.parsing import ocr as ocr_module

from .documents import report_pdf, scan_pdf

pytestmark = pytest.mark.skipif(
    not ocr_module.tesseract_available(),
    reason="tesseract-ocr with tesseract-ocr-chi-sim is not installed (bin/system-deps installs it)",
)


@pytest.fixture(scope="module")
def scanned(request):
    from .conftest import REPORT_2021

    return parse_report_file(scan_pdf(report_pdf(REPORT_2021)), "scan.pdf", ["上海市示例区司法局"])


def test_a_scan_is_read_by_ocr_and_says_so(scanned):
    assert scanned.document["source"] == {"kind": "pdf", "pages": 1, "ocr": True}
    assert "本年新收政府信息公开申请数量" in scanned.text


def test_the_figures_of_a_scanned_table_are_read(scanned):
    applications = scanned.document["applications"]
    assert applications["new"] == {
        "natural_person": 10,
        "commercial": 1,
        "research": 0,
        "social_welfare": 0,
        "legal_service": 1,
        "other_org": 0,
        "total": 12,
    }
    assert applications["outcomes"]["total"]["total"] == 11
    assert applications["carried_out"]["total"] == 2


def test_every_repaired_cell_of_a_scan_is_listed_with_its_statistic(scanned):
    for doubt in scanned.document.get("doubts", []):
        if doubt["reason"] == "ocr_repaired":
            assert doubt["where"].startswith(("applications.", "appeals.", "proactive."))
            assert str(doubt["read"]) != doubt["printed"]


def test_without_tesseract_a_scan_is_refused_with_the_packages_to_install(monkeypatch):
    from .conftest import REPORT_2021

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReportParseError, match="tesseract-ocr-chi-sim"):
        parse_report_file(scan_pdf(report_pdf(REPORT_2021)), "scan.pdf")
