"""Full-text search over published items: an embedded tantivy index derived from the database.

- `engine`: the index (schema, opening, documents) and the single writer;
- `sync`: the pending-changes table applied after commit, and the full rebuild;
- `query`: the search function the portal calls (ranking, filters, re-check, snippets).
"""

from .query import MAX_QUERY_CHARS, SearchError, SearchResults, search  # noqa: F401
from .sync import apply_pending, enqueue, rebuild  # noqa: F401
