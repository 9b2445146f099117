"""The staff pages: the list with next dates, filing, deciding, papers."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.appeals.models import Appeal
from gongkai.applications.models import Status

from .test_services import file


def test_the_list_shows_open_appeals_with_their_next_dates(client, agency, clerk):
    file(agency, clerk, hearing_on=date(2026, 12, 20), deadline_on=date(2026, 12, 18))
    file(agency, clerk, appellant="李娜", deadline_on=date(2026, 12, 1))
    client.force_login(clerk)
    page = client.get(reverse("appeals:list")).content.decode()
    assert "审理中的案件（2 件）" in page
    assert "2026-12-18 答复或举证期限" in page
    assert "已过期" in page  # 李娜's deadline passed


def test_the_menu_leads_the_clerk_to_appeals(client, agency, clerk, leader):
    client.force_login(clerk)
    assert reverse("appeals:list") in client.get(reverse("accounts:dashboard")).content.decode()
    client.force_login(leader)  # the leader records none
    assert client.get(reverse("appeals:list")).status_code == 403


def test_filing_on_an_application_by_its_number(client, agency, clerk, answered):
    client.force_login(clerk)
    response = client.post(
        reverse("appeals:new"),
        {
            "organization": agency.pk,
            "kind": "litigation_direct",
            "application_number": answered.tracking_number.upper(),
            "appellant": "陈志明",
            "body": "上海市徐汇区人民法院",
            "subject": "请求撤销答复",
            "filed_on": "2026-11-20",
            "hearing_on": "2026-12-28",
        },
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response["Location"] == appeal.get_absolute_url()
    assert appeal.application == answered and appeal.kind == "litigation_direct"


def test_an_unknown_application_number_is_a_chinese_error(client, agency, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("appeals:new"),
        {
            "organization": agency.pk,
            "kind": "review",
            "application_number": "shsfj-2026-999999",
            "appellant": "陈志明",
            "body": "上海市人民政府",
            "subject": "x",
            "filed_on": "2026-11-20",
        },
    )
    assert response.status_code == 400
    assert "没有找到申请编号为“shsfj-2026-999999”的本机关申请" in response.content.decode()
    assert not Appeal.objects.exists()


def test_deciding_corrected_from_the_page_reopens_the_application(client, agency, clerk, answered):
    appeal = file(agency, clerk, application=answered)
    client.force_login(clerk)
    response = client.post(
        reverse("appeals:decide", args=[appeal.pk]),
        {"result": "corrected", "decided_on": "2026-12-01", "note": "责令60日内重新答复"},
    )
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.status == Status.IN_PROGRESS
    page = client.get(response["Location"]).content.decode()
    assert f"申请 {answered.tracking_number} 已重新进入办理" in page
    timeline = client.get(reverse("applications:detail", args=[answered.pk])).content.decode()
    assert "复议诉讼纠正后重新办理" in timeline and "上海市人民政府行政复议" in timeline


def test_a_future_decision_date_is_refused_on_the_form(client, agency, clerk):
    appeal = file(agency, clerk)
    client.force_login(clerk)
    response = client.post(
        reverse("appeals:decide", args=[appeal.pk]),
        {"result": "upheld", "decided_on": "2027-01-05"},
    )
    assert response.status_code == 400 and "日期不能晚于今天" in response.content.decode()


def test_a_lawsuit_offers_the_lawsuit_wording_of_upheld(client, agency, clerk):
    appeal = file(agency, clerk, kind="litigation_direct", body="上海市徐汇区人民法院")
    client.force_login(clerk)
    assert "维持或驳回诉讼请求" in client.get(appeal.get_absolute_url()).content.decode()


def test_papers_are_kept_and_downloaded(client, agency, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    appeal = file(agency, clerk)
    client.force_login(clerk)
    pdf = SimpleUploadedFile("决定书.pdf", b"%PDF-1.4 decision", content_type="application/pdf")
    response = client.post(
        reverse("appeals:document_add", args=[appeal.pk]), {"title": "行政复议决定书", "file": pdf}
    )
    assert response.status_code == 302
    document = appeal.documents.get()
    download = client.get(reverse("appeals:document", args=[appeal.pk, document.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 decision"


def test_a_paper_whose_content_is_not_its_extension_is_refused(
    client, agency, clerk, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    appeal = file(agency, clerk)
    client.force_login(clerk)
    fake = SimpleUploadedFile("决定书.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("appeals:document_add", args=[appeal.pk]), {"title": "决定书", "file": fake}
    )
    assert response.status_code == 409 and "内容与其扩展名不符" in response.content.decode()
    assert not appeal.documents.exists()


def test_another_agency_cannot_open_the_case(client, agency, clerk, outsider):
    appeal = file(agency, clerk)
    client.force_login(outsider)
    assert client.get(appeal.get_absolute_url()).status_code == 403


def test_the_dashboard_counts_open_appeals_and_charts_the_year(client, agency, clerk):
    file(agency, clerk, filed_on=date(2026, 11, 2), deadline_on=date(2026, 12, 17))
    client.force_login(clerk)
    response = client.get(reverse("accounts:dashboard"))
    counters = {c["label"]: c["value"] for c in response.context["counters"]}
    assert counters["审理中的复议诉讼"] == 1 and counters["复议诉讼5个工作日内有日期"] == 1
    panel = next(c for c in response.context["panels"] if "复议诉讼" in c["title"])
    assert panel["total"] == 1 and panel["chart"]["bars"][10]["value"] == 1
    assert "2026年每月新收复议诉讼案件" in response.content.decode()


def test_new_dates_from_the_page_are_kept_and_reminded_again(client, agency, clerk):
    appeal = file(agency, clerk)
    appeal.reminded_on = date(2026, 12, 15)
    appeal.save(update_fields=["reminded_on"])
    client.force_login(clerk)
    response = client.post(
        reverse("appeals:schedule", args=[appeal.pk]),
        {"hearing_on": "2026-12-22", "deadline_on": "2026-12-18"},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.hearing_on, appeal.deadline_on) == (date(2026, 12, 22), date(2026, 12, 18))
    assert appeal.reminded_on is None
    assert "听证或开庭：2026-12-22" in client.get(appeal.get_absolute_url()).content.decode()


def test_a_hearing_before_the_filing_is_refused_on_the_page(client, agency, clerk):
    appeal = file(agency, clerk)
    client.force_login(clerk)
    response = client.post(
        reverse("appeals:schedule", args=[appeal.pk]), {"hearing_on": "2026-01-05"}
    )
    assert (
        response.status_code == 409
        and "听证或开庭日期不能早于立案日期" in response.content.decode()
    )


def test_the_list_costs_the_same_queries_for_many_cases(client, agency, clerk, answered):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.appeals import services
    from gongkai.appeals.models import AppealResult

    def add(n):
        for _ in range(n):
            file(agency, clerk, application=answered, deadline_on=date(2026, 12, 30))
            done = file(agency, clerk, application=answered)
            services.appeal_decide(
                appeal=done, actor=clerk, result=AppealResult.UPHELD, decided_on=date(2026, 12, 1)
            )

    client.force_login(clerk)
    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("appeals:list"))
    add(5)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("appeals:list"))
    assert len(many) == len(few)


def test_a_case_number_already_registered_is_refused_on_the_form(client, agency, clerk):
    file(agency, clerk, case_number="沪府复字〔2026〕第101号", appellant="陈志明")
    client.force_login(clerk)
    response = client.post(
        reverse("appeals:new"),
        {
            "organization": agency.pk,
            "kind": "review",
            "appellant": "陈志明",
            "body": "上海市人民政府",
            "case_number": "沪府复字〔2026〕第101号",
            "subject": "不服答复",
            "filed_on": "2026-11-20",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "案号“沪府复字〔2026〕第101号”已登记（行政复议，陈志明，2026-11-02立案）" in page
    assert Appeal.objects.count() == 1
