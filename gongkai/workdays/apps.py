from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    verbose_name = "工作日历"

    def ready(self):
        from gongkai.lib import workdays

        from . import calendar, checks  # noqa: F401  (registers the system check)

        workdays.set_provider(calendar.get)
