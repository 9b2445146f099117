from datetime import date

import pytest

from gongkai.accounts.models import AuditEntry
from gongkai.api.models import ApiToken
from gongkai.api.services import api_token_create, api_token_revoke
from gongkai.applications.models import Channel, ReceiptBasis
from gongkai.applications.services import application_intake
from gongkai.applications.tests.conftest import APPLICANT


def case(organization, clerk):
    app, _ = application_intake(
        organization=organization,
        data={**APPLICANT, "organization": organization},
        channel=Channel.IN_PERSON,
        submitted_on=date(2026, 9, 25),
        received_on=date(2026, 9, 25),
        receipt_basis=ReceiptBasis.SUBMITTED,
        actor=clerk,
    )
    return app


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.django_db
def test_a_token_is_made_on_the_staff_page_shown_once_and_stored_hashed(client, clerk):
    client.force_login(clerk)
    assert "接口令牌" in client.get("/staff/").content.decode()
    response = client.post("/staff/api-tokens/", {"name": "门户网站目录同步"}, follow=True)
    page = response.content.decode()
    token = ApiToken.objects.get(user=clerk)
    secret = page.split('id="new-secret" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith(token.prefix)
    assert secret not in token.digest and len(token.digest) == 64
    # Gone on the next visit.
    assert secret not in client.get("/staff/api-tokens/").content.decode()
    assert AuditEntry.objects.filter(action="api.token_create").exists()


@pytest.mark.django_db
def test_an_empty_name_is_refused_in_chinese(client, clerk):
    client.force_login(clerk)
    response = client.post("/staff/api-tokens/", {"name": ""})
    assert response.status_code == 400
    assert "请填写令牌的用途说明。" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_token_sees_its_organizations_cases_only(client, agency, other_agency, clerk, outsider):
    mine = case(agency, clerk)
    _, secret = api_token_create(user=clerk, name="同步")
    rows = client.get("/api/v1/staff/applications", **bearer(secret)).json()["cases"]
    assert [row["tracking_number"] for row in rows] == [mine.tracking_number]
    _, outsider_secret = api_token_create(user=outsider, name="同步")
    theirs = client.get("/api/v1/staff/applications", **bearer(outsider_secret)).json()["cases"]
    assert theirs == []
    refused = client.get(f"/api/v1/staff/applications/{mine.pk}", **bearer(outsider_secret))
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "您没有权限查看该申请"


@pytest.mark.django_db
def test_a_token_updates_a_case_through_the_service(client, agency, clerk):
    mine = case(agency, clerk)
    _, secret = api_token_create(user=clerk, name="同步")
    response = client.post(
        f"/api/v1/staff/applications/{mine.pk}/accept",
        {"on": "2026-09-25"},
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"
    again = client.post(
        f"/api/v1/staff/applications/{mine.pk}/accept",
        {},
        content_type="application/json",
        **bearer(secret),
    )
    assert again.status_code == 409
    assert "不能受理" in again.json()["error"]["message"]


@pytest.mark.django_db
def test_a_revoked_token_stops_working_at_once(client, agency, clerk):
    token, secret = api_token_create(user=clerk, name="同步")
    assert client.get("/api/v1/staff/applications", **bearer(secret)).status_code == 200
    api_token_revoke(token=token, actor=clerk)
    response = client.get("/api/v1/staff/applications", **bearer(secret))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert AuditEntry.objects.filter(action="api.token_revoke").exists()


@pytest.mark.django_db
def test_the_staff_page_revokes_only_ones_own_tokens(client, clerk, division_head):
    theirs, _ = api_token_create(user=division_head, name="处室同步")
    client.force_login(clerk)
    assert client.post(f"/staff/api-tokens/{theirs.pk}/revoke/").status_code == 404
    mine, _ = api_token_create(user=clerk, name="我的同步")
    client.post(f"/staff/api-tokens/{mine.pk}/revoke/")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None


@pytest.mark.django_db
def test_no_case_is_reachable_without_a_token(client, agency, clerk):
    mine = case(agency, clerk)
    for path in ("/api/v1/staff/applications", f"/api/v1/staff/applications/{mine.pk}"):
        response = client.get(path)
        assert response.status_code == 401
        assert APPLICANT["applicant_name"] not in response.content.decode()
