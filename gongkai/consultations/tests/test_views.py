"""Staff: the quick log form, the period counts, answering and publishing."""

from django.urls import reverse

from gongkai.consultations.models import Consultation

from .test_services import log


def test_a_phone_call_is_logged_from_the_list_page(client, agency, clerk):
    client.force_login(clerk)
    page = client.get(reverse("consultations:list")).content.decode()
    assert 'name="topic"' in page and "autofocus" in page
    response = client.post(
        reverse("consultations:list"),
        {
            "organization": agency.pk,
            "channel": "phone",
            "topic": "如何查询申请进度",
            "answer": "凭申请编号和查询码在网上查询。",
            "asked_on": "2026-12-15",
        },
    )
    assert response.status_code == 302
    c = Consultation.objects.get()
    assert c.channel == "phone" and c.status == "answered" and c.recorded_by == clerk


def test_a_missing_topic_is_a_chinese_error(client, agency, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("consultations:list"),
        {"organization": agency.pk, "channel": "phone", "topic": "", "asked_on": "2026-12-15"},
    )
    assert response.status_code == 400 and "请填写咨询事项。" in response.content.decode()


def test_the_list_counts_the_period_per_channel(client, agency, clerk):
    from datetime import date

    log(agency, clerk, asked_on=date(2026, 3, 2))
    log(agency, clerk, channel="in_person", asked_on=date(2026, 3, 3))
    log(agency, clerk, channel="online", asked_on=date(2026, 4, 3))
    client.force_login(clerk)
    march = client.get(reverse("consultations:list"), {"year": 2026, "month": 3})
    text = march.content.decode()
    assert "2026年3月咨询：共 2 人次" in text and "电话 1 人次，当面 1 人次，网上 0 人次" in text
    year = client.get(reverse("consultations:list"), {"year": 2026}).content.decode()
    assert "2026年咨询：共 3 人次" in year


def test_every_staff_role_reaches_consultations_from_the_menu(client, agency, leader):
    client.force_login(leader)
    assert (
        reverse("consultations:list") in client.get(reverse("accounts:dashboard")).content.decode()
    )


def test_staff_answer_then_publish_the_pair(
    client, agency, clerk, django_capture_on_commit_callbacks
):
    c = log(agency, clerk, answer="")
    client.force_login(clerk)
    client.post(reverse("consultations:answer", args=[c.pk]), {"answer": "可以当面申请。"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("consultations:publish", args=[c.pk]),
            {"question": "可以到受理点当面申请吗？", "answer": "可以当面申请。"},
        )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.is_published and c.public_question == "可以到受理点当面申请吗？"
    assert (
        "可以到受理点当面申请吗"
        in client.get(reverse("consultations:public_list")).content.decode()
    )


def test_another_agency_cannot_see_the_consultation(client, agency, clerk, outsider):
    c = log(agency, clerk)
    client.force_login(outsider)
    assert client.get(c.get_absolute_url()).status_code == 403


def test_the_dashboard_counts_waiting_questions_and_charts_the_months(client, agency, clerk):
    from datetime import date

    log(agency, clerk, answer="", asked_on=date(2026, 12, 1))
    log(agency, clerk, asked_on=date(2026, 2, 3))
    client.force_login(clerk)
    response = client.get(reverse("accounts:dashboard"))
    counters = {c["label"]: c["value"] for c in response.context["counters"]}
    assert counters["待答复的咨询"] == 1 and counters["本月咨询（人次）"] == 1
    panel = next(c for c in response.context["panels"] if "咨询" in c["title"])
    assert [b["value"] for b in panel["chart"]["bars"]][1] == 1 and panel["total"] == 2


def test_the_log_form_preselects_the_clerks_own_agency(client, agency, district, clerk):
    client.force_login(clerk)
    page = client.get(reverse("consultations:list"))
    assert page.context["form"]["organization"].initial == agency
    assert f'<option value="{agency.pk}" selected>' in page.content.decode()
