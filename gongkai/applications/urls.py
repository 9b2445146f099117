from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.apply_done, name="apply_done"),
    path("apply/status/", views.apply_status, name="apply_status"),
    path("staff/applications/", views.inbox, name="inbox"),
    path("staff/applications/new/", views.intake, name="intake"),
    path("staff/applications/<int:pk>/", views.detail, name="detail"),
    path("staff/applications/<int:pk>/topic/", views.set_topic, name="set_topic"),
    path("staff/applications/<int:pk>/<str:kind>/", views.transition, name="transition"),
    path(
        "staff/applications/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
    path("staff/notifications/", views.notifications, name="notifications"),
    path("staff/notifications/read/", views.notifications_read, name="notifications_read"),
]
