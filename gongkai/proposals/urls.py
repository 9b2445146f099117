from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("proposals/", views.public_list, name="public_list"),
    path("proposals/<int:pk>/", views.public_detail, name="public_detail"),
    path("staff/proposals/", views.staff_list, name="list"),
    path("staff/proposals/new/", views.register, name="new"),
    path("staff/proposals/<int:pk>/", views.detail, name="detail"),
    path("staff/proposals/<int:pk>/reply/", views.reply, name="reply"),
    path("staff/proposals/<int:pk>/publish/", views.publish, name="publish"),
    path("staff/proposals/<int:pk>/withhold/", views.withhold, name="withhold"),
]
