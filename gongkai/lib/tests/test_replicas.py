"""The public portal reads from a replica; staff pages, writes and recent writers use the primary."""

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.lib import replicas

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="只读副本只支持 PostgreSQL（make test-postgres）"
    ),
    pytest.mark.django_db(databases=["default", "replica1"]),
]


@pytest.fixture(autouse=True)
def _close_replica():
    yield
    # Its own session on the test database would keep the database from being dropped.
    connections["replica1"].close()


@pytest.fixture
def with_replica(settings):
    settings.GONGKAI_READ_REPLICAS = ["replica1"]
    settings.GONGKAI_READ_YOUR_WRITES_SECONDS = 10


def _queries(client, method, url, **data):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        response = getattr(client, method)(url, data)
    return response, len(primary.captured_queries), len(replica.captured_queries)


def test_a_portal_page_reads_from_the_replica_and_a_staff_page_from_the_primary(
    with_replica, client, agency, clerk
):
    response, _, on_replica = _queries(client, "get", reverse("portal:home"))
    assert response.status_code == 200 and on_replica > 0
    client.force_login(clerk)
    response, on_primary, on_replica = _queries(client, "get", reverse("catalog:staff_list"))
    assert response.status_code == 200 and on_replica == 0 and on_primary > 0


def test_someone_who_has_just_written_reads_from_the_primary_for_a_while(
    with_replica, client, agency, time_machine
):
    time_machine.move_to("2026-03-16 10:00:00 +08:00", tick=False)
    # Any write (here a form posted to the portal, whatever its outcome) sets the marker.
    response, _, _ = _queries(client, "post", reverse("applications:apply"))
    assert replicas.COOKIE in response.cookies
    _, on_primary, on_replica = _queries(client, "get", reverse("portal:home"))
    assert on_replica == 0 and on_primary > 0
    time_machine.move_to("2026-03-16 10:00:11 +08:00", tick=False)
    _, _, on_replica = _queries(client, "get", reverse("portal:home"))
    assert on_replica > 0


def test_writes_and_migrations_go_to_the_primary_only(with_replica):
    router = replicas.ReplicaRouter()
    assert router.db_for_write(Item) == "default"
    assert router.allow_migrate("default", "catalog") and not router.allow_migrate(
        "replica1", "catalog"
    )


def test_without_replicas_every_read_is_the_primary(client, agency):
    response, on_primary, on_replica = _queries(client, "get", reverse("portal:home"))
    assert response.status_code == 200 and on_replica == 0 and on_primary > 0
