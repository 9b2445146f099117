import pytest

from gongkai.workdays import calendar


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """Each test sees its own database's schedule, not a cache left by another test."""
    calendar.invalidate()
    yield
    calendar.invalidate()
