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
