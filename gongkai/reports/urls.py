from django.urls import path

from . import annual_views, views

app_name = "reports"
urlpatterns = [
    path("staff/reports/imports/", views.import_list, name="import_list"),
    path("staff/reports/imports/new/", views.import_new, name="import_new"),
    path("staff/reports/imports/<int:pk>/", views.import_review, name="import_review"),
    path("staff/reports/compare/", views.compare, name="compare"),
    # This platform's own annual reports (reports.engine)
    path("staff/reports/", annual_views.staff_list, name="staff_list"),
    path("staff/reports/supervision/", annual_views.supervision, name="supervision"),
    path("staff/reports/performance/", annual_views.performance, name="performance"),
    path("staff/reports/<int:pk>/", annual_views.annual_detail, name="annual_detail"),
    path(
        "staff/reports/<int:pk>/recompute/", annual_views.annual_recompute, name="annual_recompute"
    ),
    path("staff/reports/<int:pk>/publish/", annual_views.annual_publish, name="annual_publish"),
    path("staff/reports/<int:pk>/cell/", annual_views.annual_cell, name="annual_cell"),
    path(
        "staff/reports/<int:pk>/export/<str:fmt>/",
        annual_views.annual_export,
        name="annual_export",
    ),
    path("reports/<int:pk>/", annual_views.public_report, name="public_report"),
    path(
        "reports/<int:pk>/download/<str:fmt>/",
        annual_views.public_download,
        name="public_download",
    ),
]
