from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("staff/analytics/", views.overview, name="overview"),
    path("staff/analytics/visits.csv", views.series_csv, name="series_csv"),
]
