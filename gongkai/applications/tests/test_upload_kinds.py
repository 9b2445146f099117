"""Applicants' attachments are what their names say: checked by content, not extension."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications.models import Application

from .test_views import errors_of, post_apply


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.pdf", b"just some text, not a PDF"),
        ("身份证.jpg", b"%PDF-1.4\n"),
        ("委托书.docx", b"PK\x03\x04 broken"),
        ("说明.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_refused(
    client, agency, name, content
):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = post_apply(client, agency, attachments=upload)
    assert response.status_code == 400
    ext = name.rsplit(".", 1)[1].upper()
    assert errors_of(response)["attachments"] == [
        f"附件“{name}”的内容与扩展名不符（不是有效的 {ext} 文件），请检查后重新上传。"
    ]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("身份证.PDF", b"%PDF-1.4\n"),
        ("照片.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        ("说明.txt", "请补充2025年度名单".encode()),
    ],
)
def test_a_file_that_is_what_its_name_says_is_accepted(client, agency, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    assert post_apply(client, agency, attachments=upload).status_code == 302
    assert Application.objects.get().attachments.get().name == name


def test_every_allowed_extension_is_a_kind_the_content_check_knows():
    from gongkai.applications.forms import ALLOWED_EXTENSIONS
    from gongkai.lib.filetypes import EXTENSIONS

    assert not ALLOWED_EXTENSIONS - EXTENSIONS.keys()
