"""A report copied from last year's, or from another agency's, is flagged on its page
(issue 17.6); one written afresh is not."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.inspection.copies import copied_share, sentences
from gongkai.reports import copies
from gongkai.reports.engine.services import annual_report_create, annual_report_edit
from gongkai.reports.models import ImportedReport, ImportStatus

pytestmark = pytest.mark.django_db

PROBLEMS = (
    "一是主动公开的深度和广度还需进一步拓展，部分栏目信息更新不够及时。"
    "二是依申请公开答复的规范化水平有待提高，个别答复书说理不够充分。"
    "三是政府信息公开工作人员的业务培训仍需加强，基层单位力量相对薄弱。"
)
FRESH = (
    "一是本年度对照检查指标逐项整改了栏目更新问题，新设了办事指南专栏。"
    "二是答复书改由法制审核把关说理部分，并统一了引用条款的写法。"
    "三是全年举办业务培训四期，覆盖全部区司法局的信息公开工作人员。"
)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


def test_sentences_ignore_blanks_and_short_fragments():
    assert sentences("无。\n一是 主动公开的深度和广度还需进一步拓展；好。") == [
        "一是主动公开的深度和广度还需进一步拓展"
    ]
    share, same, total = copied_share(PROBLEMS, PROBLEMS + FRESH)
    assert (share, same, total) == (1.0, 3, 3)
    assert copied_share(FRESH, PROBLEMS)[0] == 0.0


def _report(agency, clerk, year, problems, other=""):
    report = annual_report_create(organization=agency, year=year, fmt="2021", actor=clerk)
    return annual_report_edit(
        report=report, sections={"problems": problems, "other": other}, entered={}, actor=clerk
    )


def test_a_report_copying_last_years_text_is_flagged_and_a_fresh_one_is_not(agency, clerk, client):
    boilerplate = "本机关高度重视政府信息公开工作，主要负责同志多次听取工作汇报并作出部署。" * 1
    _report(agency, clerk, 2024, PROBLEMS, boilerplate)
    copied = _report(agency, clerk, 2025, PROBLEMS, boilerplate)
    found = copies.copies(copied)
    assert [c.source for c in found] == ["本机关2024年度报告"]
    assert found[0].share >= copies.threshold()
    client.force_login(clerk)
    page = client.get(reverse("reports:annual_detail", args=[copied.pk])).content.decode()
    assert "与本机关2024年度报告相同的句子" in page and "疑似照搬" in page


def test_a_report_written_afresh_is_not_flagged(agency, clerk):
    _report(agency, clerk, 2024, PROBLEMS)
    fresh = _report(
        agency, clerk, 2025, FRESH, "本年度没有其他需要报告的事项，特此说明并接受社会监督。"
    )
    assert copies.copies(fresh) == []


def test_a_report_copying_another_agencys_imported_report_is_flagged(agency, clerk):
    report = _report(agency, clerk, 2025, PROBLEMS)
    # A neighbour's published report that is this one with the name changed (or the reverse).
    ImportedReport.objects.create(
        reporting_body="某某区司法局",
        year=2025,
        format="2021",
        status=ImportStatus.CONFIRMED,
        source_text=copies.report_text(report).replace(agency.name, "某某区司法局"),
        parsed={},
        document={},
        owner=agency,
        uploaded_by=clerk,
        uploaded_at=timezone.now(),
    )
    found = copies.copies(report)
    assert found and found[0].source == "某某区司法局2025年度报告（导入）"
