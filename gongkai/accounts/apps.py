from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = "机构与人员"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import SessionRefreshMiddleware

        # A session begins refreshed: its first pages need no second write.
        user_logged_in.connect(SessionRefreshMiddleware.mark_refreshed, dispatch_uid="refreshed")
