"""Full-text search over the catalog (the public finds published items, staff also drafts and
items in review, within their scope): an index derived from the database, either embedded
(tantivy, the default) or shared by every app server (PostgreSQL with RUM), chosen by
GONGKAI_SEARCH_BACKEND; one query parser, filters, re-check and result page for both.

- `engine`: the index (schema, opening, documents) and the single writer;
- `sync`: the pending-changes table applied after commit, and the full rebuild;
- `query`: the search function the portal calls (ranking, filters, re-check, snippets) and
  the staff list's `staff_matches`;
- `pg`: the PostgreSQL backend's table, writer and ranking.
"""

from .query import MAX_QUERY_CHARS, SearchError, SearchResults, search, staff_matches  # noqa: F401
from .sync import apply_pending, backend, enqueue, needs_rebuild, rebuild  # noqa: F401
