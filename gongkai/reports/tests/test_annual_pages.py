"""The staff reach the annual report from their menu, compose, trace a figure, publish; the public
reads it in the 年度报告 column."""

import pytest
import time_machine
from django.urls import reverse

from gongkai.reports.engine import services
from gongkai.reports.models import AnnualReport, AnnualReportStatus

from .engine_data import caseload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        yield


def shown_publish_form(client, report, **extra) -> dict:
    """What the publish form on the report's page sends as it stands (the digest of the figures
    shown, today's date), with `extra`."""
    form = client.get(reverse("reports:annual_detail", args=[report.pk])).context["publish_form"]
    return {"seen": form["seen"].value(), "dated_on": str(form["dated_on"].value()), **extra}


@pytest.fixture
def started(client, agency, clerk):
    caseload(agency)
    client.force_login(clerk)
    response = client.post(
        reverse("reports:staff_list"),
        {"organization": agency.pk, "year": "2025", "format": "2021"},
    )
    assert response.status_code == 302
    return AnnualReport.objects.get(organization=agency, year=2025)


def test_the_clerk_reaches_annual_reports_from_the_workspace_menu(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("reports:staff_list")}"' in page
    assert client.get(reverse("reports:staff_list")).status_code == 200


def test_a_bad_year_gets_a_chinese_error_not_a_500(client, agency, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("reports:staff_list"), {"organization": agency.pk, "year": "2999", "format": "2021"}
    )
    assert response.status_code == 400
    assert "年度不能晚于2026年。" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_the_report_page_links_every_figure_to_the_cases_behind_it(client, started):
    page = client.get(reverse("reports:annual_detail", args=[started.pk])).content.decode()
    assert "一、本年新收政府信息公开申请数量" in page
    assert "未发现勾稽问题" in page
    cell = reverse("reports:annual_cell", args=[started.pk])
    link = f"{cell}?path=applications.carried_out&amp;column=total"
    assert link in page
    listing = client.get(cell, {"path": "applications.carried_out", "column": "total"})
    text = listing.content.decode()
    assert "四、结转下年度继续办理 · 总计：3" in text
    # Each case by its tracking number (an applicant's name is personal data, not shown here).
    assert text.count(">T-20") == 3 and "申请人" not in text.split("<main")[1]


def test_an_unknown_cell_is_a_404(client, started):
    cell = reverse("reports:annual_cell", args=[started.pk])
    assert client.get(cell, {"path": "applications.nope", "column": "total"}).status_code == 404


def test_the_clerk_edits_a_section_and_a_bad_entered_figure_is_refused_in_chinese(client, started):
    url = reverse("reports:annual_detail", args=[started.pk])
    form = client.get(url).context["edit_form"]
    data = {name: form[name].initial for name in form.section_names}
    data["section_problems"] = "答复说理仍需加强。"
    data["entered_3"] = "十二"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "须填写数字" in response.content.decode()
    data["entered_3"] = "12"
    assert client.post(url, data).status_code == 302
    started.refresh_from_db()
    assert started.sections == {"problems": "答复说理仍需加强。"}  # the rest stay drafts
    assert started.document["proactive"]["administrative_licensing"] == {"decisions": 12}
    page = client.get(url).content.decode()
    assert 'aria-label="主动公开 行政许可 本年处理决定数量：12（填报），查看明细"' in page


def test_the_leader_publishes_and_the_public_reads_it_in_the_column(client, started, leader):
    client.force_login(leader)
    response = client.post(
        reverse("reports:annual_publish", args=[started.pk]), shown_publish_form(client, started)
    )
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.status == AnnualReportStatus.PUBLISHED
    client.logout()
    column = client.get(reverse("catalog:annual_reports")).content.decode()
    public = reverse("reports:public_report", args=[started.pk])
    assert public in column
    page = client.get(public).content.decode()
    assert "上海市司法局2025年政府信息公开工作年度报告" in page
    assert "2025年，我局共收到政府信息公开申请6件。" in page
    pdf = client.get(reverse("reports:public_download", args=[started.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"


def test_an_unpublished_report_is_not_public(client, started):
    client.logout()
    assert client.get(reverse("reports:public_report", args=[started.pk])).status_code == 404


def test_the_leader_must_give_a_reason_to_publish_over_violations(client, started, leader, clerk):
    AnnualReport.objects.filter(pk=started.pk).update(
        entered={"proactive.administrative_licensing.decisions": 1}
    )
    AnnualReport.objects.filter(pk=started.pk).update(
        sections={"overview": "本年度办结5件。其中，予以公开2件，占办结总数的50.00%。"}
    )
    services.annual_report_recompute(report=started, actor=clerk)
    client.force_login(leader)
    url = reverse("reports:annual_publish", args=[started.pk])
    response = client.post(url, shown_publish_form(client, started, override_reason=""))
    assert response.status_code == 400
    assert "1 处勾稽问题" in response.content.decode()
    reason = shown_publish_form(client, started, override_reason="该百分比为引用上级通报口径。")
    assert client.post(url, reason).status_code == 302
    started.refresh_from_db()
    assert started.override_reason == "该百分比为引用上级通报口径。"


def test_staff_download_the_docx_and_an_outsider_is_refused(client, started, outsider):
    url = reverse("reports:annual_export", args=[started.pk, "docx"])
    assert client.get(url).content[:2] == b"PK"
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_list_links_the_imported_reports_only_for_those_who_may_import_them(
    client, started, leader, clerk
):
    # The leader approves reports but does not import other offices' (a 403 behind the link).
    client.force_login(leader)
    page = client.get(reverse("reports:staff_list")).content.decode()
    assert f'href="{reverse("reports:import_list")}"' not in page
    assert f'href="{reverse("reports:compare")}"' not in page
    assert f'href="{reverse("reports:supervision")}"' in page
    client.force_login(clerk)
    page = client.get(reverse("reports:staff_list")).content.decode()
    assert f'href="{reverse("reports:import_list")}"' in page
    assert f'href="{reverse("reports:compare")}"' in page
