from django.urls import path

from . import staff_views, views

app_name = "catalog"
urlpatterns = [
    # public
    path("guide/", views.guide, name="guide"),
    path("guide/<slug:code>/", views.guide, name="guide_org"),
    path("catalog/", views.browse, name="browse"),
    path("catalog/annual-reports/", views.annual_reports, name="annual_reports"),
    path("catalog/items/<int:pk>/", views.item_page, name="item"),
    path("catalog/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("search/", views.search, name="search"),
    # staff
    path("staff/catalog/", staff_views.staff_list, name="staff_list"),
    path("staff/catalog/new/", staff_views.staff_create, name="staff_create"),
    path("staff/catalog/review/", staff_views.review_queue, name="review_queue"),
    path("staff/catalog/guide/", staff_views.guide_edit, name="guide_edit"),
    path("staff/catalog/review-chain/", staff_views.review_chain, name="review_chain"),
    path("staff/catalog/vocabularies/", staff_views.vocabularies, name="vocabularies"),
    path("staff/catalog/normative/", staff_views.normative_lookup, name="normative_lookup"),
    path("staff/catalog/<int:pk>/", staff_views.staff_detail, name="staff_detail"),
    path("staff/catalog/<int:pk>/edit/", staff_views.staff_edit, name="staff_edit"),
    path("staff/catalog/<int:pk>/correct/", staff_views.staff_correct, name="staff_correct"),
    path(
        "staff/catalog/<int:pk>/attachments/",
        staff_views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "staff/catalog/attachments/<int:pk>/delete/",
        staff_views.attachment_delete,
        name="attachment_delete",
    ),
    path("staff/catalog/<int:pk>/submit/", staff_views.submit, name="submit"),
    path("staff/catalog/<int:pk>/review/", staff_views.review, name="review"),
    path("staff/catalog/<int:pk>/withdraw/", staff_views.withdraw, name="withdraw"),
    path(
        "staff/catalog/revisions/<int:pk>/decide/",
        staff_views.revision_decide,
        name="revision_decide",
    ),
    path("staff/catalog/<int:pk>/validity/", staff_views.set_validity, name="set_validity"),
]
