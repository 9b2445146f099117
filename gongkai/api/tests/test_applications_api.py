from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.api import throttle
from gongkai.applications.models import Application, Status
from gongkai.applications.tests.conftest import APPLICANT
from gongkai.workdays import calendar


@pytest.fixture(autouse=True)
def today():
    calendar.invalidate()
    with time_machine.travel(
        datetime(2026, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield date(2026, 12, 15)
    calendar.invalidate()


def submit(client, **changes):
    payload = {"organization": "shsfj", **APPLICANT, "consent": True, **changes}
    return client.post("/api/v1/applications", payload, content_type="application/json")


@pytest.mark.django_db
def test_an_application_submitted_through_the_api_can_be_looked_up_with_its_code(client, agency):
    response = submit(client)
    assert response.status_code == 201
    receipt = response.json()
    application = Application.objects.get(tracking_number=receipt["tracking_number"])
    assert application.applicant_name == "陈志明" and application.channel == "online"
    status = client.post(
        "/api/v1/applications/status",
        {"tracking_number": receipt["tracking_number"], "query_code": receipt["query_code"]},
        content_type="application/json",
    )
    assert status.status_code == 200
    body = status.json()
    assert body["status"] == Status.RECEIVED.label
    # The applicant's personal data is not echoed back.
    assert "11010519491231002X" not in status.content.decode()
    assert "陈志明" not in status.content.decode()


@pytest.mark.django_db
def test_the_web_forms_refusals_apply_to_the_api(client, agency):
    response = submit(client, id_number="110105194912310021", consent=False)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_application"
    assert "请阅读并勾选同意个人信息使用说明后再提交。" in error["message"]
    assert "证件号码" in error["message"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_form_post_instead_of_json_is_refused_in_chinese_not_a_server_error(client, agency):
    # A browser form or a client that forgot the JSON content type posts multipart data.
    for path in ("/api/v1/applications", "/api/v1/applications/status"):
        response = client.post(path, {"organization": "shsfj", **APPLICANT})
        assert response.status_code == 400
        assert "请求体须为 JSON" in response.json()["error"]["message"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_an_unknown_organization_is_refused_in_chinese(client, agency):
    response = submit(client, organization="nosuch")
    assert response.status_code == 400
    assert "请选择列表中的受理机关。" in response.json()["error"]["message"]


@pytest.mark.django_db
def test_a_client_the_throttle_refuses_gets_429(client, agency, monkeypatch):
    monkeypatch.setattr(throttle, "may_submit", lambda request: False)
    response = submit(client)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_submissions"
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_wrong_query_code_is_not_found_and_repeated_failures_lock_out(client, agency):
    receipt = submit(client).json()
    ask = {"tracking_number": receipt["tracking_number"], "query_code": "WRONGCODE2"}
    codes = [
        client.post("/api/v1/applications/status", ask, content_type="application/json").status_code
        for _ in range(11)
    ]
    assert codes[:10] == [404] * 10
    assert codes[10] == 429


@pytest.mark.django_db
def test_the_same_submission_posted_twice_is_registered_once(client, agency):
    token = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    first = submit(client, submission_token=token)
    again = submit(client, submission_token=token)
    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_submitted"
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_choice_outside_the_documented_codes_is_refused_in_chinese(client, agency):
    response = submit(client, applicant_kind="alien")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_request",
        "message": "请求参数有误：applicant_kind不是可选的取值。",
    }
