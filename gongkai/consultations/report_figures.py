"""What consultations contribute to the annual report: 政府信息公开咨询 by channel (found by
name by the reports engine)."""

from . import selectors


def figures(org_ids, year: int) -> dict:
    return {"consultations": selectors.year_figures(org_ids, year)}
