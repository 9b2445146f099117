"""The fee panel on the case page and the office's fee setting page."""

import pytest
from django.urls import reverse

from gongkai.applications.models import FeeNotice, FeeSetting, FeeStatus


@pytest.fixture
def charging(agency):
    FeeSetting.objects.create(organization=agency, enabled=True)


def test_no_fee_section_while_the_office_does_not_charge(client, clerk, in_progress):
    client.force_login(clerk)
    page = client.get(reverse("applications:detail", args=[in_progress.pk])).content.decode()
    assert "信息处理费" not in page


def test_the_clerk_previews_the_fee_then_issues_the_notice(client, clerk, charging, in_progress):
    client.force_login(clerk)
    url = reverse("applications:fee_step", args=[in_progress.pk, "notice"])
    data = {
        "fee-notice-method": "per_page",
        "fee-notice-pages": "250",
        "fee-notice-on": "2026-10-09",
    }
    preview = client.post(url, {**data, "preview": "1"})
    text = preview.content.decode()
    assert preview.status_code == 200 and "计算结果：4700 元" in text
    assert "第 101–200 页：100 页 × 20 元 = 2000 元" in text
    assert not FeeNotice.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "已发出收费通知：4700 元" in page and "待申请人缴纳信息处理费" in page
    assert "登记缴费" in page


def test_both_methods_at_once_are_refused_with_a_clear_message(
    client, clerk, charging, in_progress
):
    client.force_login(clerk)
    response = client.post(
        reverse("applications:fee_step", args=[in_progress.pk, "notice"]),
        {
            "fee-notice-method": "per_application",
            "fee-notice-pages": "80",
            "fee-notice-on": "2026-10-09",
        },
    )
    assert response.status_code == 400
    assert "两种方式不能同时使用" in response.content.decode()
    assert not FeeNotice.objects.exists()


def test_a_payment_of_the_wrong_amount_is_refused_and_the_right_one_recorded(
    client, clerk, charging, in_progress
):
    client.force_login(clerk)
    client.post(
        reverse("applications:fee_step", args=[in_progress.pk, "notice"]),
        {"fee-notice-method": "per_page", "fee-notice-pages": "120", "fee-notice-on": "2026-10-12"},
    )
    url = reverse("applications:fee_step", args=[in_progress.pk, "pay"])
    wrong = client.post(
        url, {"fee-pay-amount": "50", "fee-pay-receipt_number": "R1", "fee-pay-on": "2026-10-16"}
    )
    assert wrong.status_code == 409 and "与通知金额（1100 元）不符" in wrong.content.decode()
    right = client.post(
        url, {"fee-pay-amount": "1100", "fee-pay-receipt_number": "R1", "fee-pay-on": "2026-10-16"}
    )
    assert right.status_code == 302
    assert FeeNotice.objects.get().status == FeeStatus.PAID


def test_an_unknown_step_is_a_404(client, clerk, in_progress):
    client.force_login(clerk)
    assert (
        client.post(reverse("applications:fee_step", args=[in_progress.pk, "refund"])).status_code
        == 404
    )


def test_the_office_head_turns_fees_on_from_the_menu_and_sees_the_years_figures(
    client, division_head, clerk, agency
):
    client.force_login(clerk)
    assert client.get(reverse("applications:fee_setting")).status_code == 403
    client.force_login(division_head)
    home = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("applications:fee_setting") in home
    page = client.get(reverse("applications:fee_setting")).content.decode()
    assert "发出收费通知（件）" in page and "不收费" in page
    response = client.post(
        reverse("applications:fee_setting"), {"organization": agency.pk, "enabled": "on"}
    )
    assert response.status_code == 302
    assert FeeSetting.objects.get(organization=agency).enabled


def test_the_applicant_sees_the_fee_and_the_day_to_pay_on_the_status_page(
    client, agency, handler, charging
):
    from gongkai.applications import fees, services
    from gongkai.applications.models import FeeMethod

    from .test_applicant_side import applied

    app, _ = applied(client, agency)
    services.application_accept(application=app, actor=handler)
    notice = fees.application_fee_notice(
        application=app, actor=handler, method=FeeMethod.PER_PAGE, pages=120
    )
    page = client.get(reverse("applications:case_status", args=[app.tracking_number]))
    text = page.content.decode()
    assert "1100 元（按量计收）" in text and f"{notice.pay_by:%Y-%m-%d} 前缴纳" in text
    assert "第 101–120 页：20 页 × 20 元 = 400 元" in text
