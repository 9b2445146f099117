"""The statistics document of an organization and a year, computed from the records.

Each domain app that holds figures of the report provides `<app>/report_figures.py` with
``figures(org_ids, year) -> dict`` in annual-stats.md keys (and may provide ``drilldown(org_ids,
year, path, column)`` returning the records behind a figure). The engine merges what the sources
give, keeps what the chosen format prints, and lays the figures staff entered by hand on top
(report-sources.md: an entered figure is never overwritten by a computation). A source that is
not installed leaves its figures absent — "not recorded", never a zero. A source may also provide
``changed_since(org_ids, year, since) -> bool``: whether a record it counts for the year changed
after `since` (a few indexed EXISTS, far cheaper than computing the figures again).
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.lib.discovery import app_modules

from .. import statistics

FORMATS = ("2021", "2019", "legacy")

# Figures no gongkai record holds: staff enter them per year (report-sources.md), by format.
ENTERED_PATHS: dict[str, list[str]] = {
    "2021": [
        "proactive.regulations.issued",
        "proactive.regulations.repealed",
        "proactive.regulations.in_force",
        "proactive.administrative_licensing.decisions",
        "proactive.administrative_penalty.decisions",
        "proactive.administrative_coercion.decisions",
        "proactive.administrative_fees.amount_10k_yuan",
    ],
    "2019": [
        "proactive.regulations.new_made",
        "proactive.regulations.new_published",
        "proactive.regulations.published_total",
        *(
            f"proactive.{row}.{col}"
            for row in (
                "administrative_licensing",
                "other_services",
                "administrative_penalty",
                "administrative_coercion",
            )
            for col in ("items_last_year", "items_change", "decisions")
        ),
        "proactive.administrative_fees.items_last_year",
        "proactive.administrative_fees.items_change",
        "proactive.government_procurement.projects",
        "proactive.government_procurement.amount_10k_yuan",
    ],
    "legacy": [],
}

_PROACTIVE_COLUMNS = {
    "2021": ("issued", "repealed", "in_force"),
    "2019": ("new_made", "new_published", "published_total"),
}
_TABLE_THREE_ROWS = ("new", "carried_in", "outcomes", "carried_out")
_LEGACY_APPLICATIONS = ("received_total", "by_channel", "legacy_outcomes")
_LITIGATION = ("litigation_direct", "litigation_after_review")


def scope_ids(organization: Organization, *, subtree: bool = False) -> set[int]:
    """The organizations a report covers: the organ with its internal divisions (they act in its
    name), or for a supervisor's sum the whole sub-tree below it."""
    if subtree:
        return Organization.objects.subtree_ids(organization)
    return Organization.objects.filter(kind=OrganizationKind.DIVISION).subtree_ids(organization)


def _merge(into: dict, other: dict) -> None:
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def source_figures(org_ids, year: int) -> dict:
    """Everything the installed sources know about `year`, merged (every format's keys)."""
    merged: dict = {}
    for module in app_modules("report_figures"):
        _merge(merged, module.figures(org_ids, year))
    return merged


def _sum_groups(*groups: dict) -> dict:
    keys = [k for k in statistics.APPEAL_RESULT_KEYS if any(k in g for g in groups)]
    return {k: sum(g.get(k, 0) for g in groups) for k in keys}


def project(figures: dict, fmt: str) -> dict:
    """Keep of `figures` what a report of format `fmt` prints (and the prose figures)."""
    doc: dict = {}
    proactive = figures.get("proactive", {})
    kept: dict = {k: proactive[k] for k in ("items_total", "items_new") if k in proactive}
    if fmt in _PROACTIVE_COLUMNS:
        for row in ("regulations", "normative_documents"):
            columns = {
                c: v for c, v in proactive.get(row, {}).items() if c in _PROACTIVE_COLUMNS[fmt]
            }
            if columns:
                kept[row] = columns
    if kept:
        doc["proactive"] = kept
    applications = figures.get("applications", {})
    if fmt == "legacy":
        apps = {k: applications[k] for k in _LEGACY_APPLICATIONS if k in applications}
    else:
        apps = {k: applications[k] for k in _TABLE_THREE_ROWS if k in applications}
        if "by_channel" in applications:  # a prose figure, recorded whatever the format
            apps["by_channel"] = applications["by_channel"]
        if fmt == "2019" and "other" in apps.get("outcomes", {}):
            outcomes = dict(apps["outcomes"])
            others = outcomes.pop("other").values()
            outcomes["other"] = {
                "all": {c: sum(row.get(c, 0) for row in others) for c in statistics.COLUMN_KEYS}
            }
            apps["outcomes"] = outcomes
    if apps:
        doc["applications"] = apps
    appeals = figures.get("appeals", {})
    if appeals:
        if fmt == "legacy":
            legacy = {"review": appeals["review"]} if "review" in appeals else {}
            if any(g in appeals for g in _LITIGATION):
                legacy["litigation"] = _sum_groups(*(appeals.get(g, {}) for g in _LITIGATION))
            elif "litigation" in appeals:
                legacy["litigation"] = appeals["litigation"]
            doc["appeals"] = legacy
        else:
            doc["appeals"] = {k: v for k, v in appeals.items() if k != "litigation"}
    for key in ("consultations", "fees_yuan", "column_visits", "unkeyed"):
        if key in figures:
            doc[key] = figures[key]
    return doc


def compute(
    organization: Organization,
    year: int,
    fmt: str,
    *,
    subtree: bool = False,
    entered: dict | None = None,
) -> dict:
    """The statistics document (gongkai/annual-stats@1) of `organization` for `year`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format: {fmt}")
    doc = project(source_figures(scope_ids(organization, subtree=subtree), year), fmt)
    for path, value in (entered or {}).items():
        if value is None or path not in ENTERED_PATHS[fmt]:
            continue
        node = doc
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    header = {
        "schema": statistics.SCHEMA,
        "organization": organization.name,
        "year": year,
        "format": fmt,
    }
    # with_values puts every statistic in the schema's order (and keeps "unkeyed").
    return statistics.with_values({**header, **doc}, statistics.flatten(doc))


def drilldown(organization: Organization, year: int, path: str, column: str, *, subtree=False):
    """The records behind one figure (a queryset), from the source that counted it, or None."""
    ids = scope_ids(organization, subtree=subtree)
    for module in app_modules("report_figures"):
        finder = getattr(module, "drilldown", None)
        records = finder(ids, year, path, column) if finder else None
        if isinstance(records, QuerySet):
            return records
    return None


def record_link(record, user) -> str | None:
    """Where a drill-down record opens for `user`: its source's `link(record, user)` when the
    source has one (a page not everyone reading the report may open), else its own page."""
    for module in app_modules("report_figures"):
        if module.__name__.split(".")[-2] == record._meta.app_label and hasattr(module, "link"):
            return module.link(record, user)
    own = getattr(record, "get_absolute_url", None)
    return own() if own else None


def records_changed_since(report) -> bool:
    """Whether a record behind `report`'s figures changed after they were computed."""
    if report.computed_at is None:
        return True
    ids = scope_ids(report.organization, subtree=report.subtree)
    return any(
        module.changed_since(ids, report.year, report.computed_at)
        for module in app_modules("report_figures")
        if hasattr(module, "changed_since")
    )
