from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("staff/reports/imports/", views.import_list, name="import_list"),
    path("staff/reports/imports/new/", views.import_new, name="import_new"),
    path("staff/reports/imports/<int:pk>/", views.import_review, name="import_review"),
    path("staff/reports/compare/", views.compare, name="compare"),
]
