"""第44条 on the case page (one step to a draft catalog item) and the suggestions page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, can, require
from gongkai.catalog.models import Category, Topic

from . import release
from .models import ReleaseLink
from .permissions import get_application_for
from .services import TransitionError


class ReleaseForm(forms.Form):
    title = forms.CharField(label="信息名称", max_length=200)
    topic = forms.ModelChoiceField(label="主题分类", queryset=Topic.objects.all())
    category = forms.ModelChoiceField(label="信息类别", queryset=Category.objects.all())


def panel(user, application, bound=None) -> dict:
    """The case page's 第44条 section: the items made from the case, or the form to make one."""
    links = list(ReleaseLink.objects.filter(application=application).select_related("item"))
    may = (
        not links
        and release.releasable(application)
        and can(user, Action.CATALOG_DRAFT, application.organization_id)
    )
    form = bound or (
        ReleaseForm(initial={"title": application.description[:200]}, prefix="release")
        if may
        else None
    )
    return {"release_links": links, "release_form": form}


@login_required
@require_POST
def make(request, pk: int):
    application = get_application_for(request.user, pk, Action.CATALOG_DRAFT)
    form = ReleaseForm(request.POST, prefix="release")
    if form.is_valid():
        try:
            item = release.application_release(
                application=application, actor=request.user, **form.cleaned_data
            )
        except TransitionError as exc:
            messages.error(request, str(exc))
            return redirect(application)
        messages.success(request, "已生成主动公开信息草稿，请提交审核。")
        return redirect("catalog:staff_detail", item.pk)
    from .views import _detail_context

    messages.error(request, "转为主动公开：请更正下列错误。")
    context = _detail_context(request, application)
    context.update(panel(request.user, application, bound=form))
    return render(request, "applications/detail.html", context, status=400)


@login_required
def suggestions(request):
    require(request.user, Action.CATALOG_DRAFT)
    rows = release.release_suggestions(request.user)
    limit = release.SUGGESTIONS_SHOWN
    context = {"rows": rows[:limit], "more": len(rows) > limit, "limit": limit}
    return render(request, "applications/release_suggestions.html", context)
