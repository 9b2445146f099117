from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "公开门户"

    def ready(self):
        from .page_cache import connect_invalidation

        connect_invalidation()
