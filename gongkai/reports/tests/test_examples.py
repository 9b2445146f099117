"""Every published example report parses to exactly its expected document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.reports.parsing import parse_report

# The worktree's parent directory holds shared/ (…/wt-parser/gongkai/reports/tests/ → …/).
EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "examples" / "reports"
REPORTS = sorted(EXAMPLES.glob("*.txt")) if EXAMPLES.is_dir() else []


@pytest.mark.skipif(not REPORTS, reason=f"the example reports are not available at {EXAMPLES}")
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_the_example_report_parses_to_its_expected_document(report: Path) -> None:
    expected = json.loads(report.with_suffix(".expected.json").read_text(encoding="utf-8"))
    document = parse_report(report.read_text(encoding="utf-8"))
    assert document == expected
    # Same keys in the same order as the example, not only equal as dicts.
    assert json.dumps(document, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)
