from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("care/", views.care_mode, name="care_mode"),
    path("staff/site/", views.site_info, name="site_info"),
]
