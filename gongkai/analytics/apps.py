from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "gongkai.analytics"
    verbose_name = "访问统计"
