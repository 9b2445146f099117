"""What the applications contribute to the annual report (section 三 and the legacy figures).

The reports engine finds this module by name (`gongkai.lib.discovery.app_modules`). One GROUP BY
over the covering index `application_report_cover` reads every case that was received by
31 December and not closed before 1 January; the few hundred groups it returns are folded into
the table here. The same predicates, as Q objects, list the cases behind any cell (drill-down).

A case counts as new in the year it was received (第31条), its outcome in the year it was closed
(reply or 视为放弃), and it is carried over every 31 December it is still open, so rule 1 of the
national table (new + carried in = outcomes + carried out) holds by construction.
"""

from collections import Counter
from datetime import date

from django.db.models import Count, Q

from gongkai.catalog.models import Topic

from .fees import fee_figures
from .models import ApplicantKind, Application, Channel
from .outcomes import LEGACY_TOTALS, LegacyOutcome, Outcome

KINDS = tuple(ApplicantKind.values)


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _in_play(year: int) -> Q:
    """Received by the year's end and not closed before it began: every case the year's table
    counts somewhere (a case closed on or after its receipt needs no test on received_on)."""
    start, end = _bounds(year)
    return Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def _new(year: int) -> Q:
    start, end = _bounds(year)
    return Q(received_on__gte=start, received_on__lte=end)


def _carried_in(year: int) -> Q:
    start, _ = _bounds(year)
    return Q(received_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def _closed(year: int) -> Q:
    start, end = _bounds(year)
    return Q(closed_on__gte=start, closed_on__lte=end)


def _carried_out(year: int) -> Q:
    _, end = _bounds(year)
    return Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))


def _columns(counts: Counter) -> dict:
    row = {kind: counts.get(kind, 0) for kind in KINDS}
    row["total"] = sum(row.values())
    return row


def _put(tree: dict, leaf: str, row: dict) -> None:
    group, _, name = leaf.partition(".")
    if name:
        tree.setdefault(group, {})[name] = row
    else:
        tree[group] = row


def figures(org_ids, year: int) -> dict:
    """Section 三 (2021 rows, every leaf), the legacy figures and the topics of `year`."""
    start, end = _bounds(year)
    mine = Application.objects.filter(organization_id__in=org_ids)
    # Counting received_on (a NOT NULL key column), not the id: COUNT(id) would make PostgreSQL
    # visit the table, while every column read here is in the covering index.
    counts = {
        "new": Count("received_on", filter=Q(received_on__gte=start)),
        "carried_in": Count("received_on", filter=Q(received_on__lt=start)),
        "closed": Count("received_on", filter=Q(closed_on__lte=end)),
        "carried_out": Count(
            "received_on", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)
        ),
    }
    # Three range scans instead of one over the organization's whole history: the year's cases
    # on (organization, received_on, …), and the older ones still open at 1 January on
    # (organization, closed_on, …) — those closed since then, and those not closed at all.
    parts = [
        mine.filter(received_on__gte=start, received_on__lte=end),
        mine.filter(received_on__lt=start, closed_on__gte=start),
        mine.filter(received_on__lt=start, closed_on__isnull=True),
    ]
    grouped = [
        part.values_list("applicant_kind", "outcome", "legacy_outcome", "channel", "topic_id")
        .annotate(**counts)
        .order_by()
        for part in parts
    ]
    groups = grouped[0].union(*grouped[1:], all=True)
    new, carried_in, carried_out = Counter(), Counter(), Counter()
    by_outcome: dict[str, Counter] = {leaf: Counter() for leaf in Outcome.values}
    channels, legacy, topics = Counter(), Counter(), Counter()
    for kind, outcome, legacy_outcome, channel, topic_id, n_new, n_in, n_closed, n_out in groups:
        new[kind] += n_new
        carried_in[kind] += n_in
        carried_out[kind] += n_out
        if outcome and n_closed:
            by_outcome[outcome][kind] += n_closed
        channels[channel] += n_new
        topics[topic_id] += n_new
        if legacy_outcome and n_new:
            # Legacy reports state how the year's applications were answered (of the 263
            # received, 110 disclosed …): counted over the cases received in the year.
            legacy[LEGACY_TOTALS.get(legacy_outcome, legacy_outcome)] += n_new
    outcomes: dict = {}
    for leaf in Outcome.values:
        _put(outcomes, leaf, _columns(by_outcome[leaf]))
    outcomes["total"] = _columns(sum(by_outcome.values(), Counter()))
    received = sum(new.values())
    return {
        "applications": {
            "new": _columns(new),
            "carried_in": _columns(carried_in),
            "outcomes": outcomes,
            "carried_out": _columns(carried_out),
            "received_total": received,
            "by_channel": {
                key: channels[key] for key in Channel.values if channels[key] or _usual(key)
            },
            "legacy_outcomes": {key: n for key, n in legacy.items() if n},
        },
        # 依申请收费: the processing fees collected in the year (国办函〔2020〕109号), in 元.
        "fees_yuan": fee_figures(year=year, organization_ids=list(org_ids))["collected"],
        "unkeyed": {"application_topics": _topic_shares(topics)},
    }


def _usual(channel: str) -> bool:
    # 当面、网络、信函 are always printed (a zero is a fact); 传真 and 其他 only when used.
    return channel in (Channel.IN_PERSON, Channel.ONLINE, Channel.LETTER)


def _topic_shares(topics: Counter) -> list[dict]:
    names = dict(Topic.objects.filter(pk__in=[t for t in topics if t]).values_list("pk", "name"))
    rows = [
        {"topic": names.get(pk, "未分类") if pk else "未分类", "count": n}
        for pk, n in topics.items()
        if n
    ]
    return sorted(rows, key=lambda r: (-r["count"], r["topic"]))


# -- drill-down: the cases behind one cell ------------------------------------------------------
_LEGACY_MEMBERS = {
    "disclosed_or_partial": [LegacyOutcome.DISCLOSED, LegacyOutcome.PARTIALLY_DISCLOSED],
}


def _row_q(path: str, year: int) -> Q | None:
    if path == "applications.new" or path == "applications.received_total":
        return _new(year)
    if path == "applications.carried_in":
        return _carried_in(year)
    if path == "applications.carried_out":
        return _carried_out(year)
    if path.startswith("applications.by_channel."):
        return _new(year) & Q(channel=path.rsplit(".", 1)[1])
    if path.startswith("applications.legacy_outcomes."):
        key = path.rsplit(".", 1)[1]
        return _new(year) & Q(legacy_outcome__in=_LEGACY_MEMBERS.get(key, [key]))
    if path.startswith("applications.outcomes."):
        leaf = path.removeprefix("applications.outcomes.")
        if leaf == "total":
            return _closed(year)
        if leaf == "other.all":  # the 2019 table's single 其他处理 row
            return _closed(year) & Q(outcome__startswith="other.")
        if leaf in Outcome.values:
            return _closed(year) & Q(outcome=leaf)
        if any(value.startswith(f"{leaf}.") for value in Outcome.values):
            return _closed(year) & Q(outcome__startswith=f"{leaf}.")
    return None


def drilldown(org_ids, year: int, path: str, column: str = "total"):
    """The applications counted in the cell (`path`, `column`), or None if it is not ours."""
    column = column or "total"  # a figure outside table 三 has no applicant column
    q = _row_q(path, year)
    if q is None or (column != "total" and column not in KINDS):
        return None
    cases = Application.objects.filter(organization_id__in=org_ids).filter(q)
    if column != "total":
        cases = cases.filter(applicant_kind=column)
    return cases.select_related("organization").order_by("received_on", "pk")


def changed_since(org_ids, year: int, since) -> bool:
    """Whether a case the year may count was saved after `since` (every transition saves it).
    Cases received after the year cannot be counted in it."""
    _, end = _bounds(year)
    return Application.objects.filter(
        organization_id__in=org_ids, received_on__lte=end, updated_at__gt=since
    ).exists()
