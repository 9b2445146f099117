import pytest
from django.test import Client

from gongkai.analytics import services

BROWSER = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
VISITOR_IP = "203.0.113.77"


@pytest.fixture(autouse=True)
def _fresh_process_state():
    # The salt and the digests already written live in memory between requests; tests roll
    # the database back, so start each one from nothing.
    services.forget_process_state()
    yield
    services.forget_process_state()


@pytest.fixture
def browser(db) -> Client:
    """A member of the public on a phone (the Django test client sends no User-Agent)."""
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=VISITOR_IP)
