"""`gongkai report parse` on report files of every kind, alone and in a mixed folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import REPORT_2021
from .documents import report_docx, report_pdf
from .test_cli import run


@pytest.mark.django_db
def test_parse_reads_a_pdf_and_a_docx_given_on_the_command_line(tmp_path: Path):
    for kind, data in (("pdf", report_pdf(REPORT_2021)), ("docx", report_docx(REPORT_2021))):
        path = tmp_path / f"report.{kind}"
        path.write_bytes(data)
        status, stdout, _ = run("parse", str(path))
        document = json.loads(stdout)
        assert status == 0
        assert document["applications"]["new"]["total"] == 12
        assert document["source"]["kind"] == kind


@pytest.mark.django_db
def test_check_reads_a_pdf(tmp_path: Path):
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(REPORT_2021))
    status, stdout, _ = run("check", str(path))
    assert status == 1  # the fixture's 63.6% is wrong: 7 of 11 is 63.6, of 12 is 58.3
    assert "text:63.6%" in stdout


@pytest.mark.django_db
def test_a_mixed_folder_keeps_going_past_a_broken_file_and_names_it(tmp_path: Path):
    folder = tmp_path / "collected"
    (folder / "2023").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(report_pdf(REPORT_2021))
    (folder / "2023" / "b.docx").write_bytes(report_docx(REPORT_2021))
    (folder / "c.txt").write_text(REPORT_2021, encoding="utf-8")
    (folder / "d.pdf").write_bytes(b"%PDF-1.7\ntruncated download")
    (folder / "e.mhtml").write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhi")
    out = tmp_path / "stats.csv"
    status, stdout, stderr = run("parse", str(folder), "--csv", str(out))
    assert status == 1
    assert "parsed 3 of 5" in stdout
    assert "d.pdf: 无法读取年度报告：文件已损坏或不是 PDF 文件" in stdout
    assert "e.mhtml: 无法读取年度报告：网页存档中没有网页" in stdout
    assert "5/5" in stderr and "#" in stderr  # the progress bar
    with out.open(encoding="utf-8-sig") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"a.pdf", "2023/b.docx", "c.txt", "d.pdf", "e.mhtml"}
    for name in ("a.pdf", "2023/b.docx", "c.txt"):
        assert rows[name]["applications.new.total"] == "12"
        assert rows[name]["ocr"] == "" and rows[name]["error"] == ""
    assert rows["d.pdf"]["error"] and rows["d.pdf"]["applications.new.total"] == ""


@pytest.mark.django_db
def test_the_organisation_is_checked_against_the_platforms_own(tmp_path: Path, agency):
    path = tmp_path / "r.txt"
    path.write_text(REPORT_2021.replace("上海市示例区司法局", agency.name[:-1] + "屆"), "utf-8")
    _, stdout, _ = run("parse", str(path))
    document = json.loads(stdout)
    assert document["organization"] == agency.name[:-1] + "屆"
    assert {"reason": "organization", "where": "organization"}.items() <= document["doubts"][
        0
    ].items()
    assert document["doubts"][0]["read"] == agency.name
