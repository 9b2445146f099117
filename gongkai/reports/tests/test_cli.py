"""The ``gongkai report`` command body: exit codes, JSON and the CSV batch."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from gongkai.reports.cli import main

from . import builders as b


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def broken_report() -> str:
    values = b.consistent_values()
    values["new"] = ["8", "2", "0", "0", "0", "0", "11"]
    return b.report_2021("markdown", values=values)


def test_parse_prints_the_document_as_json(tmp_path: Path) -> None:
    status, out, err = run("parse", str(write(tmp_path / "r.txt", b.report_2021())))
    assert status == 0 and err == ""
    document = json.loads(out)
    assert document["organization"] == "某某市统计局" and "某某" in out  # not \u-escaped


def test_parse_reads_gb18030_and_html_files(tmp_path: Path) -> None:
    gb = write(tmp_path / "r.txt", b.report_2019(), encoding="gb18030")
    html = write(tmp_path / "r.htm", b.report_2021("html"))
    assert json.loads(run("parse", str(gb))[1])["format"] == "2019"
    assert json.loads(run("parse", str(html))[1])["format"] == "2021"


def test_check_exits_0_when_there_is_no_violation(tmp_path: Path) -> None:
    status, out, _ = run("check", str(write(tmp_path / "r.txt", b.report_2021())))
    assert status == 0 and "no violations" in out


def test_check_lists_violations_and_exits_1(tmp_path: Path) -> None:
    status, out, _ = run("check", str(write(tmp_path / "r.txt", broken_report())))
    assert status == 1
    assert "rule 1" in out and "applications.outcomes.total.total" in out
    assert "expected 10, found 9" in out


def test_check_prints_json_on_request(tmp_path: Path) -> None:
    status, out, _ = run(
        "check", str(write(tmp_path / "r.txt", broken_report())), "--format", "json"
    )
    assert status == 1
    assert {
        "rule": "3",
        "where": "applications.new.total",
        "expected": 10,
        "found": 11,
    } in json.loads(out)


def test_check_accepts_a_json_document(tmp_path: Path) -> None:
    document = {"consultations": {"total": 3, "phone": 1, "online": 1}}
    path = write(tmp_path / "d.json", json.dumps(document))
    status, out, _ = run("check", str(path), "--format", "json")
    assert status == 1 and json.loads(out)[0]["rule"] == "consultations"


def test_unreadable_input_is_one_line_on_stderr_and_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    cases = [
        str(binary),
        str(write(tmp_path / "e.txt", "")),
        str(write(tmp_path / "n.txt", "今天天气很好。")),
        str(tmp_path / "missing.txt"),
    ]
    for path in cases:
        for command in ("parse", "check"):
            status, out, err = run(command, path)
            assert status == 2, (command, path)
            assert out == "" and err.count("\n") == 1 and "Unreadable" in err


def test_a_usage_error_exits_2() -> None:
    status, _, err = run("frobnicate")
    assert status == 2 and "invalid choice" in err


def test_a_folder_becomes_one_csv_with_a_summary_of_failures(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    write(folder / "a.txt", b.report_2021())
    write(folder / "b.html", b.report_2019("html"))
    write(folder / "c.txt", broken_report())
    write(folder / "d.txt", "not a report")
    write(folder / "notes.md", "ignored")
    out = tmp_path / "out" / "stats.csv"
    status, stdout, stderr = run("parse", str(folder), "--csv", str(out))
    assert status == 1
    assert "parsed 3 of 4" in stdout and "d.txt" in stdout
    assert "4/4" in stderr and "#" in stderr  # the progress bar
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] for r in rows] == ["a.txt", "b.html", "c.txt", "d.txt"]
    assert rows[0]["format"] == "2021" and rows[1]["format"] == "2019"
    assert rows[2]["violations"] == "2" and rows[0]["violations"] == "0"
    assert rows[0]["applications.new.total"] == "10"
    assert rows[1]["proactive.government_procurement.amount_10k_yuan"] == "386.5"
    assert rows[3]["error"] and rows[3]["year"] == ""


def test_a_folder_without_csv_is_a_usage_error(tmp_path: Path) -> None:
    status, _, err = run("parse", str(tmp_path))
    assert status == 2 and "--csv" in err
