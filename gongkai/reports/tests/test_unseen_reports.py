"""Reports unlike the published examples, each aimed at one real-world variation.

Every fixture in ``unseen/`` is a small report written the way real government pages and
documents print it (saved HTML with merged cells, text copied cell by cell, legacy prose,
附表, full-width figures …) with its expected document written by hand from the rules of
annual-stats.md. The parser must read each exactly; key order is not compared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.reports.parsing import parse_report

FIXTURES = Path(__file__).resolve().parent / "unseen"
REPORTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".txt", ".html"})


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_the_unseen_style_report_parses_to_its_hand_written_document(report: Path) -> None:
    expected = json.loads(
        report.with_name(f"{report.stem}.expected.json").read_text(encoding="utf-8")
    )
    assert parse_report(report.read_text(encoding="utf-8")) == expected
