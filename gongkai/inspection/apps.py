from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "gongkai.inspection"
    verbose_name = "内容检查"
    default_auto_field = "django.db.models.BigAutoField"
