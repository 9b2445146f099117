"""Random, Unicode, NUL, over-long and malformed values in every public form and query
parameter (and the staff filters): never a server error, never a half-written record, never a
file left behind. Runs on SQLite and on PostgreSQL, which refuses NULs and over-long values
where SQLite stores them.

Each example runs in a savepoint that is rolled back, so they all meet the same records.
"""

from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.accounts.models import LoginFailure
from gongkai.applications.models import Application, ApplicationEvent, Attachment

from . import world as world_module

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What an attacker, a confused browser or a paste from a word processor sends.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\x1b[31m红\x1b[0m",
        "'; DROP TABLE applications_application; --",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "%00",
        "../../etc/passwd",
        "-1",
        "0",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "2026-02-30",
        "0000-00-00",
        "\u202e\u0645\u0631\u062d\u0628\u0627",
        "🙂" * 300,
        "\u3000" * 5,
        "司法" * 2000,
        "AND OR NOT ( ) [ ] { } : ^ ~ * ? \\ /",
        'title:"unterminated',
    ]
)
TEXT = st.one_of(
    NASTY,
    st.text(max_size=60),
    st.text(min_size=201, max_size=1200),
    st.integers().map(str),
)
NAMES = st.one_of(
    st.sampled_from(["附件.pdf", "a.PDF", ".pdf", "noextension", "x.exe", "身份证.jpg", "a.txt"]),
    st.text(min_size=1, max_size=300).map(lambda s: s + ".pdf"),
)
CONTENTS = st.one_of(
    st.just(world_module.PDF),
    st.binary(max_size=600),
    st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
    st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
    st.text(max_size=200).map(lambda s: s.encode("utf-8")),
)


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def stored_files(media: Path) -> set[str]:
    if not media.exists():
        return set()
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(media, agency, clerk, division_head, legal_reviewer, leader, other_agency):
    return world_module.build(
        agency=agency,
        elsewhere=other_agency,
        clerk=clerk,
        division_head=division_head,
        legal_reviewer=legal_reviewer,
        leader=leader,
    )


def assert_no_server_error(response):
    # The test client re-raises a view's exception, so a crash fails the test before this.
    assert response.status_code < 500, response.status_code


# -- the public application form --------------------------------------------------------

APPLY_FIELDS = [*world_module.APPLICANT, "organization", "consent", "submission_token"]


@EXAMPLES
@given(
    changes=st.dictionaries(st.sampled_from(APPLY_FIELDS), TEXT, max_size=4),
    files=st.lists(st.tuples(NAMES, CONTENTS), max_size=3),
)
def test_the_application_form_answers_anything_without_error_or_half_written_case(
    client, site, private_files, changes, files
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # Applicants' files are stored in the private directory, outside MEDIA_ROOT.
    media = private_files
    before_files = stored_files(media)
    with rolled_back():
        applications = set(Application.objects.values_list("pk", flat=True))
        data = {
            **world_module.APPLICANT,
            "organization": site.agency.pk,
            "consent": "on",
            **changes,
        }
        data["attachments"] = [SimpleUploadedFile(name, content) for name, content in files]
        response = client.post(reverse("applications:apply"), data)
        assert_no_server_error(response)
        new = Application.objects.exclude(pk__in=applications)
        if response.status_code == 302 and new.exists():
            app = new.get()
            assert ApplicationEvent.objects.filter(application=app, kind="intake").count() == 1
            names = {a.file.name for a in Attachment.objects.filter(application=app)}
            assert stored_files(media) - before_files == names
        else:
            assert not new.exists()
            assert stored_files(media) == before_files, "a refused upload left its file"
    # The rolled-back case's files go with it (they are the test's, not the site's, concern).
    for name in stored_files(media) - before_files:
        (media / name).unlink()


@EXAMPLES
@given(name=NAMES, content=CONTENTS)
def test_a_draft_attachment_upload_keeps_exactly_the_files_it_accepts(
    client, site, clerk, media, name, content
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.catalog.models import Attachment as ItemAttachment

    client.force_login(clerk)
    before_files = stored_files(media)
    with rolled_back():
        before = set(ItemAttachment.objects.values_list("pk", flat=True))
        response = client.post(
            reverse("catalog:attachment_upload", args=[site.draft.pk]),
            {"file": SimpleUploadedFile(name, content)},
        )
        assert_no_server_error(response)
        new = ItemAttachment.objects.exclude(pk__in=before)
        assert stored_files(media) - before_files == {a.file.name for a in new}
    for stored in stored_files(media) - before_files:
        (media / stored).unlink()


# -- the public lookups and pages ---------------------------------------------------------


@EXAMPLES
@given(tracking=TEXT, code=TEXT)
def test_the_status_lookup_answers_anything_without_error(client, site, tracking, code):
    with rolled_back():
        response = client.post(
            reverse("applications:apply_status"), {"tracking_number": tracking, "query_code": code}
        )
        assert_no_server_error(response)
        assert "application" not in response.context or response.context["application"] is None


PUBLIC_GET = ["catalog:search", "catalog:browse", "catalog:annual_reports", "catalog:guide"]
QUERY_KEYS = ["q", "org", "topic", "category", "year", "validity", "page", "sort"]


@EXAMPLES
@given(
    name=st.sampled_from(PUBLIC_GET),
    params=st.dictionaries(st.one_of(st.sampled_from(QUERY_KEYS), TEXT), TEXT, max_size=4),
)
def test_public_pages_answer_any_query_string_without_error(client, site, name, params):
    with rolled_back():
        assert_no_server_error(client.get(reverse(name), params))


@EXAMPLES
@given(code=TEXT.filter(lambda s: s and "/" not in s), pk=st.integers(min_value=0))
def test_addresses_with_made_up_codes_and_numbers_are_not_found_not_errors(client, site, code, pk):
    with rolled_back():
        from django.urls import NoReverseMatch

        try:
            url = reverse("catalog:guide_org", kwargs={"code": code})
        except NoReverseMatch:
            url = None
        if url:
            assert client.get(url).status_code in (200, 400, 404)
        for name in ("catalog:item", "catalog:attachment"):
            assert client.get(reverse(name, kwargs={"pk": pk})).status_code in (200, 400, 404, 410)


@EXAMPLES
@given(username=TEXT, password=TEXT)
def test_the_login_form_answers_anything_without_error(site, username, password):
    with rolled_back():
        failures = LoginFailure.objects.count()
        response = Client().post(
            reverse("accounts:login"), {"username": username, "password": password}
        )
        assert_no_server_error(response)
        assert response.status_code != 302, "signed in with a made-up name and password"
        assert LoginFailure.objects.count() <= failures + 1


# -- the staff filters and the small forms that were 500s on PostgreSQL -----------------------

STAFF_GET = [
    "catalog:staff_list",
    "applications:inbox",
    "catalog:normative_lookup",
    "catalog:review_queue",
    "applications:notifications",
    "analytics:overview",
    "reports:import_list",
    "reports:compare",
    "workdays:calendar",
]
STAFF_KEYS = [*QUERY_KEYS, "status", "who", "channel", "due", "outcome", "applicant_kind"]


@EXAMPLES
@given(
    name=st.sampled_from(STAFF_GET),
    params=st.dictionaries(st.one_of(st.sampled_from(STAFF_KEYS), TEXT), TEXT, max_size=4),
)
def test_staff_lists_answer_any_filter_without_error(client, site, clerk, name, params):
    client.force_login(clerk)
    with rolled_back():
        assert_no_server_error(client.get(reverse(name), params))


@EXAMPLES
@given(
    params=st.dictionaries(st.sampled_from(["org", "next", "page"]), TEXT, max_size=2),
    name=st.sampled_from(["catalog:guide_edit", "catalog:review_chain", "accounts:audit"]),
)
def test_configuration_pages_answer_any_organization_code_without_error(
    client, site, admin_user, params, name
):
    client.force_login(admin_user)
    with rolled_back():
        assert_no_server_error(client.get(reverse(name), params))


@EXAMPLES
@given(
    op=st.one_of(st.sampled_from(["add", "rename", "activate", "deactivate", "delete"]), TEXT),
    kind=st.one_of(st.sampled_from(["topic", "category"]), TEXT),
    pk=st.one_of(st.integers().map(str), TEXT),
    name=TEXT,
    code=TEXT,
)
def test_vocabulary_changes_answer_anything_without_error_or_partial_change(
    site, agency, op, kind, pk, name, code
):
    from gongkai.accounts.models import Role
    from gongkai.catalog.models import Category, Topic
    from gongkai.conftest import make_staff

    with rolled_back():
        # The office's leader is the only top-level one here (no outsider's agency).
        from gongkai.accounts.models import Organization

        Organization.objects.filter(parent__isnull=True).exclude(pk=agency.pk).delete()
        leader = make_staff("vocab-leader", agency, Role.LEADER)
        client = Client()
        client.force_login(leader)
        before = sorted(Topic.objects.values_list("pk", "name", "code", "is_active")) + sorted(
            Category.objects.values_list("pk", "name", "code", "is_active")
        )
        response = client.post(
            reverse("catalog:vocabularies"),
            {"op": op, "kind": kind, "pk": pk, "name": name, f"{kind}-name": name, "code": code},
        )
        assert_no_server_error(response)
        after = sorted(Topic.objects.values_list("pk", "name", "code", "is_active")) + sorted(
            Category.objects.values_list("pk", "name", "code", "is_active")
        )
        if response.status_code != 302:
            assert after == before


# -- every staff form, by the fields its page shows ----------------------------------------


class FormDefaults(HTMLParser):
    """The values a page's forms would post untouched: inputs' values, checked boxes, the
    selected (or first) option of each select, textareas' text. The header's search is left
    out."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and name not in ("csrfmiddlewaretoken", "q"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a or name not in self.values:
                    self.values[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in self.values or "selected" in a:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_defaults(page: str) -> dict[str, str]:
    parser = FormDefaults()
    parser.feed(page)
    return parser.values


def _posting_rows():
    from .access import ACCESS, ANONYMOUS

    for name, row in sorted(ACCESS.items()):
        if row.post and name != "accounts:login":
            # Someone whom the rules let save here (not one told "not yours to change").
            persona = sorted(p for p in row.post - row.refused if p != ANONYMOUS)
            if persona:
                yield pytest.param(name, row, persona[0], id=name)


@pytest.mark.parametrize("name, row, persona", list(_posting_rows()))
def test_every_staff_form_answers_anything_without_error(request, client, site, name, row, persona):
    client.force_login(request.getfixturevalue(persona))
    url = reverse(name, kwargs=row.args(site))
    # What the page itself would post (so the hostile values reach the save, not only the
    # "required" check), then the row's valid post.
    base = form_defaults(client.get(url).content.decode()) if row.get else {}
    base.update(row.data(site) if row.data else {})
    fields = set(base)
    assert fields or not row.get, f"{url}: no form fields found"

    @EXAMPLES
    @given(
        values=st.dictionaries(
            st.sampled_from(sorted(fields) or ["x"]), TEXT, min_size=1, max_size=6
        )
    )
    def post_anything(values):
        with rolled_back():
            assert_no_server_error(client.post(url, {**base, **values}))

    post_anything()
