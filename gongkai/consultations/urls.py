from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("consultations/", views.public_list, name="public_list"),
    path("consultations/ask/", views.ask, name="ask"),
    path("consultations/ask/done/", views.ask_done, name="ask_done"),
    path("staff/consultations/", views.staff_list, name="list"),
    path("staff/consultations/<int:pk>/", views.detail, name="detail"),
    path("staff/consultations/<int:pk>/answer/", views.answer, name="answer"),
    path("staff/consultations/<int:pk>/publish/", views.publish, name="publish"),
    path("staff/consultations/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
]
