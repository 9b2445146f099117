from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("staff/appeals/", views.appeal_list, name="list"),
    path("staff/appeals/new/", views.appeal_new, name="new"),
    path("staff/appeals/<int:pk>/", views.detail, name="detail"),
    path("staff/appeals/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("staff/appeals/<int:pk>/decide/", views.decide, name="decide"),
    path("staff/appeals/<int:pk>/documents/", views.document_add, name="document_add"),
    path(
        "staff/appeals/<int:pk>/documents/<int:document_pk>/",
        views.document,
        name="document",
    ),
]
