from django.urls import path

from . import applicant_views, fee_views, release_views, signoff_views, views

app_name = "applications"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.apply_done, name="apply_done"),
    path("apply/status/", views.apply_status, name="apply_status"),
    path("apply/status/forgot-code/", applicant_views.forgot_code, name="forgot_code"),
    path("apply/status/<str:tracking>/", applicant_views.case_status, name="case_status"),
    path(
        "apply/status/<str:tracking>/correction/",
        applicant_views.correction,
        name="correction",
    ),
    path(
        "apply/status/<str:tracking>/files/<int:pk>/",
        applicant_views.disclosed_file,
        name="disclosed_file",
    ),
    path("staff/applications/", views.inbox, name="inbox"),
    path("staff/applications/new/", views.intake, name="intake"),
    path("staff/applications/signoff/", signoff_views.queue, name="signoff_queue"),
    path("staff/applications/signoff/chain/", signoff_views.chain, name="signoff_chain"),
    path(
        "staff/applications/signoff/<int:rid>/approve/",
        signoff_views.approve,
        name="signoff_approve",
    ),
    path(
        "staff/applications/signoff/<int:rid>/return/",
        signoff_views.send_back,
        name="signoff_return",
    ),
    path(
        "staff/applications/<int:pk>/signoff/<str:kind>/",
        signoff_views.submit,
        name="signoff_submit",
    ),
    path("staff/applications/<int:pk>/", views.detail, name="detail"),
    path("staff/applications/<int:pk>/provide/", views.provide_files, name="provide_files"),
    path("staff/applications/<int:pk>/topic/", views.set_topic, name="set_topic"),
    path("staff/applications/<int:pk>/reveal/", views.reveal, name="reveal"),
    path("staff/applications/<int:pk>/fee/<str:step>/", fee_views.step, name="fee_step"),
    path("staff/applications/fees/", fee_views.setting, name="fee_setting"),
    path("staff/applications/<int:pk>/release/", release_views.make, name="release"),
    path(
        "staff/applications/release-suggestions/",
        release_views.suggestions,
        name="release_suggestions",
    ),
    path("staff/applications/<int:pk>/<str:kind>/", views.transition, name="transition"),
    path(
        "staff/applications/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
    path("staff/notifications/", views.notifications, name="notifications"),
    path("staff/notifications/read/", views.notifications_read, name="notifications_read"),
]
