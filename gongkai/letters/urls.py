from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("apply/letters/<str:token>/", views.public_pdf, name="public_pdf"),
    path("staff/letters/<int:pk>/file.<str:fmt>", views.download, name="download"),
    path("staff/letters/<int:pk>/serve/", views.serve, name="serve"),
    path("staff/letters/<int:pk>/correct/", views.correct, name="correct"),
    path("staff/letters/proof/<int:pk>/", views.proof, name="proof"),
    path("staff/letters/templates/", views.template_list, name="templates"),
    path(
        "staff/letters/templates/<int:org_pk>/<str:kind>/<str:variant>/",
        views.template_edit,
        name="template_edit",
    ),
    path("staff/letters/settings/", views.settings_edit, name="settings"),
]
