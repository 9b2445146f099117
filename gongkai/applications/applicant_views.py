"""The applicant's pages beyond the form and the lookup: the case's status once opened with
its query code, the online correction, the disclosed files, and the lost query code."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.middleware import client_ip

from . import applicant, applicant_forms, services
from .models import EventKind
from .services import TransitionError


def status_context(application, correction_form=None) -> dict:
    """What the status page shows of a case its applicant opened."""
    events = list(application.events.all())
    clock = services.clock_for(application, events=events)
    hidden = {
        EventKind.ASSIGN,
        EventKind.SIGNOFF_SUBMIT,
        EventKind.SIGNOFF_APPROVE,
        EventKind.SIGNOFF_RETURN,
    }
    open_ = applicant.correction_open(application, clock)
    return {
        "application": application,
        "clock": clock,
        # Who handles and signs is the office's business, not the applicant's.
        "events": [e for e in events if e.kind not in hidden],
        "answered": application.status in applicant.ANSWERED,
        "disclosed": applicant.disclosed_files(application),
        "correction_form": (correction_form or applicant_forms.OnlineCorrectionForm())
        if open_
        else None,
        # The fee asked of them, while unpaid: amount, breakdown and the last day to pay.
        "fee_pending": application.fee_notices.filter(status="pending").first(),
        "correction_asked": next(
            (e for e in reversed(events) if e.kind == EventKind.REQUEST_CORRECTION), None
        ),
    }


def case_status(request, tracking: str):
    application = applicant.case_for(request, tracking)
    return render(request, "applications/apply_status.html", status_context(application))


@require_POST
def correction(request, tracking: str):
    application = applicant.case_for(request, tracking)
    form = applicant_forms.OnlineCorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            applicant.correction_submit(
                application=application,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            )
        except TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                "补正材料已提交。受理机关核对后登记，答复期限自收到补正材料之日起重新计算。",
            )
            return redirect("applications:case_status", tracking)
    context = status_context(application, correction_form=form)
    return render(request, "applications/apply_status.html", context, status=400)


def disclosed_file(request, tracking: str, pk: int):
    application = applicant.case_for(request, tracking)
    item = get_object_or_404(applicant.disclosed_files(application), pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


def forgot_code(request):
    form = applicant_forms.ForgotCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        applicant.resend_query_code(
            tracking_number=form.cleaned_data["tracking_number"],
            email=form.cleaned_data["email"],
            ip=client_ip(request),
        )
        # The same answer whether or not the number exists or the address matches.
        messages.info(
            request,
            "如申请编号和电子邮箱与申请时填写的一致，新的查询码已发送至该邮箱（原查询码随即失效）。"
            "未收到的，请检查垃圾邮件，或携带身份证明到受理点查询。",
        )
        return redirect("applications:apply_status")
    status = 400 if form.errors else 200
    return render(request, "applications/forgot_code.html", {"form": form}, status=status)
