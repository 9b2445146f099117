"""Every URL of the site, for everyone: the table in access.py is what the site does.

Each persona's request runs in a savepoint rolled back afterwards, so every one of them meets
the same records in the same state.
"""

from urllib.parse import urlencode

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from . import world as world_module
from .access import ACCESS, ANONYMOUS, PERSONAS, TRANSITIONS, Row

DENIED, REFUSED, OK = "denied", "refused", "ok"


def url_names(patterns=None, namespace: str = "") -> set[str]:
    """Every named URL the resolver knows, as "namespace:name"."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"{pattern.pattern} has no name: name it and give it a row"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_of_the_site_has_a_row_in_the_access_table():
    names = url_names()
    missing = sorted(names - ACCESS.keys())
    assert not missing, (
        f"No row in gongkai/tests/access.py for {missing}: say who may open it and post to it."
    )
    assert not sorted(ACCESS.keys() - names), "rows for URLs that no longer exist"


@pytest.fixture
def world(settings, tmp_path, agency, other_agency, clerk, division_head, legal_reviewer, leader):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    return world_module.build(
        agency=agency,
        elsewhere=other_agency,
        clerk=clerk,
        division_head=division_head,
        legal_reviewer=legal_reviewer,
        leader=leader,
    )


def signed_in(request) -> dict[str, Client]:
    """persona → a client signed in as that persona (the anonymous one signed in as nobody)."""
    result = {}
    for persona in PERSONAS:
        client = Client()
        if persona != ANONYMOUS:
            client.force_login(request.getfixturevalue(persona))
        result[persona] = client
    return result


@pytest.fixture
def clients(request, world):
    return signed_in(request)


def outcome(response) -> str:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status in (401, 403, 404):  # 401: the API's answer without a token
        return DENIED
    if status == 302 and response["Location"].startswith(reverse("accounts:login")):
        return DENIED
    if status == 405:
        return "405"
    errors = [m for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]
    if status in (400, 409, 422) or errors:
        return REFUSED
    return OK


def expected(row_set, persona: str, row: Row) -> str:
    if persona not in row_set:
        return DENIED
    return REFUSED if persona in row.refused else OK


def walk(name: str, row: Row, world, clients) -> list[str]:
    """Differences between what the row says and what each persona meets."""
    url = reverse(name, kwargs=row.args(world))
    if row.query is not None:
        url += "?" + urlencode(row.query(world))
    differences = []
    for persona, client in clients.items():
        checks = [("GET", lambda c=client: c.get(url), row.get)]
        if row.post is not None:
            data = row.data(world) if row.data else {}
            checks.append(("POST", lambda c=client, d=data: c.post(url, d), row.post))
        for method, send, allowed in checks:
            with transaction.atomic():
                got = outcome(send())
                transaction.set_rollback(True)
            if allowed is None:
                # Signing in comes before the method: the anonymous are sent to the login page.
                signin = persona == ANONYMOUS and ANONYMOUS not in row.post and not row.public
                want = DENIED if signin else "405"
            elif row.data is None and method == "POST" and persona in allowed:
                # An empty post passes the permission check and is refused by the form.
                want = got if got in (OK, REFUSED) else "passes the permission check"
            else:
                want = expected(allowed, persona, row)
            if got != want:
                differences.append(f"{method} {url} as {persona}: {got}, expected {want}")
    return differences


# One world per section (the URL namespace), not per page: building the world is most of the
# walk's time, and each request runs in a rolled-back savepoint anyway.
SECTIONS = sorted({name.partition(":")[0] for name in ACCESS})


@pytest.mark.parametrize("section", SECTIONS)
def test_each_page_lets_in_exactly_the_people_its_row_names(section, world, request):
    differences = []
    for name in sorted(name for name in ACCESS if name.partition(":")[0] == section):
        # Fresh clients for each page: a message left by one page is not read as the next's.
        differences += walk(name, ACCESS[name], world, signed_in(request))
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("kind", sorted(TRANSITIONS))
def test_each_application_step_is_open_to_exactly_the_people_its_row_names(kind, world, clients):
    differences = walk("applications:transition", TRANSITIONS[kind], world, clients)
    assert not differences, "\n".join(differences)
