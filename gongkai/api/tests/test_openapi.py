"""schemathesis against our own OpenAPI document, through the WSGI app: every operation, with
generated valid and invalid input, answers without a server error and as the document says."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gongkai.api.services import api_token_create

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


from gongkai.wsgi import application  # noqa: E402  (pytest-django has set Django up by now)

# Loaded once, at collection, through the app itself: the document is what the app serves.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_connection():
    """Calls straight into the WSGI app would close the test's database connection at the end
    of each request; Django's own test client holds these signals off the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(published, clerk):
    _, secret = api_token_create(user=clerk, name="schemathesis")
    return secret


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, token, keep_connection):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


def test_the_document_describes_every_route():
    from gongkai.api.api import api

    document = api.get_openapi_schema()
    operations = {
        (path, method) for path, methods in document["paths"].items() for method in methods
    }
    assert operations == {
        ("/api/v1/organizations", "get"),
        ("/api/v1/items", "get"),
        ("/api/v1/items/search", "get"),
        ("/api/v1/items/{item_id}", "get"),
        ("/api/v1/reports", "get"),
        ("/api/v1/reports/{report_id}/statistics", "get"),
        ("/api/v1/reports/computed/{report_id}/statistics", "get"),
        ("/api/v1/applications", "post"),
        ("/api/v1/applications/status", "post"),
        ("/api/v1/staff/applications", "get"),
        ("/api/v1/staff/applications/{application_id}", "get"),
        ("/api/v1/staff/applications/{application_id}/{transition}", "post"),
    }
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert operation.get("summary"), (path, method)
            assert operation["responses"], (path, method)
