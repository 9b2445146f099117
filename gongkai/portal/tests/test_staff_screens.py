"""Staff pages on a phone and a desktop: no sideways scrolling, lists as cards, and axe-core's
accessibility rules with no serious or critical violation. Screenshots go to var/screenshots/."""

from datetime import date
from pathlib import Path

import pytest

from gongkai.accounts import audit
from gongkai.applications.models import Channel, ReceiptBasis
from gongkai.applications.services import application_intake
from gongkai.applications.tests.conftest import APPLICANT
from gongkai.conftest import PASSWORD
from gongkai.portal.tests.test_browser import browser, pytestmark  # noqa: F401 (fixture, marks)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
EXAMPLES = Path(__file__).resolve().parents[4] / "shared" / "examples" / "reports"


@pytest.fixture
def office(agency, clerk, admin_user):
    for n in range(3):
        application_intake(
            organization=agency,
            data={
                **APPLICANT,
                "applicant_name": f"申请人{n}",
                "description": "很长的申请内容" * 20,
            },
            channel=Channel.ONLINE,
            submitted_on=date(2026, 11, 2),
            received_on=date(2026, 11, 2),
            receipt_basis=ReceiptBasis.SUBMITTED,
            actor=clerk,
        )
    audit.record("accounts.login", clerk, actor=clerk, changes={"username": "clerk"})
    # A published report of another agency, imported: its review page has wide tables.
    from gongkai.reports import services as reports

    text = (EXAMPLES / "01.txt").read_text(encoding="utf-8")
    imported = reports.report_import(owner=agency, text=text, source_name="01", actor=clerk)
    agency.imported_pk = imported.pk
    return agency


def _login(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    assert page.url == f"{base}/staff/", page.locator("main").inner_text()


def _serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


SCREENS = [
    ("clerk", "/staff/", "dashboard"),
    ("clerk", "/staff/applications/", "applications"),
    ("clerk", "/staff/catalog/", "catalog"),
    ("clerk", "/staff/catalog/review/", "review-queue"),
    ("clerk", "/staff/reports/imports/{imported}/", "import-review"),
    ("sysadmin", "/staff/audit/", "audit-log"),
    ("sysadmin", "/staff/people/", "staff"),
]


@pytest.mark.parametrize(("viewport", "size"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_staff_pages_fit_the_screen_and_pass_the_accessibility_rules(
    browser,  # noqa: F811
    live_server,
    office,
    viewport,
    size,
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for username in ("clerk", "sysadmin"):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        _login(page, live_server.url, username)
        for who, path, name in SCREENS:
            if who != username:
                continue
            path = path.format(imported=office.imported_pk)
            page.goto(f"{live_server.url}{path}")
            page.screenshot(path=str(SHOTS / f"staff-{name}-{size}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            found = _serious_violations(page)
            if overflow > 0 or found:
                problems[path] = {"overflow_px": overflow, "axe": found}
        context.close()
    assert problems == {}


def test_on_a_phone_the_applications_list_is_cards_with_labels(browser, live_server, office):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _login(page, live_server.url, "clerk")
    page.goto(f"{live_server.url}/staff/applications/?who=all")
    assert (
        not page.locator("table.cards thead").is_visible()
        or page.evaluate("getComputedStyle(document.querySelector('table.cards thead')).position")
        == "absolute"
    )
    card = page.locator("table.cards tbody tr").first
    # One card is about as wide as the screen, and each line names its field.
    box = card.bounding_box()
    assert box["width"] > PHONE["width"] * 0.8
    label = page.evaluate(
        "getComputedStyle(document.querySelector('table.cards td[data-label=\"状态\"]'), '::before').content"
    )
    assert label == '"状态"'
    # Filtering keeps the filters open; without a filter they are folded away until asked for.
    assert page.locator("details.filter-fold form").is_visible()
    page.goto(f"{live_server.url}/staff/applications/")
    assert not page.locator("details.filter-fold form").is_visible()
    page.click("details.filter-fold > summary")
    assert page.locator("details.filter-fold form").is_visible()
    context.close()


def test_on_a_desktop_the_lists_are_tables_with_each_heading_over_its_column(
    browser,  # noqa: F811
    live_server,
    office,
):
    for username, path in (
        ("clerk", "/staff/applications/?who=all"),
        ("sysadmin", "/staff/audit/"),
    ):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        _login(page, live_server.url, username)
        page.goto(f"{live_server.url}{path}")
        headings = page.locator("table.cards thead th")
        cells = page.locator("table.cards tbody tr").first.locator("td")
        assert headings.count() == cells.count() > 1, path
        for n in range(headings.count()):
            heading, cell = headings.nth(n).bounding_box(), cells.nth(n).bounding_box()
            # Same column: the same left edge, the heading above the row (a card grid put
            # the headings beside the rows, half a screen to their left).
            assert abs(heading["x"] - cell["x"]) < 1, (path, n)
            assert heading["y"] < cell["y"], (path, n)
        context.close()
