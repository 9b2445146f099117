from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.middleware import client_ip
from gongkai.accounts.permissions import Action, can, require, role_names
from gongkai.lib import workdays
from gongkai.lib.labels import choice_labels
from gongkai.lib.paging import CappedPaginator

from . import (
    applicant,
    applicant_forms,
    applicant_views,
    fee_panel,
    forms,
    limits,
    lookup,
    personal_data,
    release_views,
    repeats,
    selectors,
    services,
    signoff_panel,
)
from .models import Application, Attachment, Channel, EventKind, ReceiptBasis, Status
from .notifications import mark_read
from .permissions import CASE_ACTIONS, SIGNOFF_ACTIONS, get_application_for
from .services import TransitionError
from .signoff_views import refusal_banner, refused

# ---------------------------------------------------------------- public


_HOUR, _DAY = 60 * 60, 24 * 60 * 60


def _too_many(request, message: str, retry_after: int):
    response = render(request, "429.html", {"message": message}, status=429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def apply(request):
    # Counted before the form is read: an invalid post counts too (issue 15).
    if request.method == "POST" and not limits.address_allowed(request):
        return _too_many(request, limits.ADDRESS_MESSAGE, limits.HOUR)
    form = forms.PublicApplicationForm(
        request.POST or None, request.FILES or None, organizations=forms.public_organizations()
    )
    if request.method == "POST" and form.is_valid():
        today = timezone.localdate()
        data = form.cleaned_data
        if not limits.id_allowed(data):
            return _too_many(request, limits.ID_MESSAGE, limits.DAY)
        try:
            app, code = services.application_intake(
                organization=data["organization"],
                data=data,
                channel=Channel.ONLINE,
                submitted_on=today,
                received_on=today,
                receipt_basis=ReceiptBasis.ONLINE_RECEIPT,
                attachments=data["attachments"],
                submission_token=data["submission_token"],
            )
        except services.AlreadySubmitted as exc:
            # A double click: show the first post's receipt if this browser has not seen it yet.
            receipt = request.session.get("applied")
            if receipt and receipt["tracking"] == exc.application.tracking_number:
                return redirect("applications:apply_done")
            messages.info(request, f"{exc}查询码已在首次提交后显示，请凭查询码查询办理进度。")
            return redirect("applications:apply_status")
        # Shown once, on the next page, then gone: the code is stored only as a hash.
        request.session["applied"] = {
            "tracking": app.tracking_number,
            "code": code,
            "due": str(app.due_on),
            "caveat": applicant.due_caveat(app),
            "emailed": applicant.send_confirmation(app),
        }
        return redirect("applications:apply_done")
    status = 400 if request.method == "POST" else 200
    return render(request, "applications/apply.html", {"form": form}, status=status)


def apply_done(request):
    receipt = request.session.pop("applied", None)
    if receipt is None:
        return redirect("applications:apply_status")
    return render(request, "applications/apply_done.html", {"receipt": receipt})


def apply_status(request):
    form = forms.StatusQueryForm(request.POST or None)
    application, error = None, ""
    if request.method == "POST" and form.is_valid():
        try:
            application = lookup.find_by_query_code(
                tracking_number=form.cleaned_data["tracking_number"],
                code=form.cleaned_data["query_code"],
                ip=client_ip(request),
            )
        except TransitionError as exc:
            error = str(exc)
        else:
            if application is None:
                error = "申请编号或查询码不正确，请核对后重新输入。"
    context = {"form": form, "application": application, "error": error}
    if application is not None:
        applicant.remember(request, application)
        context.update(applicant_views.status_context(application))
    return render(request, "applications/apply_status.html", context, status=400 if error else 200)


# ---------------------------------------------------------------- staff

INBOX_PER_PAGE = 50
# The inbox counts at most 40 pages: a filter on a column its indexes lack (channel, year…)
# counts by reading rows, 10,000 of them cost more than the page itself.
INBOX_COUNT_CAP = 2_000


def _inbox_tabs(user) -> list[dict]:
    """The inbox's ready-made views. 待办: what the user must act on: a clerk's own cases and
    those nobody has taken yet; for those who assign, sign or approve, every case. Both with
    the replies still to be delivered."""
    handles_only = can(user, Action.APPLICATION_HANDLE) and not any(
        can(user, action) for action in (Action.APPLICATION_ASSIGN, *SIGNOFF_ACTIONS)
    )
    return [
        {"label": "待办", "query": {"who": "todo" if handles_only else "all", "status": "pending"}},
        {"label": "已答复待送达", "query": {"who": "all", "status": Status.REPLIED.value}},
        {"label": "全部", "query": {"who": "all", "status": ""}},
    ]


def _inbox_rows(apps, today) -> list[dict]:
    """Each row's cells as text, worked out here once: the template only prints them (choice
    labels and date filters in the template cost more per page than its queries)."""
    labels = choice_labels(Application, "applicant_kind", "channel", "status", "outcome")
    kinds, channels = labels["applicant_kind"], labels["channel"]
    statuses, outcomes = labels["status"], labels["outcome"]
    rows = []
    for app in apps:
        tone, text = selectors.urgency(app, today)
        rows.append(
            {
                "app": app,
                "url": reverse("applications:detail", args=[app.pk]),
                "applicant_kind": kinds.get(app.applicant_kind, ""),
                "channel": channels.get(app.channel, ""),
                "received_on": app.received_on.isoformat() if app.received_on else "",
                "status": statuses.get(app.status, ""),
                "due_on": app.due_on.isoformat() if app.due_on else "—",
                "tone": tone,
                "urgency": text,
                "assignee": app.assignee.display_name if app.assignee_id else "未分配",
                "outcome": outcomes.get(app.outcome) or "—",
            }
        )
    return rows


@login_required
def inbox(request):
    if not any(can(request.user, action) for action in CASE_ACTIONS):
        require(request.user, Action.APPLICATION_HANDLE)
    tabs = _inbox_tabs(request.user)
    data = request.GET.copy()
    for key, value in tabs[0]["query"].items():
        data.setdefault(key, value)
    form = forms.InboxFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {"who": data["who"]}
    found = selectors.inbox(request.user, **filters)
    page = CappedPaginator(found, INBOX_PER_PAGE, cap=INBOX_COUNT_CAP).get_page(
        request.GET.get("page")
    )
    rows = _inbox_rows(page, timezone.localdate())
    chosen = {key: data.get(key) for key in ("who", "status")}
    for tab in tabs:
        tab["url"] = f"{request.path}?{urlencode(tab['query'])}"
        tab["current"] = tab["query"] == chosen
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "tabs": tabs,
        "can_intake": can(request.user, Action.APPLICATION_INTAKE),
        "assign_hint": (
            f"新登记的申请由{role_names(Action.APPLICATION_ASSIGN)}分配承办人；尚未分配的申请，"
            f"{role_names(Action.APPLICATION_HANDLE)}也可以直接办理。"
        ),
    }
    return render(request, "applications/inbox.html", context)


@login_required
def intake(request):
    require(request.user, Action.APPLICATION_INTAKE)
    orgs = forms.intake_organizations(request.user)
    form = forms.StaffIntakeForm(request.POST or None, request.FILES or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            app, code = services.application_intake(
                organization=data["organization"],
                data=data,
                channel=Channel(data["channel"]),
                submitted_on=data["submitted_on"],
                received_on=data["received_on"],
                receipt_basis=data["receipt_basis"],
                receipt_note=data["receipt_note"],
                filled_on_behalf=data["filled_on_behalf"],
                attachments=data["attachments"],
                actor=request.user,
                submission_token=data["submission_token"],
            )
        except services.AlreadySubmitted as exc:
            # The same form posted twice (a double click, a resend): one registration.
            messages.info(request, f"{exc}查询码已在首次登记时显示。")
            return redirect(exc.application)
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"已登记，申请编号 {app.tracking_number}，查询码 {code}（请告知申请人，查询码只显示这一次），"
                f"答复期限 {app.due_on}。",
            )
            return redirect(app)
    return render(
        request, "applications/intake.html", {"form": form}, status=400 if form.errors else 200
    )


# kind → (form class, service, extra form kwargs need the application)
TRANSITION_VIEWS = {
    EventKind.ACCEPT: (forms.AcceptForm, services.application_accept),
    EventKind.REQUEST_CORRECTION: (forms.CorrectionForm, services.application_request_correction),
    EventKind.RECEIVE_CORRECTION: (
        forms.CorrectionReceivedForm,
        services.application_receive_correction,
    ),
    EventKind.ABANDON: (forms.AbandonForm, services.application_abandon),
    EventKind.START: (forms.StartForm, services.application_start),
    EventKind.CONSULT: (forms.ConsultForm, services.application_consult),
    EventKind.END_CONSULTATION: (forms.EndConsultationForm, services.application_end_consultation),
    EventKind.DELIVER: (forms.DeliverForm, services.application_deliver),
    EventKind.ARCHIVE: (forms.ArchiveForm, services.application_archive),
    EventKind.ASSIGN: (forms.AssignForm, services.application_assign),
    EventKind.TRANSFER: (forms.TransferForm, services.application_transfer),
}
NEEDS_APPLICATION = {EventKind.ASSIGN, EventKind.TRANSFER}


def _form_for(kind, application, data=None):
    form_class, _ = TRANSITION_VIEWS[kind]
    kwargs = {"application": application} if kind in NEEDS_APPLICATION else {}
    form = form_class(data, prefix=kind.value, **kwargs)
    if kind == EventKind.RECEIVE_CORRECTION and data is None:
        # The applicant corrected online: registering it starts from the day it arrived.
        online = application.events.filter(kind=EventKind.CORRECTION_ONLINE).last()
        asked = application.events.filter(kind=EventKind.REQUEST_CORRECTION).last()
        if online is not None and (asked is None or online.on >= asked.on):
            form.initial.update(on=online.on, note="申请人网上提交补正材料")
    return form


def _detail_context(request, application, bound=None, fee_bound=None, fee_step=""):
    allowed = services.allowed_transitions(application, request.user)
    action_forms = []
    for kind in allowed:
        if kind not in TRANSITION_VIEWS:
            continue  # replies and extensions go through the sign-off chain
        form = (
            bound
            if bound is not None and bound.prefix == kind.value
            else _form_for(kind, application)
        )
        action_forms.append({"kind": kind, "label": services.TRANSITIONS[kind].label, "form": form})
    signoff = signoff_panel.context(request.user, application, bound)
    rendered = [a["form"] for a in action_forms]
    rendered += [d["form"] for d in signoff["draft_forms"] + signoff["decision_forms"]]
    refusal_banner(request, bound, rendered)
    events = list(application.events.all())
    notices = [e for e in events if e.kind == EventKind.REQUEST_CORRECTION]
    return {
        # Once the notice is out the page says so; the latest date for one is shown only
        # while a notice can still be sent (before acceptance too: it follows it).
        "correction_notice": notices[-1] if notices else None,
        "correction_notice_open": application.status == Status.RECEIVED
        or application.status in services.TRANSITIONS[EventKind.REQUEST_CORRECTION].sources,
        "application": application,
        "applicant": personal_data.applicant_view(request, application),
        "clock": services.clock_for(application, events=events),
        "events": events,
        "action_forms": action_forms,
        "attachments": application.attachments.all(),
        **signoff,
        **fee_panel.context(request.user, application, fee_bound, fee_step),
        "similar": application.similar.select_related("earlier"),
        **release_views.panel(request.user, application),
        "bulk_flag": repeats.bulk_flag(application) if application.is_open else None,
        "can_provide": application.status not in {Status.ARCHIVED, Status.ABANDONED}
        and can(request.user, Action.APPLICATION_HANDLE, application.organization_id),
        "provide_form": applicant_forms.DisclosedFileForm(prefix="provide"),
        "topic_form": forms.TopicForm(initial={"topic": application.topic_id})
        if can(request.user, Action.APPLICATION_HANDLE, application.organization_id)
        else None,
    }


@login_required
def detail(request, pk: int):
    application = get_application_for(request.user, pk)
    return render(request, "applications/detail.html", _detail_context(request, application))


@login_required
@require_POST
def reveal(request, pk: int):
    """显示完整信息: a deliberate step, written to the audit log."""
    application = get_application_for(request.user, pk)
    personal_data.reveal(request, application)
    messages.info(request, "已显示申请人完整信息，本次查看已记入操作日志。")
    return redirect(application)


@login_required
@require_POST
def transition(request, pk: int, kind: str):
    try:
        kind = EventKind(kind)
    except ValueError as exc:
        raise Http404("没有这一办理步骤") from exc
    if kind not in TRANSITION_VIEWS:
        raise Http404("没有这一办理步骤")
    application = get_application_for(request.user, pk, services.TRANSITIONS[kind].action)
    form = _form_for(kind, application, request.POST)
    if form.is_valid():
        service = TRANSITION_VIEWS[kind][1]
        values = dict(form.cleaned_data)
        try:
            service(application=application, actor=request.user, **values)
        except (TransitionError, workdays.DateOutOfRange) as exc:
            refused(form, services.TRANSITIONS[kind].label, exc)
            context = _detail_context(request, application, bound=form)
            context["open_form"] = kind.value
            return render(request, "applications/detail.html", context, status=409)
        messages.success(request, f"已{services.TRANSITIONS[kind].label}。")
        return redirect(application)
    context = _detail_context(request, application, bound=form)
    context["open_form"] = kind.value
    messages.error(request, f"{services.TRANSITIONS[kind].label}：请更正下列错误。")
    return render(request, "applications/detail.html", context, status=400)


@login_required
@require_POST
def set_topic(request, pk: int):
    application = get_application_for(request.user, pk, Action.APPLICATION_HANDLE)
    form = forms.TopicForm(request.POST)
    if form.is_valid():
        services.application_set_topic(
            application=application, topic=form.cleaned_data["topic"], actor=request.user
        )
        messages.success(request, "已更新申请内容主题。")
        return redirect(application)
    context = _detail_context(request, application)
    context["topic_form"] = form
    return render(request, "applications/detail.html", context, status=400)


@login_required
def attachment(request, pk: int, attachment_pk: int):
    application = get_application_for(request.user, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
def notifications(request):
    require(request.user, Action.VIEW_WORKSPACE)
    items = request.user.notifications.select_related("application")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "applications/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request):
    count = mark_read(user=request.user)
    messages.success(request, f"已将 {count} 条提醒标为已读。")
    return redirect("applications:notifications")


@login_required
@require_POST
def provide_files(request, pk: int):
    """Files of the information provided to the applicant, shown to them once the reply is out."""
    application = get_application_for(request.user, pk, Action.APPLICATION_HANDLE)
    form = applicant_forms.DisclosedFileForm(request.POST, request.FILES, prefix="provide")
    if not form.is_valid():
        messages.error(request, "；".join(form.errors.get("files", ["请选择文件。"])))
        return redirect(application)
    services.application_provide_files(
        application=application, actor=request.user, files=form.cleaned_data["files"]
    )
    messages.success(request, f"已上传 {len(form.cleaned_data['files'])} 个提供的信息文件。")
    return redirect(application)
