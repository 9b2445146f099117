"""What a new user ran into (issue 9, point 7), each fixed."""

import re
from datetime import date

import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.notifications import remind
from gongkai.applications.validators import resident_id_check_char, resident_id_problem

from .conftest import APPLICANT, at
from .test_apply_once import token_of
from .test_views import GOOD, errors_of, post_apply


@time_machine.travel(at(date(2026, 12, 4)), tick=False)
def test_the_receipt_warns_when_the_due_date_lies_in_a_year_without_a_holiday_schedule(
    client, agency
):
    post_apply(client, agency)
    done = client.get(reverse("applications:apply_done"))
    page = done.content.decode()
    # 20 working days from Friday 2026-12-04 land on 2027-01-01, New Year's Day — counted as a
    # working day only because 2027's schedule is not entered.
    assert "2027-01-01" in page
    assert "2027年的法定节假日安排尚未公布" in page and "期限相应顺延" in page


def test_a_receipt_within_a_scheduled_year_has_no_caveat(client, agency):
    post_apply(client, agency)
    receipt = client.get(reverse("applications:apply_done")).context["receipt"]
    assert receipt["due"].startswith("2027-") and "尚未公布" in receipt["caveat"]
    with time_machine.travel(at(date(2026, 9, 25)), tick=False):
        post_apply(client, agency, description="2024年度本市律师事务所年度检查考核结果汇总表")
        receipt = client.get(reverse("applications:apply_done")).context["receipt"]
    assert receipt["due"] == "2026-10-29" and receipt["caveat"] == ""


def test_an_id_number_typed_with_full_width_digits_is_accepted_as_ascii(client, agency):
    wide = APPLICANT["id_number"].translate(
        {ord(c): ord(c) + 0xFEE0 for c in "0123456789X"}
    )  # "１１０１０５…Ｘ", as a Chinese input method types it
    assert wide != APPLICANT["id_number"]
    response = post_apply(client, agency, id_number=wide, phone="１３８１２３４５６７８")
    assert response.status_code == 302, errors_of(response)
    app = Application.objects.get()
    assert app.id_number == APPLICANT["id_number"] and app.phone == "13812345678"


def test_an_id_number_with_area_code_000000_is_refused(client, agency):
    first17 = "00000019491231002"
    number = first17 + resident_id_check_char(first17)
    assert resident_id_problem(number) == (
        "居民身份证号码前6位（户籍所在地行政区划代码）不存在，请核对。"
    )
    response = post_apply(client, agency, id_number=number)
    assert response.status_code == 400
    assert "前6位" in errors_of(response)["id_number"][0]
    assert not Application.objects.exists()


def test_back_then_submit_again_registers_one_application(client, agency):
    url = reverse("applications:apply")
    first = {
        **GOOD,
        "organization": agency.pk,
        "submission_token": token_of(client.get(url).content.decode()),
    }
    assert client.post(url, first).status_code == 302
    client.get(reverse("applications:apply_done"))
    # Back: the browser reloads the form, which carries a new token; the same text is sent.
    again = {**first, "submission_token": token_of(client.get(url).content.decode())}
    response = client.post(url, again, follow=True)
    app = Application.objects.get()
    assert (
        f"此申请已经提交（申请编号 {app.tracking_number}），请勿重复提交"
        in response.content.decode()
    )
    # A different request from the same person is a new application.
    other = {**again, "submission_token": token_of(client.get(url).content.decode())}
    other["description"] = "2025年度本市公证机构执业年度考核结果及整改情况"
    assert client.post(url, other).status_code == 302
    assert Application.objects.count() == 2


def test_a_5000_character_description_gets_a_specific_chinese_message(client, agency):
    response = post_apply(client, agency, description="司法鉴定" * 1250)
    assert response.status_code == 400
    message = errors_of(response)["description"][0]
    assert message.startswith("所需政府信息的内容描述最多 2000 字，现为 5000 字")
    assert "附件" in message
    long_name = post_apply(client, agency, applicant_name="陈" * 101)
    assert errors_of(long_name)["applicant_name"] == [
        "申请人姓名或名称最多 100 字，现为 101 字，请精简。"
    ]


@override_settings(GONGKAI_BASE_URL="https://xxgk.example.gov.cn")
def test_reminder_emails_carry_absolute_links_on_the_configured_address(
    make_application, handler, clerk, django_capture_on_commit_callbacks
):
    clerk.email = "clerk@example.gov.cn"
    clerk.save()
    app = make_application(received_on=date(2026, 11, 2))
    services.application_assign(application=app, actor=handler, assignee=clerk, email=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        remind()
    body = mail.outbox[0].body
    assert f"https://xxgk.example.gov.cn/staff/applications/{app.pk}/" in body
    assert not re.search(r"(?<![\w/.])/staff/", body)


def test_the_staff_intake_form_posted_twice_registers_once(client, clerk, agency):
    client.force_login(clerk)
    url = reverse("applications:intake")
    token = token_of(client.get(url).content.decode())
    data = {
        **APPLICANT,
        "organization": agency.pk,
        "channel": "in_person",
        "submitted_on": "2026-12-15",
        "submission_token": token,
    }
    first = client.post(url, data)
    assert first.status_code == 302, first.context["form"].errors
    second = client.post(url, data, follow=True)
    app = Application.objects.get()
    assert second.redirect_chain[-1][0] == reverse("applications:detail", args=[app.pk])
    assert f"此申请已经提交（申请编号 {app.tracking_number}）" in second.content.decode()
