"""System check: warn while the search index waits to be rebuilt for a new layout."""

from django.core.checks import Error, Tags, Warning, register
from django.db import connection

from .search import sync

REBUILD_WARNING = "全文检索索引需要重建（升级或更换检索后端之后），重建之前检索不到任何信息。"
REBUILD_HINT = (
    "运行 `gongkai search rebuild`；或保持 `gongkai search apply --loop`（或定时的 "
    "`gongkai search apply`）运行，它会自动重建。"
)


# Tagged `database` like the holiday check: shown on `migrate` (the upgrade step), not on
# every command. The staff dashboard shows it too (catalog/dashboard.py).
@register(Tags.database)
def search_index_is_current(app_configs=None, databases=None, **kwargs):
    if databases is None or not sync.needs_rebuild():
        return []
    return [Warning(REBUILD_WARNING, hint=REBUILD_HINT, id="gongkai.catalog.W001")]


@register(Tags.database)
def search_backend_is_usable(app_configs=None, databases=None, **kwargs):
    """GONGKAI_SEARCH_BACKEND=postgres needs PostgreSQL with the rum extension available."""
    if databases is None or sync.backend() != "postgres":
        return []
    from .search import pg

    if connection.vendor != "postgresql":
        return [
            Error(
                "GONGKAI_SEARCH_BACKEND=postgres 需要 PostgreSQL 数据库。",
                hint="设置 DATABASE_URL=postgres://…，或改用 GONGKAI_SEARCH_BACKEND=tantivy。",
                id="gongkai.catalog.E001",
            )
        ]
    if not pg.index_exists() and not pg.rum_available():
        return [
            Error("数据库服务器没有 rum 扩展。", hint=pg.INSTALL_HINT, id="gongkai.catalog.E002")
        ]
    return []
