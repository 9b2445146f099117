from django.shortcuts import render

from gongkai.accounts.models import Organization
from gongkai.lib.discovery import app_modules


def home(request):
    root = Organization.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
    sections = _home_sections()
    return render(request, "portal/home.html", {"root": root, "sections": sections})


def _home_sections() -> list[dict]:
    """Blocks other apps contribute to the home page through `<app>.portal_blocks.blocks()`."""
    return [block for module in app_modules("portal_blocks") for block in module.blocks()]
