from collections import Counter
from io import StringIO

from django.core.management import call_command

from gongkai.applications.models import Application, ApplicationEvent, Status
from gongkai.applications.services import clock_for


def test_the_demo_loads_the_seed_offices_2018_caseload_and_open_cases_idempotently(db):
    call_command("demo", stdout=StringIO())
    events = ApplicationEvent.objects.count()
    call_command("demo", stdout=StringIO())
    assert ApplicationEvent.objects.count() == events

    year = Application.objects.filter(organization__code="shsfj", year=2018)
    assert year.count() == 263
    assert Counter(year.values_list("channel", flat=True)) == {
        "in_person": 97,
        "online": 118,
        "letter": 48,
    }
    legacy = Counter(year.values_list("legacy_outcome", flat=True))
    assert legacy["disclosed"] + legacy["partially_disclosed"] == 110
    assert {
        k: legacy[k]
        for k in (
            "not_exist",
            "other_channel",
            "not_our_authority",
            "correction_requested",
            "not_government_information",
        )
    } == {
        "not_exist": 95,
        "other_channel": 36,
        "not_our_authority": 10,
        "correction_requested": 7,
        "not_government_information": 5,
    }
    assert set(year.values_list("status", flat=True)) == {Status.ARCHIVED}
    # Every 2018 reply came within the 15 working days of the 2008 条例.
    for app in year.exclude(outcome="other.no_correction").prefetch_related("events")[:263]:
        clk = clock_for(app, events=list(app.events.all()))
        assert clk.summary == "按期办结", app.tracking_number
    assert min(year.values_list("received_on", flat=True)).month == 1
    assert max(year.values_list("received_on", flat=True)).month >= 11

    open_cases = Application.objects.open().exclude(year=2018)
    statuses = set(open_cases.values_list("status", flat=True))
    assert {"received", "accepted", "correction_requested", "consulting", "in_progress"} <= statuses
    assert Application.objects.overdue().exists()
