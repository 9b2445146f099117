"""Attachment checks: the content must be what the name says (magic bytes, not the extension)."""

from dataclasses import dataclass

from django.conf import settings

from gongkai.lib import filetypes

from .models import AttachmentKind

MAX_BYTES_DEFAULT = 20 * 1024 * 1024

_EXTENSIONS = {
    ".pdf": AttachmentKind.PDF,
    ".docx": AttachmentKind.DOCX,
    ".xlsx": AttachmentKind.XLSX,
    ".png": AttachmentKind.PNG,
    ".jpg": AttachmentKind.JPEG,
    ".jpeg": AttachmentKind.JPEG,
    ".gif": AttachmentKind.GIF,
}
ALLOWED_LABEL = "PDF、Word（.docx）、Excel（.xlsx）、PNG、JPEG、GIF"


class UploadRejected(ValueError):
    """A file that may not be attached; the message says why, in Chinese."""


@dataclass(frozen=True)
class CheckedUpload:
    kind: AttachmentKind
    name: str
    size: int


def max_bytes() -> int:
    return getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", MAX_BYTES_DEFAULT)


def sniff(upload) -> AttachmentKind | None:
    """The kind the file's content shows, or None when it is none we accept."""
    kind = filetypes.sniff(upload)
    return AttachmentKind(kind) if kind in AttachmentKind.values else None


def check(upload) -> CheckedUpload:
    """Accept `upload` (a Django UploadedFile) or raise UploadRejected with the reason."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].strip()
    if not name:
        raise UploadRejected("附件没有文件名。")
    if len(name) > 200:
        raise UploadRejected("附件文件名过长（不超过200个字符）。")
    if upload.size == 0:
        raise UploadRejected(f"附件“{name}”是空文件。")
    limit = max_bytes()
    if upload.size > limit:
        raise UploadRejected(filetypes.too_large_message(name, upload.size, limit))
    dot = name.rfind(".")
    expected = _EXTENSIONS.get(name[dot:].lower()) if dot >= 0 else None
    if expected is None:
        raise UploadRejected(f"不支持附件“{name}”的文件类型，只能上传 {ALLOWED_LABEL}。")
    actual = sniff(upload)
    if actual != expected:
        raise UploadRejected(
            f"附件“{name}”的内容与扩展名不符（不是有效的 {expected.label} 文件），请检查后重新上传。"
        )
    return CheckedUpload(kind=actual, name=name, size=upload.size)
