"""The public form, the status lookup and the staff pages."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, Status

from .conftest import APPLICANT, at

GOOD = {**APPLICANT, "consent": "on"}


def post_apply(client, agency, **changes):
    data = {**GOOD, "organization": agency.pk, **changes}
    return client.post(
        reverse("applications:apply"), {k: v for k, v in data.items() if v is not None}
    )


def errors_of(response) -> dict:
    form = response.context["form"]
    return {name: list(errs) for name, errs in form.errors.items()}


def test_the_online_form_gives_a_tracking_number_and_query_code_once(client, agency):
    response = post_apply(client, agency)
    assert response.status_code == 302
    done = client.get(response["Location"])
    page = done.content.decode()
    app = Application.objects.get()
    assert app.tracking_number == "shsfj-2026-000001" and app.channel == "online"
    assert app.received_on == date(2026, 12, 15) and app.receipt_basis == "online_receipt"
    code = done.context["receipt"]["code"]
    assert app.tracking_number in page and code in page
    assert code not in app.query_code_hash
    # Shown once: reloading does not show it again.
    again = client.get(reverse("applications:apply_done"))
    assert again.status_code == 302 and code not in again.content.decode()


@time_machine.travel(at(date(2026, 9, 25)), tick=False)
def test_the_applicant_sees_status_and_due_date_with_tracking_number_and_code(client, agency):
    post_apply(client, agency)
    code = client.get(reverse("applications:apply_done")).context["receipt"]["code"]
    response = client.post(
        reverse("applications:apply_status"),
        {"tracking_number": "SHSFJ-2026-000001", "query_code": code.lower()},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "已收到" in page and "2026-10-29" in page  # 20 working days after 2026-09-25
    wrong = client.post(
        reverse("applications:apply_status"),
        {"tracking_number": "shsfj-2026-000001", "query_code": "AAAAAAAAAA"},
    )
    assert wrong.status_code == 400 and "申请编号或查询码不正确" in wrong.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"applicant_name": ""}, "applicant_name", "请填写申请人姓名或单位名称。"),
        (
            {"id_number": "110105194912310021"},
            "id_number",
            "居民身份证号码校验位不正确，请核对是否有输错的数字。",
        ),
        (
            {"id_number": "12345"},
            "id_number",
            "居民身份证号码应为18位，前17位为数字，最后一位为数字或X。",
        ),
        ({"id_type": "uscc"}, "id_type", "自然人请选择居民身份证、护照等个人证件。"),
        (
            {"phone": "12345"},
            "phone",
            "请填写有效的手机号码或固定电话（例如 13812345678 或 021-53899700）。",
        ),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确，例如 name@example.com。"),
        ({"email": ""}, "email", "选择以电子文件方式获取的，请填写电子邮箱。"),
        ({"delivery": "post", "address": ""}, "address", "选择邮寄方式的，请填写通信地址。"),
        ({"postcode": "2000"}, "postcode", "邮政编码应为6位数字。"),
        (
            {"description": "要文件"},
            "description",
            "内容描述过于简单，请至少写10个字，写明文件名称、文号或便于查询的其他特征。",
        ),
        ({"delivery": ""}, "delivery", "请选择获取信息的方式。"),
        (
            {"applicant_kind": ""},
            "applicant_kind",
            "请选择申请人类型（自然人或法人、其他组织的类别）。",
        ),
        ({"consent": None}, "consent", "请阅读并勾选同意个人信息使用说明后再提交。"),
    ],
)
def test_the_online_form_refuses_bad_input_field_by_field_in_chinese(
    client, agency, changes, field, message
):
    response = post_apply(client, agency, **changes)
    assert response.status_code == 400
    assert errors_of(response)[field] == [message]
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_an_organization_must_give_a_valid_credit_code_and_a_contact_person(client, agency):
    org = {
        "applicant_kind": "legal_service",
        "applicant_name": "上海某某律师事务所",
        "id_type": "uscc",
    }
    response = post_apply(client, agency, **org, id_number="914403001922038217")
    errors = errors_of(response)
    assert errors["id_number"] == ["统一社会信用代码校验位不正确，请核对是否有输错的字符。"]
    assert errors["contact_person"] == ["法人或其他组织申请的，请填写联系人。"]
    as_person = {**org, "id_type": "resident_id"}
    assert errors_of(post_apply(client, agency, **as_person))["id_type"] == [
        "法人或其他组织请选择统一社会信用代码或其他证件。"
    ]
    ok = post_apply(client, agency, **org, id_number="914403001922038216", contact_person="王律师")
    assert ok.status_code == 302
    assert Application.objects.get().applicant_kind == "legal_service"


def test_attachments_are_checked_and_stored(client, agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = post_apply(client, agency, attachments=bad)
    assert errors_of(response)["attachments"] == [
        "附件“run.exe”的格式不支持，请上传 PDF、图片、Word 或 OFD 文件。"
    ]
    good = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert post_apply(client, agency, attachments=good).status_code == 302
    assert Application.objects.get().attachments.get().name == "身份证.pdf"


STAFF = {
    **APPLICANT,
    "channel": "letter",
    "submitted_on": "2026-09-24",
    "receipt_note": "平信，电话确认",
}


def test_staff_enter_a_letter_with_the_facts_that_fix_the_date_of_receipt(client, clerk, agency):
    client.force_login(clerk)
    url = reverse("applications:intake")
    missing = client.post(url, {**STAFF, "organization": agency.pk})
    assert missing.status_code == 400
    assert "以与申请人确认之日为收到申请之日" in errors_of(missing)["confirmed_on"][0]
    response = client.post(url, {**STAFF, "organization": agency.pk, "signed_for_on": "2026-09-25"})
    assert response.status_code == 302
    app = Application.objects.get()
    assert (app.received_on, app.receipt_basis) == (date(2026, 9, 25), "signed_for")
    assert app.due_on == date(2026, 10, 29)
    future = client.post(url, {**STAFF, "organization": agency.pk, "confirmed_on": "2026-12-16"})
    assert errors_of(future)["confirmed_on"] == ["日期不能晚于今天。"]


def test_the_intake_page_is_refused_to_those_without_the_right(client, legal_reviewer):
    client.force_login(legal_reviewer)
    assert client.get(reverse("applications:intake")).status_code == 403


def test_the_inbox_sorts_by_urgency_and_colours_rows(client, make_application, handler):
    late = make_application(received_on=date(2026, 11, 2))  # due 11-30: overdue
    soon = make_application(received_on=date(2026, 11, 20))  # due 12-18: 3 days left
    fresh = make_application(received_on=date(2026, 12, 14))
    client.force_login(handler)
    response = client.get(reverse("applications:inbox"))
    rows = response.context["rows"]
    assert [r["app"] for r in rows] == [late, soon, fresh]
    assert [r["tone"] for r in rows] == ["danger", "warn", "ok"]
    page = response.content.decode()
    assert "超期 11 个工作日" in page and "剩余 3 个工作日" in page
    overdue_only = client.get(reverse("applications:inbox"), {"due": "overdue"})
    assert [r["app"] for r in overdue_only.context["rows"]] == [late]


def test_the_inbox_filters_by_channel_kind_outcome_and_year(client, make_application, handler):
    make_application(channel="letter", applicant_kind="research")
    wanted = make_application(channel="in_person")
    services.application_accept(application=wanted, actor=handler, on=date(2026, 9, 28))
    services.application_reply(
        application=wanted, actor=handler, on=date(2026, 9, 29), outcome="disclosed"
    )
    client.force_login(handler)
    url = reverse("applications:inbox")
    assert len(client.get(url, {"channel": "letter"}).context["rows"]) == 1
    assert len(client.get(url, {"applicant_kind": "research", "status": ""}).context["rows"]) == 1
    got = client.get(url, {"outcome": "disclosed", "status": "", "year": "2026"}).context["rows"]
    assert [r["app"] for r in got] == [wanted]
    assert client.get(url, {"year": "2018", "status": ""}).context["rows"] == []


def test_the_inbox_runs_a_fixed_number_of_queries_however_many_rows(
    client, make_application, handler, django_assert_max_num_queries
):
    for _ in range(3):
        make_application()
    client.force_login(handler)
    url = reverse("applications:inbox")
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    for _ in range(12):
        make_application()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_inbox_hides_other_agencies_cases(client, make_application, outsider):
    make_application()
    client.force_login(outsider)
    assert client.get(reverse("applications:inbox")).context["rows"] == []


def test_the_case_page_explains_the_due_date_and_offers_the_allowed_steps(
    client, make_application, handler
):
    app = make_application()
    client.force_login(handler)
    page = client.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "为什么是这一天" in page
    assert "2026-10-01 至 2026-10-07 国庆节放假 7 天" in page
    assert "2026-10-10（星期六）国庆节调休上班" in page
    assert "截止日期：2026-10-29" in page
    assert f"/staff/applications/{app.pk}/accept/" in page
    assert f"/staff/applications/{app.pk}/reply/" not in page


def test_a_transition_button_posts_and_the_timeline_records_it(client, make_application, handler):
    app = make_application()
    client.force_login(handler)
    url = reverse("applications:transition", args=[app.pk, "accept"])
    assert client.get(url).status_code == 405
    response = client.post(url, {"accept-on": "2026-09-28"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED
    page = client.get(response["Location"]).content.decode()
    assert "已受理" in page and "已收到 → 已受理" in page


def test_an_illegal_transition_is_refused_with_a_clear_message(client, make_application, handler):
    app = make_application()
    client.force_login(handler)
    response = client.post(
        reverse("applications:transition", args=[app.pk, "archive"]), {"archive-on": "2026-09-28"}
    )
    assert response.status_code == 409
    assert f"申请 {app.tracking_number} 当前状态为“已收到”，不能归档。" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.RECEIVED


def test_an_extension_form_refuses_more_than_20_days_in_chinese(client, make_application, handler):
    app = make_application()
    services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))
    services.application_start(application=app, actor=handler, on=date(2026, 9, 28))
    client.force_login(handler)
    response = client.post(
        reverse("applications:signoff_submit", args=[app.pk, "extension"]),
        {"draft-extension-days": "25", "draft-extension-reason": "调档"},
    )
    assert response.status_code == 400
    assert "延长答复期限最长不得超过20个工作日。" in response.content.decode()


def test_staff_of_another_agency_get_403_on_the_case(client, make_application, outsider):
    app = make_application()
    client.force_login(outsider)
    assert client.get(reverse("applications:detail", args=[app.pk])).status_code == 403
    assert (
        client.post(reverse("applications:transition", args=[app.pk, "accept"])).status_code == 403
    )


def test_an_unknown_step_is_404(client, make_application, handler):
    app = make_application()
    client.force_login(handler)
    assert (
        client.post(reverse("applications:transition", args=[app.pk, "explode"])).status_code == 404
    )
    assert (
        client.post(reverse("applications:transition", args=[app.pk, "intake"])).status_code == 404
    )


def test_the_dashboard_shows_application_counters(client, make_application, handler):
    make_application(received_on=date(2026, 11, 2))
    client.force_login(handler)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "超期未答复" in page and "待分配申请" in page


def test_the_due_soon_counter_and_the_list_it_links_to_show_the_same_cases(
    client, make_application, handler
):
    make_application(received_on=date(2026, 11, 2))  # overdue: not "due soon"
    soon = make_application(received_on=date(2026, 11, 20))  # due 12-18
    paused = make_application(received_on=date(2026, 11, 19))  # due 12-17, then consulting
    services.application_accept(application=paused, actor=handler, on=date(2026, 11, 20))
    services.application_start(application=paused, actor=handler, on=date(2026, 11, 20))
    services.application_consult(
        application=paused,
        actor=handler,
        on=date(2026, 12, 14),
        party="other_agency",
        party_name="上海市财政局",
    )
    client.force_login(handler)
    from gongkai.applications.dashboard import counters

    item = next(c for c in counters(handler) if c["label"] == "3个工作日内到期")
    listed = client.get(item["url"]).context["rows"]
    assert [r["app"] for r in listed] == [soon]
    assert item["value"] == len(listed) == 1


def test_the_timeline_shows_what_a_correction_asks_for_and_nothing_else_as_a_correction(
    client, clerk, make_application
):
    with time_machine.travel(date(2026, 9, 28), tick=False):
        app = make_application()
        services.application_accept(application=app, actor=clerk, on=date(2026, 9, 28))
        services.application_request_correction(
            application=app,
            actor=clerk,
            items="请补充身份证明复印件",
            correct_by=date(2026, 10, 16),
            on=date(2026, 9, 28),
        )
        client.force_login(clerk)
        page = client.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "补正事项：请补充身份证明复印件" in page
    assert "dict_items" not in page
    assert page.count("补正事项") == 1


def test_the_status_page_reads_the_timeline_once_and_leaves_out_the_assignment(
    client, agency, clerk, handler
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.applications.models import Channel, ReceiptBasis

    app, code = services.application_intake(
        organization=agency,
        data=APPLICANT,
        channel=Channel.IN_PERSON,
        submitted_on=date(2026, 12, 1),
        received_on=date(2026, 12, 1),
        receipt_basis=ReceiptBasis.SUBMITTED,
        actor=clerk,
    )
    services.application_accept(application=app, actor=clerk, on=date(2026, 12, 2))
    services.application_assign(application=app, actor=handler, assignee=clerk, email=False)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("applications:apply_status"),
            {"tracking_number": app.tracking_number, "query_code": code},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "已受理" in page and "上海市司法局" in page and "2026-12-29" in page
    assert "受理" in page and "分配承办人" not in page
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum("applications_applicationevent" in q for q in sql) == 1
    # The case's organization comes with the case (the site header's root is another query).
    assert not any('WHERE "accounts_organization"."id" =' in q for q in sql)
