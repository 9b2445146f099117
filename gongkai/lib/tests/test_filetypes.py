"""Kinds by content: the magic bytes, the parts of a zip package, plain text."""

import io
import zipfile

import pytest

from gongkai.lib.filetypes import kind_of_name, sniff


def package(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for part in parts:
            z.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "gif"),
        (b"GIF87a\x01\x00\x01\x00", "gif"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "doc"),
        (package("[Content_Types].xml", "word/document.xml"), "docx"),
        (package("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        (package("OFD.xml", "Doc_0/Document.xml"), "ofd"),
        ("申请人身份证明说明\r\n第二行".encode(), "txt"),
        ("申请人身份证明说明".encode("gb18030"), "txt"),
        # A head cut inside a character is still text.
        ("政府信息".encode()[:-1], "txt"),
        (package("readme.txt"), None),
        (b"PK\x03\x04 not really a zip", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"", None),
    ],
)
def test_the_content_names_the_kind(content, kind):
    file = io.BytesIO(content)
    assert sniff(file) == kind
    assert file.tell() == 0


def test_a_long_file_is_judged_by_its_start():
    assert sniff(io.BytesIO(b"%PDF-1.4\n" + b"\x00" * 100_000)) == "pdf"
    assert sniff(io.BytesIO("文字".encode() * 10_000)) == "txt"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("身份证.PDF", "pdf"),
        ("photo.jpg", "jpeg"),
        ("photo.JPEG", "jpeg"),
        ("C:\\Users\\a\\申请.docx", "docx"),
        ("archive.tar.gz", None),
        ("no_extension", None),
        ("dir.pdf/file", None),
    ],
)
def test_the_name_claims_a_kind(name, kind):
    assert kind_of_name(name) == kind


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (20 * 1048576 + 4000, "20.004 MB"),  # 20.0 would read as not over 20
        (20 * 1048576 + 30000, "20.03 MB"),
        (25 * 1048576, "25.0 MB"),
        (20 * 1048576 + 1, "20,971,521 字节"),
    ],
)
def test_a_too_large_file_is_described_with_a_size_that_visibly_exceeds_the_limit(size, shown):
    from gongkai.lib.filetypes import too_large_message

    assert too_large_message("名单.pdf", size, 20 * 1048576) == (
        f"附件“名单.pdf”大小为 {shown}，超过了每个文件 20 MB 的上限。"
    )
