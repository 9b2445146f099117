"""Applications over the API: submission and status lookup for the public, with the web form's
validation (`PublicApplicationForm`) and services (`application_intake`, `find_by_query_code`)."""

from django.http import QueryDict
from django.utils import timezone
from ninja import Router, Status

from gongkai.accounts import audit
from gongkai.accounts.middleware import client_ip
from gongkai.applications import forms, limits, lookup, services
from gongkai.applications.models import Channel, EventKind, ReceiptBasis

from . import throttle
from .errors import ApiError, ErrorOut
from .schemas import ApplicationIn, ApplicationReceiptOut, ApplicationStatusOut, StatusQueryIn

router = Router(tags=["依申请公开"])


def _form_message(form) -> str:
    """The form's own Chinese refusals, each named by its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            parts.append(f"{label}：{error}" if label else str(error))
    return "申请未提交：" + "；".join(parts)


@router.post(
    "/applications",
    response={201: ApplicationReceiptOut, 400: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    summary="提交政府信息公开申请（与网上申请表相同的校验）",
    operation_id="applications_submit",
)
def submit(request, payload: ApplicationIn):
    if not throttle.may_submit(request):
        raise ApiError(429, "too_many_submissions", limits.ADDRESS_MESSAGE)
    organizations = forms.public_organizations()
    org = organizations.filter(code=payload.organization).first()
    data = payload.dict()
    # The form takes the organization by its key; the API names it by its public code.
    data["organization"] = str(org.pk) if org else "0"
    data["consent"] = "on" if payload.consent else ""
    bound = QueryDict(mutable=True)
    for key, value in data.items():
        bound[key] = str(value)
    form = forms.PublicApplicationForm(bound, organizations=organizations)
    if not form.is_valid():
        raise ApiError(400, "invalid_application", _form_message(form))
    cleaned = form.cleaned_data
    if not throttle.may_submit_id(cleaned):
        raise ApiError(429, "too_many_submissions", limits.ID_MESSAGE)
    today = timezone.localdate()
    try:
        application, code = services.application_intake(
            organization=cleaned["organization"],
            data=cleaned,
            channel=Channel.ONLINE,
            submitted_on=today,
            received_on=today,
            receipt_basis=ReceiptBasis.ONLINE_RECEIPT,
            submission_token=cleaned["submission_token"],
        )
    except services.AlreadySubmitted as exc:
        raise ApiError(409, "already_submitted", str(exc)) from None
    except services.TransitionError as exc:
        raise ApiError(400, "invalid_application", str(exc)) from None
    audit.record(
        "api.application_submit",
        application,
        changes={"tracking_number": application.tracking_number},
        ip=client_ip(request),
    )
    return Status(
        201,
        {
            "tracking_number": application.tracking_number,
            "query_code": code,
            "due_on": application.due_on,
        },
    )


@router.post(
    "/applications/status",
    response={200: ApplicationStatusOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="凭申请编号和查询码查询办理进度",
    operation_id="applications_status",
)
def status(request, payload: StatusQueryIn):
    form = forms.StatusQueryForm(
        {"tracking_number": payload.tracking_number, "query_code": payload.query_code}
    )
    if not form.is_valid():
        raise ApiError(
            400, "invalid_request", _form_message(form).replace("申请未提交", "查询失败")
        )
    try:
        application = lookup.find_by_query_code(
            tracking_number=form.cleaned_data["tracking_number"],
            code=form.cleaned_data["query_code"],
            ip=client_ip(request),
        )
    except services.TransitionError as exc:
        raise ApiError(429, "locked_out", str(exc)) from None
    if application is None:
        raise ApiError(404, "not_found", "申请编号或查询码不正确，请核对后重新输入。")
    # Who handles the case is the office's business, not the applicant's.
    events = [e for e in application.events.all() if e.kind != EventKind.ASSIGN]
    return {
        "tracking_number": application.tracking_number,
        "organization": application.organization.name,
        "status": application.get_status_display(),
        "received_on": application.received_on,
        "due_on": application.due_on,
        "replied_on": application.replied_on,
        "events": [{"kind": e.get_kind_display(), "on": e.on} for e in events],
    }
