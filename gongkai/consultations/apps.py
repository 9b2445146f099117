from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    verbose_name = "政府信息公开咨询"
