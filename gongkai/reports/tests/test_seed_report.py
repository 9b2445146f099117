"""Point 6: the demo office's 2018 records give the figures of its published 2018 report."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.reports import composer, statistics
from gongkai.reports.cli import main

SEED = Path(__file__).resolve().parents[3] / "../shared/examples/reports"
EXPECTED = SEED / "seed-2018-shanghai-sfj.expected.json"


@pytest.mark.skipif(not EXPECTED.exists(), reason="shared seed examples not present")
def test_the_2018_legacy_report_built_from_the_demo_records_states_the_seed_figures(
    db, tmp_path, settings
):
    # The demo as `make run` loads it, with the office's 2008–2018 back catalog.
    settings.GONGKAI_DEMO_ARCHIVE = True
    call_command("demo", stdout=StringIO())
    out = tmp_path / "x.json"
    args = ["build", "--org", "shsfj", "--year", "2018", "--format", "legacy", "--out", str(out)]
    assert main(args, StringIO(), StringIO()) == 0
    built = json.loads(out.read_text())
    expected = json.loads(EXPECTED.read_text())
    wanted = statistics.flatten(expected)
    # Every figure the seed lists, the catalog's included (累计110757条，新增21594条).
    assert wanted["proactive.items_total"] == 110757 and wanted["proactive.items_new"] == 21594
    assert "appeals.review.total" in wanted and "consultations.total" in wanted
    assert wanted["fees_yuan"] == 0  # no fee charged in 2018: a recorded zero
    assert {path: statistics.flatten(built).get(path) for path in wanted} == wanted
    assert built["violations"] == []

    proactive = composer.drafts(built)["proactive"]
    assert "截至2018年底，我局累计主动公开政府信息110757条，新增21594条。" in proactive
    assert (
        "其中，业务类信息16708条，占77.37%；互动交流类信息1401条，占6.49%；"
        "政策法规类信息304条，占1.41%；其他类信息3181条，占14.73%。"
    ) in proactive

    text = composer.drafts(built)["applications"]
    assert (
        "2018年，我局共受理政府信息公开申请263件。其中，当面申请97件，网络申请118件，信函申请48件。"
        in text
    )
    assert (
        "44.49%涉及司法鉴定信息，17.87%涉及律师事务所和公证处信息，15.21%涉及律师公证员司法鉴定人资质信息"
        in text
    )
    assert "“同意公开和部分公开”的110件，占总数的41.83%" in text
    assert "“信息不存在”95件，占总数的36.12%" in text
    assert "“非本机关职责权限范围”10件，占总数的3.80%" in text
    appeals = composer.drafts(built)["appeals"]
    assert (
        "2018年，我局因政府信息公开申请引起的行政复议案件23件，其中维持17件，其他结果6件。"
        in appeals
    )
    assert "行政诉讼案件11件，其中维持6件，其他结果5件。" in appeals
    visits = composer.drafts(built)["consultations"]
    assert (
        "2018年，我局共接受政府信息公开咨询207人次。其中，电话咨询112人次，当面咨询86人次，网上咨询9人次。"
        in visits
    )
    assert (
        "专栏访问量123313次，其中，按点击率排序依次是：领导介绍、行政处罚、规范性文件、政策解读和人事任免"
        in visits
    )
