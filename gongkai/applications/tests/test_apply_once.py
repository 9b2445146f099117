"""The public form posted twice (a double click, a resend) registers one application."""

import re
import uuid
from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationEvent, Channel, ReceiptBasis

from .conftest import APPLICANT
from .test_views import GOOD


def token_of(page: str) -> str:
    return re.search(r'name="submission_token" value="([0-9a-f-]{36})"', page).group(1)


def test_the_form_carries_a_fresh_submission_token(client, agency):
    url = reverse("applications:apply")
    first, second = (
        token_of(client.get(url).content.decode()),
        token_of(client.get(url).content.decode()),
    )
    assert first != second


def test_the_same_form_posted_twice_registers_one_application_and_shows_its_receipt(client, agency):
    token = token_of(client.get(reverse("applications:apply")).content.decode())
    data = {**GOOD, "organization": agency.pk, "submission_token": token}
    first = client.post(reverse("applications:apply"), data)
    assert first.status_code == 302
    # The browser dropped the first answer when the button was clicked again.
    second = client.post(reverse("applications:apply"), data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    app = Application.objects.get()
    assert str(app.submission_token) == token
    done = client.get(second["Location"])
    assert done.context["receipt"]["tracking"] == app.tracking_number
    assert ApplicationEvent.objects.filter(application=app).count() == 1


def test_a_resend_after_the_receipt_was_shown_names_the_first_application(client, agency):
    token = token_of(client.get(reverse("applications:apply")).content.decode())
    data = {**GOOD, "organization": agency.pk, "submission_token": token}
    client.get(client.post(reverse("applications:apply"), data)["Location"])
    again = client.post(reverse("applications:apply"), data, follow=True)
    app = Application.objects.get()
    page = again.content.decode()
    assert f"此申请已经提交（申请编号 {app.tracking_number}），请勿重复提交" in page
    assert again.redirect_chain[-1][0] == reverse("applications:apply_status")


def online(agency, token):
    """The intake the public form makes, with its submission token."""
    return services.application_intake(
        organization=agency,
        data=APPLICANT,
        channel=Channel.ONLINE,
        submitted_on=date(2026, 12, 15),
        received_on=date(2026, 12, 15),
        receipt_basis=ReceiptBasis.ONLINE_RECEIPT,
        submission_token=token,
    )[0]


def test_the_service_refuses_a_token_already_used_and_names_the_first_application(agency):
    token = uuid.uuid4()
    first = online(agency, token)
    with pytest.raises(services.AlreadySubmitted) as refused:
        online(agency, token)
    assert refused.value.application == first
    assert Application.objects.count() == 1
    # Forms without a token are not held to one another.
    online(agency, None), online(agency, None)
    assert Application.objects.count() == 3
