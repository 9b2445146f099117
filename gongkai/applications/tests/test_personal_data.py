"""Applicants' personal data: masked for staff who do not handle the case, revealed on purpose
(audited), kept out of the audit log, stored outside MEDIA_ROOT, erased by the purge."""

from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationEvent, Attachment
from gongkai.applications.personal_data import ERASED_NAME, personal_data_purge

from .conftest import APPLICANT, at

ID_MASKED = "1101**********002X"


@pytest.fixture
def case(make_application):
    return make_application()


def page(client, user, app) -> str:
    client.force_login(user)
    response = client.get(reverse("applications:detail", args=[app.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_clerk_who_handles_the_case_sees_the_whole_id_number_and_phone(client, clerk, case):
    text = page(client, clerk, case)
    assert APPLICANT["id_number"] in text and APPLICANT["phone"] in text
    assert APPLICANT["address"] in text
    assert "显示完整信息" not in text


@pytest.mark.parametrize("persona", ["division_head", "legal_reviewer", "leader"])
def test_staff_who_do_not_handle_the_case_see_it_masked(client, case, persona, request):
    text = page(client, request.getfixturevalue(persona), case)
    assert ID_MASKED in text and "1381***5678" in text
    assert APPLICANT["id_number"] not in text and APPLICANT["phone"] not in text
    assert "上海市徐汇区****" in text and "漕溪北路" not in text
    assert "显示完整信息" in text


def test_the_assignee_sees_it_whole_even_without_the_intake_role(client, case, division_head):
    case.assignee = division_head
    case.save()
    assert APPLICANT["id_number"] in page(client, division_head, case)


def test_revealing_is_a_deliberate_step_written_to_the_audit_log(client, case, leader):
    client.force_login(leader)
    response = client.post(reverse("applications:reveal", args=[case.pk]))
    assert response.status_code == 302
    text = client.get(reverse("applications:detail", args=[case.pk])).content.decode()
    assert APPLICANT["id_number"] in text and "已记入操作日志" in text
    entry = AuditEntry.objects.get(action="applications.personal_data_revealed")
    assert entry.actor == leader and entry.object_id == str(case.pk)


def test_revealing_needs_a_post_and_the_right_to_see_the_case(client, case, leader, outsider):
    client.force_login(leader)
    assert client.get(reverse("applications:reveal", args=[case.pk])).status_code == 405
    client.force_login(outsider)
    assert client.post(reverse("applications:reveal", args=[case.pk])).status_code == 403
    assert not AuditEntry.objects.filter(action="applications.personal_data_revealed").exists()


def _personal_values(app) -> list[str]:
    return [v for v in (app.applicant_name, app.id_number, app.phone, app.email, app.address) if v]


def test_no_applicant_personal_data_reaches_the_audit_log(accepted, handler):
    services.application_start(application=accepted, actor=handler, on=date(2026, 9, 29))
    entries = list(AuditEntry.objects.all())
    assert len(entries) >= 3
    for entry in entries:
        stored = f"{entry.object_repr} {entry.changes}"
        for value in _personal_values(accepted):
            assert value not in stored, (entry.action, value)
    assert entries[0].object_repr == accepted.tracking_number


def test_the_online_form_leaves_no_personal_data_in_the_audit_log(client, agency):
    from .test_views import post_apply

    assert post_apply(client, agency).status_code == 302
    app = Application.objects.get()
    for entry in AuditEntry.objects.all():
        for value in _personal_values(app):
            assert value not in f"{entry.object_repr} {entry.changes}"


# ---------------------------------------------------------------- storage


def intake_with(agency, clerk, *uploads, received_on=date(2026, 12, 15)):
    app, _ = services.application_intake(
        organization=agency,
        data=APPLICANT,
        channel="in_person",
        submitted_on=received_on,
        received_on=received_on,
        receipt_basis="submitted",
        attachments=list(uploads),
        actor=clerk,
    )
    return app


def pdf(name: str, body: bytes = b"%PDF-1.4\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_attachments_are_stored_outside_the_media_root_under_generated_names(
    agency, clerk, settings, private_files, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    app = intake_with(agency, clerk, pdf("陈志明身份证.pdf"))
    item = app.attachments.get()
    path = Path(item.file.path)
    assert path.is_file() and Path(private_files) in path.parents
    assert not Path(settings.MEDIA_ROOT).exists()
    assert "陈志明" not in item.file.name and app.tracking_number not in item.file.name
    assert item.name == "陈志明身份证.pdf"


def test_an_attachment_is_served_only_to_staff_who_may_see_the_case(
    client, agency, clerk, outsider
):
    app = intake_with(agency, clerk, pdf("申请书.pdf", b"%PDF-1.4 body"))
    url = reverse("applications:attachment", args=[app.pk, app.attachments.get().pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 body"


def test_the_files_of_an_intake_that_fails_are_removed(agency, clerk, private_files, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services.audit, "record", broken)
    upload = SimpleUploadedFile("申请书.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    with pytest.raises(RuntimeError):
        services.application_intake(
            organization=agency,
            data=APPLICANT,
            channel="in_person",
            submitted_on=date(2026, 12, 15),
            received_on=date(2026, 12, 15),
            receipt_basis="submitted",
            attachments=[upload],
            actor=clerk,
        )
    assert not Application.objects.exists() and not Attachment.objects.exists()
    assert not [p for p in Path(private_files).rglob("*") if p.is_file()]


# ---------------------------------------------------------------- purge


def _statistics(year: int) -> dict:
    """What the annual report counts of a year: every case's skeleton and its events."""
    cases = Application.objects.filter(year=year)
    return {
        "by_kind": Counter(cases.values_list("applicant_kind", flat=True)),
        "by_channel": Counter(cases.values_list("channel", flat=True)),
        "by_outcome": Counter(cases.values_list("outcome", "legacy_outcome")),
        "carried": cases.filter(status__in=["received", "accepted", "in_progress"]).count(),
        "replied": sorted(cases.values_list("tracking_number", "received_on", "replied_on")),
        "events": Counter(
            ApplicationEvent.objects.filter(application__year=year).values_list("kind", "on")
        ),
    }


def test_the_purge_erases_the_2018_demo_personal_data_and_keeps_its_statistics(db):
    with time_machine.travel(at(date(2026, 12, 15)), tick=False):
        call_command("demo", stdout=StringIO())
    year = Application.objects.filter(year=2018)
    sample = year.exclude(id_number="").first()
    assert sample is not None and sample.phone and sample.address
    before = _statistics(2018)
    out = StringIO()
    call_command("personal-data", "purge", "--before", "2019-06-30", stdout=out)
    assert f"{sample.tracking_number}：已删除" in out.getvalue()
    assert "已删除 263 件申请" in out.getvalue()
    assert _statistics(2018) == before
    sample.refresh_from_db()
    assert sample.applicant_name == ERASED_NAME
    assert (sample.id_number, sample.phone, sample.email, sample.address) == ("", "", "", "")
    assert not year.exclude(applicant_name=ERASED_NAME).exists()
    # Cases of later years are left alone.
    assert Application.objects.exclude(year=2018).exclude(applicant_name=ERASED_NAME).exists()
    again = StringIO()
    call_command("personal-data", "purge", "--before", "2019-06-30", stdout=again)
    assert "已删除 0 件申请" in again.getvalue()
    assert _statistics(2018) == before


def test_the_purge_removes_the_attachments_of_archived_cases_only(
    agency, clerk, private_files, django_capture_on_commit_callbacks
):
    old = intake_with(agency, clerk, pdf("申请书.pdf"), received_on=date(2026, 9, 25))
    open_case = intake_with(agency, clerk, pdf("b.pdf"))
    stored = Path(old.attachments.get().file.path)
    Application.objects.filter(pk=old.pk).update(status="archived")
    ApplicationEvent.objects.create(application=old, kind="archive", on=date(2026, 10, 30))
    with django_capture_on_commit_callbacks(execute=True):
        result = personal_data_purge(before=date(2026, 11, 1))
    assert result.cases == [old.tracking_number] and result.files == 1
    assert not stored.exists() and not Attachment.objects.filter(application=old).exists()
    assert open_case.attachments.count() == 1
    open_case.refresh_from_db()
    assert open_case.applicant_name == APPLICANT["applicant_name"]
    assert personal_data_purge(before=date(2026, 11, 1)).cases == []


def test_the_purge_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("personal-data", "purge", "--before", "2019-13-01", stdout=StringIO())


def test_the_files_of_an_online_correction_that_fails_are_removed(
    agency, clerk, handler, private_files, monkeypatch
):
    from gongkai.applications import applicant

    app = intake_with(agency, clerk, received_on=date(2026, 12, 14))
    services.application_accept(application=app, actor=handler)
    services.application_request_correction(
        application=app, actor=handler, items="请补充身份证明", correct_by=date(2026, 12, 25)
    )

    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(applicant.audit, "record", broken)
    with pytest.raises(RuntimeError):
        applicant.correction_submit(application=app, text="补充材料", files=[pdf("身份证.pdf")])
    assert not app.attachments.exists()
    assert not [p for p in Path(private_files).rglob("*") if p.is_file()]
