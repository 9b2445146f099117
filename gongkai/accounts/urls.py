from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("staff/login/", views.LoginView.as_view(), name="login"),
    path("staff/logout/", views.logout_view, name="logout"),
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/password/", views.own_password, name="password"),
    path("staff/audit/", views.audit_log, name="audit"),
    path("staff/audit/export.csv", views.audit_export, name="audit_export"),
    path("staff/organizations/", views.organizations, name="organizations"),
    path("staff/organizations/new/", views.organization_new, name="organization_new"),
    path("staff/organizations/<int:pk>/", views.organization_edit, name="organization_edit"),
    path("staff/people/", views.staff_list, name="staff"),
    path("staff/people/new/", views.staff_edit, name="staff_new"),
    path("staff/people/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("staff/people/<int:pk>/unlock/", views.staff_unlock, name="staff_unlock"),
]
