"""Where applicants' files are kept: outside MEDIA_ROOT, under generated names.

No web server alias can serve them; the only way out is the permission-checked attachment view.
"""

import uuid
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="gongkai.applications.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at GONGKAI_PRIVATE_DIR, read at each use (so a test's
    settings override reaches it), with no URL."""

    @property
    def base_location(self):
        return settings.GONGKAI_PRIVATE_DIR

    @property
    def location(self):
        return str(settings.GONGKAI_PRIVATE_DIR)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("申请人的文件不提供公开地址，请通过案件页面下载。")


def attachment_path(instance, filename: str) -> str:
    """A generated name: neither the applicant's file name nor the (guessable) tracking
    number appears on disk; the original name is kept in `Attachment.name`."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"applications/{instance.application.year}/{uuid.uuid4().hex}{suffix}"


def remove_files(names: list[str]) -> None:
    """Delete stored files (those of an intake that failed, those of a purge)."""
    storage = PrivateStorage()
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


@contextmanager
def removed_on_failure():
    """Collect the names of files written inside; if the block fails, delete them (a rolled
    back transaction keeps no row, but the files would stay on disk)."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        remove_files(written)
        raise
