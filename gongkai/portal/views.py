from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, require
from gongkai.lib import pagecache
from gongkai.lib.discovery import app_modules

from .forms import SiteInfoForm
from .models import SiteInfo
from .services import site_info_save

CARE_COOKIE = "gk_care"
CARE_MAX_AGE = 365 * 24 * 3600


def home(request):
    # The agency's name comes with every portal page (`site_org`, portal.context_processors).
    return render(request, "portal/home.html", {"sections": _home_sections()})


def _home_sections() -> list[dict]:
    """Blocks other apps contribute to the home page through `<app>.portal_blocks.blocks()`:
    public content only, computed once per change of it (gongkai.lib.pagecache.remember)."""
    return pagecache.remember(
        "portal:home_sections",
        lambda: [block for module in app_modules("portal_blocks") for block in module.blocks()],
    )


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links: without this, a 404 on every visit.
    return HttpResponseRedirect(static("gongkai/favicon.svg"))


@csrf_exempt
@require_POST
def care_mode(request):
    """关怀模式 (elderly-friendly: larger type and spacing), remembered by this browser alone.

    A cookie rather than a script, so it works without JavaScript and under a strict CSP.
    Without a CSRF token: a forged request can only switch a display preference (and send the
    browser to a page of this site), while a token in the header's form would make every public
    page different for each visitor and so impossible to cache (portal/page_cache.py).
    """
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    if request.POST.get("on") == "1":
        response.set_cookie(CARE_COOKIE, "1", max_age=CARE_MAX_AGE, samesite="Lax")
    else:
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    return response


@login_required
def site_info(request):
    require(request.user, Action.ORGANIZATION_MANAGE)
    info = SiteInfo.current()
    form = SiteInfoForm(request.POST or None, instance=info)
    if request.method == "POST" and form.is_valid():
        site_info_save(actor=request.user, data=form.cleaned_data)
        messages.success(request, "网站标识信息已保存，门户页脚已更新。")
        return redirect("portal:site_info")
    return render(request, "portal/site_info.html", {"form": form})
