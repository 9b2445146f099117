import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from gongkai.accounts.permissions import Action, require
from gongkai.applications.permissions import get_application_for

from . import defaults, forms, selectors, services
from .fields import FIELDS
from .models import Letter, LetterKind, LetterTemplate, Service
from .rendering import LetterError

log = logging.getLogger(__name__)
FORMATS = {"docx": "docx", "pdf": "pdf"}
NO_VARIANT = "-"  # the URL's stand-in for a kind with one template

# ---------------------------------------------------------------- public


def public_pdf(request, token: str):
    """The applicant's copy of a letter, through the link their status page showed."""
    letter = selectors.letter_for_token(token)
    if letter is None:
        raise Http404("下载链接无效或已过期，请重新查询申请办理进度。")
    letter, unavailable = _with_files(request, letter, staff=False)
    if unavailable:
        return unavailable
    return FileResponse(
        letter.pdf.open("rb"), as_attachment=True, filename=f"{letter.number}-{letter.title}.pdf"
    )


def _with_files(request, letter: Letter, *, staff: bool):
    """(the letter with its files, None), made now if still missing; or (None, a 503 page)
    when they cannot be made now (the failure is noted on the letter and retried)."""
    try:
        return services.letter_render(pk=letter.pk), None
    except Exception:  # noqa: BLE001 — a font or disk problem: a page that says so, not a 500
        log.exception("文书 %s 的文件无法生成", letter.pk)
        base = "workspace_base.html" if staff else "portal_base.html"
        context = {"letter": letter, "base": base, "staff": staff}
        return None, render(request, "letters/files_unavailable.html", context, status=503)


# ---------------------------------------------------------------- staff: a case's letters


def _letter_for(user, pk: int, action: Action | None = None) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("application"), pk=pk)
    get_application_for(user, letter.application_id, action)
    return letter


@login_required
def download(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("没有这种文件格式")
    letter, unavailable = _with_files(request, _letter_for(request.user, pk), staff=True)
    if unavailable:
        return unavailable
    return FileResponse(
        getattr(letter, fmt).open("rb"),
        as_attachment=True,
        filename=f"{letter.number}-{letter.title}.{fmt}",
    )


@login_required
def proof(request, pk: int):
    service = get_object_or_404(Service.objects.select_related("letter"), pk=pk, proof__gt="")
    get_application_for(request.user, service.letter.application_id)
    return FileResponse(service.proof.open("rb"), as_attachment=True, filename=service.proof_name)


@login_required
def serve(request, pk: int):
    letter = _letter_for(request.user, pk, Action.APPLICATION_HANDLE)
    form = forms.ServiceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.service_record(
                letter=letter,
                actor=request.user,
                method=data["method"],
                served_on=data["served_on"],
                postal_tracking=data["postal_tracking"],
                proof=data["proof"],
            )
        except LetterError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记《{letter.title}》（{letter.number}）的送达。")
            return redirect(letter.application)
    context = {"letter": letter, "form": form}
    return render(request, "letters/serve.html", context, status=400 if form.errors else 200)


@login_required
def correct(request, pk: int):
    letter = _letter_for(request.user, pk)
    require(request.user, services.correct_action(letter), letter.application.organization_id)
    form = forms.CorrectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.letter_correct(
                letter=letter, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except LetterError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已重新生成《{new.title}》，文号 {new.number}。")
            return redirect(letter.application)
    context = {"letter": letter, "form": form}
    return render(request, "letters/correct.html", context, status=400 if form.errors else 200)


# ---------------------------------------------------------------- administrators


def _organization(request):
    choice = forms.OrganizationChoiceForm(request.GET or None)
    orgs = forms.letter_organizations()
    if choice.is_valid():
        return choice, choice.cleaned_data["org"]
    org = request.user.organization.organ() if request.user.organization_id else orgs.first()
    if org is None:
        raise Http404("尚未设置机构")
    return forms.OrganizationChoiceForm(initial={"org": org.pk}), org


@login_required
def template_list(request):
    require(request.user, Action.ORGANIZATION_MANAGE)
    choice, org = _organization(request)
    own = {(t.kind, t.variant): t for t in LetterTemplate.objects.filter(organization=org)}
    rows = []
    for kind in LetterKind:
        for variant, label in defaults.variants(kind):
            mine = own.get((kind.value, variant))
            rows.append(
                {
                    "kind": kind,
                    "label": label,
                    "title": mine.title if mine else defaults.default(kind, variant)[0],
                    "edited": mine is not None,
                    "url": reverse(
                        "letters:template_edit", args=[org.pk, kind.value, variant or NO_VARIANT]
                    ),
                }
            )
    context = {"choice": choice, "organization": org, "rows": rows}
    return render(request, "letters/templates.html", context)


@login_required
def template_edit(request, org_pk: int, kind: str, variant: str):
    require(request.user, Action.ORGANIZATION_MANAGE)
    org = get_object_or_404(forms.letter_organizations(), pk=org_pk)
    try:
        kind = LetterKind(kind)
    except ValueError as exc:
        raise Http404("没有这种文书") from exc
    variant = "" if variant == NO_VARIANT else variant
    labels = dict(defaults.variants(kind))
    if variant not in labels:
        raise Http404("没有这种文书")
    back = reverse("letters:templates") + f"?org={org.pk}"
    if request.method == "POST" and "reset" in request.POST:
        services.template_reset(organization=org, actor=request.user, kind=kind, variant=variant)
        messages.success(request, f"已恢复{kind.label}的默认模板。")
        return redirect(back)
    title, body = services.template_for(org, kind, variant)
    form = forms.TemplateForm(request.POST or None, initial={"title": title, "body": body})
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(
                organization=org,
                actor=request.user,
                kind=kind,
                variant=variant,
                **form.cleaned_data,
            )
        except LetterError as exc:
            form.add_error("body", str(exc))
        else:
            messages.success(request, f"已保存{kind.label}模板。")
            return redirect(back)
    context = {
        "organization": org,
        "kind": kind,
        "variant_label": labels[variant],
        "form": form,
        "fields": [f for f in FIELDS.values() if kind in f.kinds],
        "back": back,
    }
    return render(
        request, "letters/template_edit.html", context, status=400 if form.errors else 200
    )


@login_required
def settings_edit(request):
    require(request.user, Action.ORGANIZATION_MANAGE)
    choice, org = _organization(request)
    current = services.settings_for(org)
    initial = {
        "review_body": current.review_body,
        "abbreviation": current.abbreviation,
        **{f"pattern_{k.value}": services.pattern_for(current, k) for k in LetterKind},
    }
    form = forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(
                organization=org,
                actor=request.user,
                review_body=form.cleaned_data["review_body"],
                abbreviation=form.cleaned_data["abbreviation"],
                patterns=form.patterns(),
            )
        except LetterError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存{org.name}的文书设置。")
            return redirect(reverse("letters:settings") + f"?org={org.pk}")
    context = {"choice": choice, "organization": org, "form": form}
    return render(request, "letters/settings.html", context, status=400 if form.errors else 200)
