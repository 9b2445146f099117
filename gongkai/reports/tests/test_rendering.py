"""A document written as report text reads back as the same document."""

import random

import pytest

from gongkai.reports.demo import sample_document
from gongkai.reports.parsing import parse_report
from gongkai.reports.rendering import render_text


@pytest.mark.parametrize("seed", range(8))
def test_a_rendered_report_parses_back_to_its_document(seed):
    document = sample_document("上海市黄浦区司法局", 2020 + seed % 5, random.Random(seed))
    parsed = parse_report(render_text(document))
    assert parsed.pop("violations") == []
    assert parsed == document


def test_a_broken_sum_written_into_the_text_is_found_when_read_back():
    document = sample_document("上海市崇明区司法局", 2024, random.Random(3))
    document["applications"]["new"]["total"] += 1
    violations = parse_report(render_text(document))["violations"]
    assert {"rule": "3", "where": "applications.new.total"} in [
        {k: v[k] for k in ("rule", "where")} for v in violations
    ]
