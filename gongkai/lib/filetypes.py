"""What a file is by its content (magic bytes), not by its name.

`sniff` names the kind a file's content shows; `kind_of_name` the kind its name claims. An
upload is what it says when the two agree. Kinds are the usual extension of the format.
"""

import codecs
import zipfile

# How much of the start of a file the checks read (the text check looks at all of it).
HEAD_BYTES = 8192

# Extension (lower case, no dot) → kind.
EXTENSIONS = {
    "pdf": "pdf",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "gif": "gif",
    "docx": "docx",
    "xlsx": "xlsx",
    "doc": "doc",
    "ofd": "ofd",
    "txt": "txt",
}

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    # The OLE2 compound file of Word 97–2003 (Excel and PowerPoint 97–2003 share it).
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
)
# Zip packages, told apart by the part that defines them.
_PACKAGE_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("OFD.xml", "ofd"))
_TEXT_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13, 27}


def kind_of_name(name: str) -> str | None:
    """The kind a file name's extension claims, or None when it is none known here."""
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return EXTENSIONS.get(base.rsplit(".", 1)[-1].lower()) if "." in base else None


def sniff(file) -> str | None:
    """The kind the content of `file` (a seekable binary file) shows, or None when unknown.

    Reads the start of the file, and a zip package's list of parts; leaves it at position 0.
    """
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _package_kind(file)
    return "txt" if _is_text(head) else None


def _package_kind(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        file.seek(0)
    return next((kind for part, kind in _PACKAGE_PARTS if part in names), None)


def _is_text(head: bytes) -> bool:
    """Plain text in UTF-8 or GB 18030 (the head may end inside a character)."""
    if not head or any(b in _TEXT_CONTROLS for b in head):
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def too_large_message(name: str, size: int, limit: int) -> str:
    """ "附件“x”大小为 20.01 MB，超过了 20 MB 的上限。": the size shown with as many decimals as it
    takes to differ from the limit (20.004 MB shown as "20.0 MB 超过 20 MB" read as a contradiction)."""
    limit_mb = limit / 1048576
    mb = size / 1048576
    shown = f"{size:,} 字节"
    for decimals in (1, 2, 3):
        text = f"{mb:.{decimals}f}"
        if float(text) > limit_mb:
            shown = f"{text} MB"
            break
    limit_text = f"{limit_mb:g} MB" if limit % 1048576 == 0 else f"{limit:,} 字节"
    return f"附件“{name}”大小为 {shown}，超过了每个文件 {limit_text} 的上限。"
