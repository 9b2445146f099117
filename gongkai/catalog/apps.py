from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
        from .search.sync import index_new_database

        post_migrate.connect(index_new_database, sender=self)
