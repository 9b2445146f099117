"""The real site plus a few public pages that behave like the catalog's (test-only)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from gongkai.accounts.models import Organization, User
from gongkai.urls import urlpatterns as site_urlpatterns


def leader_page(request, pk):
    # Like a catalog detail page: names its column and the object shown.
    leader = get_object_or_404(User, pk=pk)
    request.analytics = {"section": "领导介绍", "object": leader}
    return HttpResponse(f"<h1>{leader}</h1>")


def organization_page(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    request.analytics = {"section": "机构职能", "object": organization}
    return HttpResponse(f"<h1>{organization}</h1>")


def column_page(request):
    request.analytics = {"section": "规范性文件"}
    return HttpResponse("<h1>规范性文件</h1>")


def plain_page(request):
    return HttpResponse("<h1>联系我们</h1>")


def json_page(request):
    return JsonResponse({"ok": True})


def broken_analytics_page(request):
    request.analytics = "规范性文件"  # not a dict: ignored, the page still counts by its URL
    return HttpResponse("<h1>页面</h1>")


def fake_file(request, name):
    return HttpResponse("body { color: red }", content_type="text/html")


urlpatterns = [
    *site_urlpatterns,
    path("t/leaders/<int:pk>/", leader_page, name="test-leader"),
    path("t/organizations/<int:pk>/", organization_page, name="test-organization"),
    path("t/rules/", column_page, name="test-rules"),
    path("t/contact/", plain_page, name="test-contact"),
    path("t/data.json", json_page, name="test-json"),
    path("t/broken/", broken_analytics_page, name="test-broken"),
    path("static/<str:name>", fake_file),
    path("media/<str:name>", fake_file),
    path("api/<str:name>", fake_file),
]
