"""Control characters are refused on every page, in Chinese; names are made to fit their column.

These were 500s on PostgreSQL only (issue 15, finding 3): the suite runs on both databases.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications.models import Application, Attachment
from gongkai.catalog.models import Topic
from gongkai.lib.inputs import REFUSAL, fit_filename, has_control_characters

APPLICANT = {
    "applicant_kind": "natural_person",
    "applicant_name": "陈志明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "email": "chen.zhiming@example.com",
    "address": "上海市徐汇区漕溪北路88号",
    "postcode": "200030",
    "description": "2025年度本市司法鉴定机构年度检查结果及被责令整改的机构名单",
    "delivery": "electronic",
    "consent": "on",
}


@pytest.fixture
def vocabularies(db):
    import_module("gongkai.catalog.migrations.0002_vocabularies").seed(apps, None)


def refused(response) -> bool:
    return response.status_code == 400 and REFUSAL in response.content.decode()


def test_nul_and_other_c0_controls_are_control_characters_but_tab_and_line_breaks_are_not():
    for bad in ("a\x00b", "\x01", "x\x1b[31m", "\x7f", "\x0c"):
        assert has_control_characters(bad), repr(bad)
    for good in ("第一行\r\n第二行\t末尾", "沪司规〔2019〕3号", "", "emoji 🙂"):
        assert not has_control_characters(good), repr(good)


def test_a_long_file_name_keeps_its_extension_and_the_start_of_its_stem():
    name = "申请人身份证明" * 40 + ".pdf"
    fitted = fit_filename(name, 200)
    assert len(fitted) == 200
    assert fitted.startswith("申请人身份证明") and fitted.endswith("….pdf")
    assert fit_filename("身份证.pdf", 200) == "身份证.pdf"
    assert fit_filename("x" * 300, 200) == "x" * 200


def test_a_nul_in_the_staff_list_filters_is_refused_in_chinese(client, clerk, leader, agency):
    client.force_login(clerk)
    for url in (reverse("catalog:staff_list"), reverse("applications:inbox")):
        assert refused(client.get(url, {"q": "司法\x00鉴定"})), url
        assert client.get(url, {"q": "司法鉴定"}).status_code == 200, url
    client.force_login(leader)
    for name in ("catalog:guide_edit", "catalog:review_chain"):
        assert refused(client.get(reverse(name), {"org": "shsfj\x00"})), name
        assert client.get(reverse(name), {"org": "shsfj"}).status_code == 200, name


def test_a_nul_in_a_vocabulary_rename_is_refused_and_the_name_kept(client, leader, vocabularies):
    client.force_login(leader)
    topic = Topic.objects.order_by("pk").first()
    response = client.post(
        reverse("catalog:vocabularies"),
        {"kind": "topic", "op": "rename", "pk": topic.pk, "name": "社区\x00矫正"},
    )
    assert refused(response)
    assert Topic.objects.get(pk=topic.pk).name == topic.name


def test_a_nul_in_a_public_form_field_or_field_name_is_refused(client, agency):
    url = reverse("applications:apply")
    for data in (
        {**APPLICANT, "organization": agency.pk, "applicant_name": "陈\x00志明"},
        {**APPLICANT, "organization": agency.pk, "description\x00": "x"},
    ):
        assert refused(client.post(url, data))
    assert not Application.objects.exists()
    assert refused(client.get(reverse("catalog:search"), {"q": "\x00"}))


def test_an_attachment_name_over_200_characters_is_shortened_not_a_server_error(
    client, agency, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    long_name = "关于申请公开司法鉴定机构年度检查结果的身份证明材料" * 12 + ".pdf"
    assert len(long_name) > 200
    upload = SimpleUploadedFile(long_name, b"%PDF-1.4\n", content_type="application/pdf")
    response = client.post(
        reverse("applications:apply"),
        {**APPLICANT, "organization": agency.pk, "attachments": upload},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert len(attachment.name) == 200 and attachment.name.endswith(".pdf")
    assert attachment.name.startswith("关于申请公开司法鉴定机构")
    assert attachment.file.read() == b"%PDF-1.4\n"


def test_the_refusal_page_does_not_echo_the_refused_query_into_the_search_box(client, db):
    response = client.get("/search/", {"q": "a\x00b"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'name="q" value=""' in page and "a\x00b" not in page
