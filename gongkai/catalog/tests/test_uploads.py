import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.models import Attachment
from gongkai.catalog.uploads import UploadRejected

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("通报.pdf", PDF, "pdf"),
        ("名录.docx", _zip("word/document.xml"), "docx"),
        ("统计表.xlsx", _zip("xl/workbook.xml"), "xlsx"),
        ("照片.PNG", PNG, "png"),
        ("照片.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
    ],
)
def test_files_of_the_accepted_types_are_attached(make_item, clerk, name, content, kind):
    item = make_item()
    attachment = services.attachment_add(
        item=item, actor=clerk, upload=SimpleUploadedFile(name, content)
    )
    assert attachment.kind == kind and attachment.original_name == name
    assert attachment.size == len(content)
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("通报.pdf", b"MZ\x90\x00 this is an exe", "内容与扩展名不符"),
        ("名录.docx", _zip("xl/workbook.xml"), "内容与扩展名不符"),
        ("脚本.exe", b"MZ\x90\x00", "不支持"),
        ("说明.txt", b"hello", "不支持"),
        ("空.pdf", b"", "空文件"),
    ],
)
def test_a_bad_upload_is_refused_with_the_reason(make_item, clerk, name, content, reason):
    item = make_item()
    with pytest.raises(UploadRejected, match=reason):
        services.attachment_add(item=item, actor=clerk, upload=SimpleUploadedFile(name, content))
    assert not Attachment.objects.exists()


def test_an_oversized_upload_is_refused(settings, make_item, clerk):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024 * 1024
    item = make_item()
    big = SimpleUploadedFile("大文件.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(UploadRejected, match="超过了每个文件 1 MB 的上限"):
        services.attachment_add(item=item, actor=clerk, upload=big)


def test_the_upload_page_shows_the_error_in_chinese(client, make_item, clerk):
    item = make_item()
    client.force_login(clerk)
    response = client.post(
        reverse("catalog:attachment_upload", args=[item.pk]),
        {"file": SimpleUploadedFile("假的.pdf", b"not a pdf")},
        follow=True,
    )
    assert "内容与扩展名不符" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_attachment_is_public_only_with_its_published_item(client, make_item, clerk, publish):
    item = make_item()
    attachment = services.attachment_add(
        item=item, actor=clerk, upload=SimpleUploadedFile("通报.pdf", PDF)
    )
    url = reverse("catalog:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 403
    publish(item)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
