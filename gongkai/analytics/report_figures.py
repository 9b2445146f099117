"""What visit analytics contribute to the annual report: 政府信息公开专栏访问量 of the year.

Found by the reports engine by name. The column of a set of organizations is their own pages;
the site-wide pages (home, guide, search) belong to the agency that runs the site.
"""

from .scope import Scope, site_owner_id
from .selectors import section_ranking, visits_total, year_bounds


def figures(org_ids, year: int) -> dict:
    """The column's visits of the year, and its five most visited sections (for the text)."""
    ids = frozenset(org_ids)
    start, end = year_bounds(year)
    scope = Scope(ids, unattributed=site_owner_id() in ids)
    ranking = section_ranking(start=start, end=end, scope=scope, limit=5, columns_only=True)
    return {
        "column_visits": visits_total(start=start, end=end, scope=scope),
        "unkeyed": {"column_ranking": [r["section"] for r in ranking]},
    }
