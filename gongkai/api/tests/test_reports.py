from pathlib import Path

import pytest

from gongkai.reports import services, statistics

# The worktree's parent directory holds shared/ (as in reports/tests/test_examples.py).
EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "examples" / "reports"


@pytest.fixture
def reports(agency, clerk):
    text = (EXAMPLES / "01.txt").read_text(encoding="utf-8")
    confirmed = services.report_import(owner=agency, text=text, source_name="01", actor=clerk)
    services.report_import_confirm(
        report=confirmed,
        reporting_body="上海市示例区司法局",
        year=2023,
        values=statistics.flatten(confirmed.document),
        actor=clerk,
    )
    draft = services.report_import(owner=agency, text=text, source_name="02", actor=clerk)
    confirmed.refresh_from_db()
    return confirmed, draft


@pytest.mark.django_db
def test_confirmed_reports_and_their_statistics_are_published(client, reports):
    confirmed, draft = reports
    listed = client.get("/api/v1/reports").json()["reports"]
    assert [r["id"] for r in listed] == [confirmed.pk]
    assert listed[0]["reporting_body"] == "上海市示例区司法局" and listed[0]["year"] == 2023
    body = client.get(listed[0]["statistics_url"]).json()
    assert body["document"] == confirmed.document
    assert body["document"]["schema"] == statistics.SCHEMA
    download = client.get(f"/opendata/reports/{confirmed.pk}.json").json()
    assert download == confirmed.document


@pytest.mark.django_db
def test_a_report_not_yet_confirmed_is_not_reachable(client, reports):
    _, draft = reports
    response = client.get(f"/api/v1/reports/{draft.pk}/statistics")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "该年度报告不存在或尚未确认发布。"
    assert client.get(f"/opendata/reports/{draft.pk}.json").status_code == 404


@pytest.mark.django_db
def test_the_statistics_dictionary_names_every_statistic(client):
    dictionary = client.get("/opendata/schema/annual-stats.json").json()
    assert dictionary["schema"] == statistics.SCHEMA
    paths = {f["path"]: f for f in dictionary["fields"]}
    assert len(paths) == len(statistics.FIELDS)
    assert paths["fees_yuan"]["type"] == "number"
    assert paths["proactive.items_new"]["label"] == "主动公开 本年新增主动公开信息（条）"


@pytest.mark.django_db
def test_the_platforms_own_published_report_is_listed_with_its_statistics(
    client, reports, agency, clerk, leader
):
    import time_machine

    from gongkai.reports.engine import services as annual
    from gongkai.reports.tests.engine_data import caseload

    with time_machine.travel("2026-02-10 09:00 +0800", tick=False):
        caseload(agency)
        own = annual.annual_report_create(organization=agency, year=2025, fmt="2021", actor=clerk)
        listed = client.get("/api/v1/reports").json()["reports"]
        assert [r["source"] for r in listed] == ["imported"]  # a draft is not published
        annual.annual_report_publish(report=own, actor=leader)
    listed = client.get("/api/v1/reports").json()["reports"]
    assert [(r["source"], r["year"]) for r in listed] == [("computed", 2025), ("imported", 2023)]
    body = client.get(listed[0]["statistics_url"]).json()
    assert body["reporting_body"] == agency.name
    assert (
        body["document"]["applications"]["new"]["total"]
        == own.document["applications"]["new"]["total"]
    )
    assert client.get("/api/v1/reports?year=2023").json()["reports"][0]["source"] == "imported"
    download = client.get(f"/opendata/own-reports/{own.pk}.json").json()
    assert download == body["document"]
    assert f"/opendata/own-reports/{own.pk}.json" in client.get("/opendata/").content.decode()
