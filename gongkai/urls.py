"""Each gongkai app that has a `urls` module owns its own paths (and namespace) under the root."""

from django.urls import include, path

from gongkai.lib.discovery import app_modules

urlpatterns = [path("", include(module)) for module in app_modules("urls")]
