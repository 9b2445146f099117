"""System check: warn while the search index waits to be rebuilt for a new layout."""

from django.core.checks import Tags, Warning, register

from .search import engine

REBUILD_WARNING = "全文检索索引的格式已随升级更新，重建之前检索不到任何信息。"
REBUILD_HINT = (
    "运行 `gongkai search rebuild`；或保持 `gongkai search apply --loop`（或定时的 "
    "`gongkai search apply`）运行，它会自动重建。"
)


# Tagged `database` like the holiday check: shown on `migrate` (the upgrade step), not on
# every command. The staff dashboard shows it too (catalog/dashboard.py).
@register(Tags.database)
def search_index_is_current(app_configs=None, databases=None, **kwargs):
    if databases is None or not engine.needs_rebuild():
        return []
    return [Warning(REBUILD_WARNING, hint=REBUILD_HINT, id="gongkai.catalog.W001")]
