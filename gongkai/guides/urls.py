from django.urls import path

from . import staff_views, views

app_name = "guides"
urlpatterns = [
    # public
    path("guides/", views.guide_list, name="list"),
    path("guides/<int:pk>/", views.guide_page, name="guide"),
    path("guides/<int:pk>/flowchart/", views.flowchart, name="flowchart"),
    path("powers/", views.power_list, name="powers"),
    path("powers/<int:pk>/", views.power_page, name="power"),
    # staff
    path("staff/guides/", staff_views.staff_list, name="staff_list"),
    path("staff/guides/new/", staff_views.guide_edit, name="guide_new"),
    path("staff/guides/<int:pk>/edit/", staff_views.guide_edit, name="guide_edit"),
    path("staff/guides/powers/new/", staff_views.power_edit, name="power_new"),
    path("staff/guides/powers/<int:pk>/edit/", staff_views.power_edit, name="power_edit"),
]
