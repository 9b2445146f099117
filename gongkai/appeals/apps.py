from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    verbose_name = "行政复议和行政诉讼"
