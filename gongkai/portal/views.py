from django.shortcuts import render

from gongkai.accounts.models import Organization


def home(request):
    root = Organization.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
    sections = _home_sections()
    return render(request, "portal/home.html", {"root": root, "sections": sections})


def _home_sections() -> list[dict]:
    """Blocks other apps contribute to the home page through `<app>.portal_blocks.blocks()`."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    blocks: list[dict] = []
    for app in settings.INSTALLED_APPS:
        if app.startswith("gongkai.") and find_spec(f"{app}.portal_blocks") is not None:
            blocks.extend(import_module(f"{app}.portal_blocks").blocks())
    return blocks
