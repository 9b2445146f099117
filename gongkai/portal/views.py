from django.shortcuts import render

from gongkai.lib.discovery import app_modules


def home(request):
    # The agency's name comes with every portal page (`site_org`, portal.context_processors).
    return render(request, "portal/home.html", {"sections": _home_sections()})


def _home_sections() -> list[dict]:
    """Blocks other apps contribute to the home page through `<app>.portal_blocks.blocks()`."""
    return [block for module in app_modules("portal_blocks") for block in module.blocks()]
