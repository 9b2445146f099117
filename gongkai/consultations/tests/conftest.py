import pytest

from gongkai.applications.tests.conftest import at, make_application, today  # noqa: F401
from gongkai.consultations import search


@pytest.fixture(autouse=True)
def qa_index(settings, tmp_path):
    """Each test gets its own empty Q&A index."""
    settings.GONGKAI_QA_INDEX_DIR = tmp_path / "qa-index"
    search.forget_index()
    yield settings.GONGKAI_QA_INDEX_DIR
    search.forget_index()
