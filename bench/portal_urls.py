"""bench_portal's URLs: the real site, and a bare Django view served the same way."""

from django.http import HttpResponse
from django.urls import path

from gongkai.urls import urlpatterns as site


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-bare/", bare), *site]
