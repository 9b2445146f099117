"""Two clerks acting on the same case at once: one wins, the other is told, nothing is lost."""

import threading
import uuid
from datetime import date

import pytest
from django.db import connection, connections, transaction

from gongkai.accounts.models import Organization
from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationEvent, Status, TrackingCounter
from gongkai.applications.services import TransitionError

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises whole transactions, so row locks prove nothing there",
    ),
]


def run_in_threads(*targets):
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def wrap(i, target):
        try:
            barrier.wait()
            results[i] = target()
        except Exception as exc:  # collected and asserted on by the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrap, args=(i, t)) for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_competing_transitions_on_one_case_one_wins_and_the_other_is_refused(
    make_application, handler
):
    app = make_application(received_on=date(2026, 9, 25))
    services.application_accept(application=app, actor=handler, on=date(2026, 9, 28))

    def start():
        return services.application_start(
            application=Application.objects.get(pk=app.pk), actor=handler, on=date(2026, 9, 29)
        )

    def correct():
        return services.application_request_correction(
            application=Application.objects.get(pk=app.pk),
            actor=handler,
            on=date(2026, 9, 29),
            items="补充文号",
            correct_by=date(2026, 10, 30),
        )

    results = run_in_threads(start, correct, start)
    wins = [r for r in results if isinstance(r, Application)]
    losses = [r for r in results if isinstance(r, TransitionError)]
    assert len(wins) == 1 and len(losses) == 2, results
    app.refresh_from_db()
    assert app.status == wins[0].status
    assert app.status in {Status.IN_PROGRESS, Status.CORRECTION_REQUESTED}
    kinds = list(ApplicationEvent.objects.filter(application=app).values_list("kind", flat=True))
    assert kinds[:2] == ["intake", "accept"] and len(kinds) == 3


def test_concurrent_intakes_get_distinct_consecutive_tracking_numbers(make_application, agency):
    results = run_in_threads(*[make_application for _ in range(6)])
    assert all(isinstance(r, Application) for r in results), results
    numbers = sorted(r.tracking_number for r in results)
    assert numbers == [f"shsfj-2026-{n:06d}" for n in range(1, 7)]
    counter = TrackingCounter.objects.get(organization=Organization.objects.get(code="shsfj"))
    assert counter.last == 6


def test_a_transition_locks_the_case_row_but_not_its_organization(make_application, handler):
    """Locking the joined organization too would queue every case of the agency behind one."""
    app = make_application(received_on=date(2026, 9, 25))
    locked = threading.Event()
    release = threading.Event()

    def hold_the_case():
        # Inside the transition, after the row lock: wait until the other thread has tried.
        def check(a, day):
            locked.set()
            release.wait(10)

        return services._transition(
            services.EventKind.ACCEPT,
            application=Application.objects.get(pk=app.pk),
            actor=handler,
            on=date(2026, 9, 28),
            check=check,
        )

    def lock_the_organization():
        locked.wait(10)
        try:
            with transaction.atomic():
                org = Organization.objects.select_for_update(nowait=True).get(
                    pk=app.organization_id
                )
                return org.code
        finally:
            release.set()

    holder, other = run_in_threads(hold_the_case, lock_the_organization)
    assert isinstance(holder, Application), holder
    assert other == "shsfj", other


def test_one_form_posted_twice_at_once_registers_one_application(agency):
    from .test_apply_once import online

    token = uuid.uuid4()
    results = run_in_threads(lambda: online(agency, token), lambda: online(agency, token))
    assert sorted(type(r).__name__ for r in results) == ["AlreadySubmitted", "Application"], results
    assert Application.objects.get().submission_token == token


def test_a_transition_racing_a_transfer_gets_a_clear_conflict_not_a_500(
    make_application, clerk, other_agency
):
    """The clerk's page was loaded before the case moved to another agency."""
    import time

    app = make_application(received_on=date(2026, 9, 25))
    stale = Application.objects.get(pk=app.pk)
    locked = threading.Event()

    def transfer():
        with transaction.atomic():
            Application.objects.select_for_update().get(pk=app.pk)
            locked.set()
            time.sleep(0.5)  # the clerk's transition now waits for this row
            Application.objects.filter(pk=app.pk).update(organization=other_agency)
        return "moved"

    def accept():
        locked.wait(10)
        return services.application_accept(application=stale, actor=clerk, on=date(2026, 9, 28))

    moved, refused = run_in_threads(transfer, accept)
    assert moved == "moved", moved
    assert isinstance(refused, TransitionError), refused
    assert "刚刚已转交“上海市民政局”办理" in str(refused)
    app.refresh_from_db()
    assert app.status == Status.RECEIVED


def test_two_leaders_signing_one_reply_at_once_sign_it_once(
    make_application, clerk, division_head, agency
):
    from gongkai.accounts.models import Role
    from gongkai.applications import signoff
    from gongkai.applications.models import EventKind, SignoffKind, SignoffRequest
    from gongkai.conftest import make_staff

    app = make_application(received_on=date(2026, 9, 25))
    services.application_accept(application=app, actor=clerk, on=date(2026, 9, 28))
    draft = signoff.signoff_submit(
        application=app, actor=clerk, kind=SignoffKind.REPLY, outcome="disclosed"
    )
    signoff.signoff_approve(request=draft, actor=division_head)
    leaders = [make_staff(f"leader{i}", agency, Role.LEADER) for i in range(2)]

    def sign(leader):
        return lambda: signoff.signoff_approve(
            request=SignoffRequest.objects.get(pk=draft.pk), actor=leader
        )

    results = run_in_threads(*[sign(leader) for leader in leaders])
    assert sorted(type(r).__name__ for r in results) == ["SignoffRequest", "TransitionError"], (
        results
    )
    assert app.events.filter(kind=EventKind.REPLY).count() == 1
    app.refresh_from_db()
    assert app.status == Status.REPLIED


def test_a_signature_racing_a_return_of_the_same_draft_one_wins_and_the_timeline_says_which(
    make_application, clerk, division_head, agency
):
    from gongkai.accounts.models import Role
    from gongkai.applications import signoff
    from gongkai.applications.models import EventKind, SignoffKind, SignoffRequest
    from gongkai.conftest import make_staff

    app = make_application(received_on=date(2026, 9, 25))
    services.application_accept(application=app, actor=clerk, on=date(2026, 9, 28))
    draft = signoff.signoff_submit(
        application=app, actor=clerk, kind=SignoffKind.REPLY, outcome="disclosed"
    )
    signoff.signoff_approve(request=draft, actor=division_head)
    signer, returner = (make_staff(f"leader{i}", agency, Role.LEADER) for i in range(2))

    def sign():
        return signoff.signoff_approve(
            request=SignoffRequest.objects.get(pk=draft.pk), actor=signer
        )

    def send_back():
        return signoff.signoff_return(
            request=SignoffRequest.objects.get(pk=draft.pk), actor=returner, comment="依据写得不全"
        )

    results = run_in_threads(sign, send_back)
    kinds = sorted(type(r).__name__ for r in results)
    assert kinds == ["SignoffRequest", "TransitionError"], results
    loser = next(r for r in results if isinstance(r, TransitionError))
    assert str(loser)  # a Chinese conflict message, not a server error
    app.refresh_from_db()
    signed = app.events.filter(kind=EventKind.REPLY).exists()
    returned = app.events.filter(kind=EventKind.SIGNOFF_RETURN).exists()
    # Exactly one of the two happened, and the timeline shows that one only.
    assert signed != returned
    assert app.status == (Status.REPLIED if signed else Status.ACCEPTED)
