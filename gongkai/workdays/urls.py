from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("staff/workdays/", views.calendar_view, name="calendar"),
    path("staff/workdays/<int:year>/edit/", views.edit, name="edit"),
    path("staff/workdays/<int:year>/forget/", views.forget, name="forget"),
]
