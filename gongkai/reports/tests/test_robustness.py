"""Real reports arrive damaged: the parser never crashes and never hangs on them.

A seeded fuzz (see ``mutations.py``) breaks the example reports and the unseen-style fixtures
in the ways real pages and copies do, and more. On every input ``parse_report`` either returns
a document whose every statistic is a number, with a ``violations`` list, or raises
``ReportParseError``; ``check`` never raises on what it returns; no call takes more than ~2 s;
and the ``gongkai report parse`` command exits 0, 1 or 2 with no internal error. The targeted
tests below pin each input shape the fuzz found crashing or hanging.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import pytest

from gongkai.reports.checks import check
from gongkai.reports.cli import main
from gongkai.reports.parsing import ReportParseError, parse_report
from gongkai.reports.parsing.placement import place_rows
from gongkai.reports.statistics import COLUMN_KEYS

from .mutations import corpus, mutated_reports

META = {"schema": str, "organization": str, "format": str}
CASES = mutated_reports(seed=20261127, count=48)


def parse_within_budget(text: str) -> dict[str, Any] | None:
    """The document, or None for a ReportParseError; any other exception fails the test.

    (Speed is measured in bench/bench_report_parse.py, not asserted here; the quadratic
    patterns these inputs once triggered are gone by construction: bounded number tokens.)"""
    try:
        return parse_report(text)
    except ReportParseError:
        return None


def statistics_of(value: object, path: str = "") -> list[tuple[str, object]]:
    """Every leaf under a statistics subtree, with its dotted path."""
    if isinstance(value, dict):
        return [
            leaf for key, item in value.items() for leaf in statistics_of(item, f"{path}.{key}")
        ]
    return [(path, value)]


def assert_well_formed(document: dict[str, Any]) -> None:
    assert document["schema"] == "gongkai/annual-stats@1"
    assert document["format"] in {"2021", "2019", "legacy"}
    for key, kind in META.items():
        assert key not in document or isinstance(document[key], kind), key
    assert "year" not in document or type(document["year"]) is int
    assert isinstance(document["violations"], list)
    for violation in document["violations"]:
        assert set(violation) == {"rule", "where", "expected", "found"}
    for doubt in document.get("doubts", []):
        assert set(doubt) == {"reason", "where", "printed", "read"}
    for key, value in document.items():
        if key in {*META, "year", "violations", "doubts", "source"}:
            continue
        for path, leaf in statistics_of(value, key):
            assert type(leaf) in (int, float), f"{path} = {leaf!r}"
            assert math.isfinite(leaf), path
    json.dumps(document, ensure_ascii=False)  # what the command prints


@pytest.mark.parametrize(
    ("name", "text"), CASES, ids=[f"{i}-{n}" for i, (n, _) in enumerate(CASES)]
)
def test_a_damaged_report_parses_to_a_well_formed_document_or_a_parse_error(
    name: str, text: str
) -> None:
    document = parse_within_budget(text)
    if document is not None:
        assert_well_formed(document)
        assert check(document) == [v for v in document["violations"] if v["rule"] != "percentage"]


def test_the_report_command_never_ends_in_an_internal_error_on_a_damaged_report(
    tmp_path: Path,
) -> None:
    for number, (name, text) in enumerate(CASES[::4]):
        suffix = ".html" if text.lstrip().startswith("<") else ".txt"
        path = tmp_path / f"{number}{suffix}"
        path.write_text(text, encoding="utf-8")
        stdout, stderr = io.StringIO(), io.StringIO()
        status = main(["parse", str(path)], stdout, stderr)
        assert status in {0, 1, 2}, name
        assert "内部错误" not in stderr.getvalue(), stderr.getvalue()
        if status == 0:
            assert_well_formed(json.loads(stdout.getvalue()))


def test_two_reports_run_together_still_parse() -> None:
    texts = [text for _, text in corpus()]
    for first, second in zip(texts, texts[1:], strict=False):
        document = parse_within_budget(first + "\n" + second)
        assert document is not None
        assert_well_formed(document)


# -- the shapes the fuzz found -----------------------------------------------------------------
REPORT = next(text for name, text in corpus() if name.startswith("legacy_varied_sentences"))


@pytest.mark.parametrize(
    "line",
    [
        "一" * 100_000,  # a run of numerals with no unit: quadratic regex retries (hang)
        "1" * 100_000 + "件",  # a 100 000-digit "count": int/str conversion limit (crash)
        "1" * 100_000 + "%",  # …as a percentage
        "1." * 50_000 + "件",
        "一" * 5_000 + "万" * 5_000 + "件",  # a numeral worth 10**20000
        "十万亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿件",
        "收取信息处理费" + "9" * 400 + "元",  # float("9"*400) is inf
        "| " + " | ".join(["9" * 30] * 7) + " |",
    ],
    ids=[
        "numerals",
        "digits-count",
        "digits-percent",
        "dotted",
        "huge-numeral",
        "yi",
        "fee",
        "cells",
    ],
)
def test_an_absurd_line_in_a_report_is_read_quickly_and_never_as_a_figure(line: str) -> None:
    lines = REPORT.split("\n")
    lines.insert(len(lines) // 2, line)
    document = parse_within_budget("\n".join(lines))
    assert document is not None
    assert_well_formed(document)
    assert all(
        abs(leaf) < 10**15
        for key in document
        if key not in {*META, "year", "violations", "doubts", "source"}
        for _, leaf in statistics_of(document[key])
    )


@pytest.mark.parametrize(
    "markup",
    [
        "<![ ]>",
        "<![一]>",
        "<![foo bar",
        '<td colspan="99999999">',
        '<td colspan="²">',
        "<td colspan=0>",
    ],
)
def test_malformed_markup_in_a_saved_page_does_not_stop_the_reader(markup: str) -> None:
    page = next(text for name, text in corpus() if name.endswith(".html"))
    at = page.index("<table")
    document = parse_within_budget(page[:at] + markup + page[at:])
    assert document is not None
    assert_well_formed(document)


def test_many_short_rows_under_a_total_row_are_all_placed() -> None:
    # Nineteen outcome rows of two values under a 总计 row that never prunes: the joint search
    # runs to its node budget (each node used to re-sum every chosen row: seconds).
    columns = list(COLUMN_KEYS)
    groups = [("withheld", 8), ("unable_to_provide", 3), ("not_processed", 5), ("other", 3)]
    leaves = [("outcomes", group, f"row{i}") for group, count in groups for i in range(count)]
    printed = [(("new",), ["500", "500"]), (("carried_in",), ["1"])]
    printed += [(path, ["1", "1"]) for path in leaves]
    printed += [(("outcomes", "total"), ["90", "90", "90", "90", "90", "90", "540"])]
    placed = place_rows(columns, printed)
    assert len(placed) == len(printed)
    assert placed[-1][1]["total"] == 540


@pytest.mark.parametrize("figure", ["1e400", "Infinity", "NaN", "-Infinity", str(10**20)])
def test_check_skips_figures_that_are_not_finite_numbers(figure: str) -> None:
    document = json.loads(
        '{"applications": {"new": {"natural_person": X, "total": 3}},'
        ' "appeals": {"review": {"upheld": X, "total": 1}}, "consultations": {"total": X}}'.replace(
            "X", figure
        )
    )
    assert check(document) == []


def test_check_on_a_json_document_with_an_over_long_number_is_an_unreadable_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "stats.json"
    path.write_text('{"fees_yuan": ' + "9" * 5000 + "}", encoding="utf-8")
    stderr = io.StringIO()
    assert main(["check", str(path)], io.StringIO(), stderr) == 2
    assert "JSON" in stderr.getvalue()


def test_a_folder_batch_goes_on_after_a_report_it_cannot_read(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    (folder / "c.txt").write_text(REPORT, encoding="utf-8")
    stdout = io.StringIO()
    status = main(["parse", str(folder), "--csv", str(tmp_path / "out.csv")], stdout, io.StringIO())
    assert status == 1
    assert "已解析 2/3" in stdout.getvalue()
