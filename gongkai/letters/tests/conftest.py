import io

import pytest

from gongkai.applications.tests.conftest import (  # noqa: F401 — shared fixtures
    APPLICANT,
    accepted,
    handler,
    in_progress,
    make_application,
    today,
)
from gongkai.portal.tests.test_browser import browser  # noqa: F401 — the shared browser fixture


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return text.replace("\r", "").replace("\n", "").replace(" ", "")


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")
