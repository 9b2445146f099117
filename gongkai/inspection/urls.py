from django.urls import path

from . import views

app_name = "inspection"
urlpatterns = [
    path("staff/inspection/findings/<int:pk>/decide/", views.decide, name="decide"),
    path("staff/inspection/terms/", views.terms, name="terms"),
    path("staff/inspection/terms/<int:pk>/delete/", views.term_delete, name="term_delete"),
    path("staff/inspection/rescan/", views.rescan_findings, name="rescan_findings"),
    path("staff/inspection/self/", views.self_inspection, name="self_inspection"),
]
