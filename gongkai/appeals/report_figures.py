"""What reviews and lawsuits contribute to the annual report: table 四 (found by name by the
reports engine; the legacy format's two rows are summed there)."""

from . import selectors


def figures(org_ids, year: int) -> dict:
    return {"appeals": selectors.year_figures(org_ids, year)}
