"""The staff page where a user creates and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, require

from . import services
from .forms import TokenForm
from .models import ApiToken


@login_required
def tokens(request):
    require(request.user, Action.VIEW_WORKSPACE)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, secret = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except services.TokenError as exc:
                form.add_error("name", str(exc))
            else:
                # Shown once, on the next page, then gone: only its hash is kept.
                request.session["new_api_token"] = {"name": token.name, "secret": secret}
                return redirect("api_pages:tokens")
        status = 400
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user).select_related("organization"),
        "new_token": request.session.pop("new_api_token", None),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    try:
        services.api_token_revoke(token=token, actor=request.user)
    except services.TokenError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"令牌“{token.name}”已吊销，使用它的请求将被拒绝。")
    return redirect("api_pages:tokens")
