from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("staff/channels/", views.current_year, name="index"),
    path("staff/channels/<int:year>/", views.year_page, name="year"),
    path("staff/channels/<int:year>/figures/", views.figures_save, name="figures"),
    path("staff/channels/<int:year>/press/", views.press_add, name="press_add"),
    path("staff/channels/press/<int:pk>/delete/", views.press_remove, name="press_remove"),
    path("staff/channels/<int:year>/accounts/", views.account_add, name="account_add"),
    path(
        "staff/channels/<int:year>/accounts/<int:pk>/", views.account_months, name="account_months"
    ),
]
