"""/api/v1/ (the REST API), /feeds/ (RSS and Atom), /opendata/ (downloads), and the staff page
for API tokens. Not namespaced itself: each group below carries its own namespace."""

from django.urls import include, path

from . import feeds, opendata, views
from .api import api

token_pages = [
    path("staff/api-tokens/", views.tokens, name="tokens"),
    path("staff/api-tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]
feed_urls = [
    path("feeds/org/<slug:code>/<str:fmt>/", feeds.organization_feed, name="organization"),
    path("feeds/topic/<slug:code>/<str:fmt>/", feeds.topic_feed, name="topic"),
    path("feeds/search/<str:fmt>/", feeds.search_feed, name="search"),
]
opendata_urls = [
    path("opendata/", opendata.index, name="index"),
    path("opendata/items-<slug:code>-<int:year>.csv", opendata.items_csv, name="items_csv"),
    path("opendata/items-<slug:code>-<int:year>.json", opendata.items_json, name="items_json"),
    path("opendata/schema/items.json", opendata.items_schema, name="items_schema"),
    path("opendata/reports/<int:pk>.json", opendata.report_statistics, name="report_statistics"),
    path(
        "opendata/own-reports/<int:pk>.json",
        opendata.own_report_statistics,
        name="own_report_statistics",
    ),
    path(
        "opendata/schema/annual-stats.json",
        opendata.statistics_dictionary,
        name="statistics_dictionary",
    ),
]

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include((token_pages, "api_pages"))),
    path("", include((feed_urls, "feeds"))),
    path("", include((opendata_urls, "opendata"))),
]
