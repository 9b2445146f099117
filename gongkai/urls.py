"""Each gongkai app that has a `urls` module owns its own paths (and namespace) under the root."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.urls import include, path

urlpatterns = []
for app in settings.INSTALLED_APPS:
    if app.startswith("gongkai.") and find_spec(f"{app}.urls") is not None:
        urlpatterns.append(path("", include(import_module(f"{app}.urls"))))
