"""The query planner's statistics, refreshed after loads that change a table's size at once.

SQLite plans without statistics until ANALYZE runs, assuming every table is large and every
index equally selective: with the demo's 110,000-item back catalog it drove "guides of the
user's organizations" from the 110,000 items instead of the 12 guides (77 ms instead of 1 ms).
PostgreSQL's autovacuum analyzes on its own, but only some time after a bulk load.
"""

from django.db import connection


def refresh_statistics() -> None:
    """ANALYZE every table: a plan joins tables, and an unanalyzed one looks large to SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Statistics from a sample of each index (as PostgreSQL samples), not a full read.
            cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute("ANALYZE")
