"""Staff endpoints, under a per-user API token: the token's user's cases, within the token's
organization, through the same selectors, permissions and services as the inbox."""

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router
from ninja.security import HttpBearer

from gongkai.accounts.models import Organization
from gongkai.accounts.permissions import Action
from gongkai.applications import selectors, services
from gongkai.applications.models import Application, Status
from gongkai.applications.permissions import get_application_for

from .errors import ApiError, ErrorOut
from .public import MAX_ID
from .schemas import CaseOut, CasePageOut, TransitionIn
from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        found = api_token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found
        return found


router = Router(tags=["工作人员"], auth=TokenAuth())
REFUSALS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
CASES_PER_PAGE = 50
STATUS_FILTERS = {"open", *Status.values}


def _in_token_scope(request, application: Application) -> bool:
    token = request.api_token
    return application.organization_id in Organization.objects.subtree_ids(token.organization)


def _case(application: Application) -> dict:
    return {
        "id": application.pk,
        "tracking_number": application.tracking_number,
        "organization": application.organization.name,
        "status": application.status,
        "status_label": application.get_status_display(),
        "received_on": application.received_on,
        "due_on": application.due_on,
        "assignee": application.assignee.display_name if application.assignee_id else None,
        "applicant_name": application.applicant_name,
        "description": application.description,
    }


@router.get(
    "/staff/applications",
    response={200: CasePageOut, **REFUSALS},
    summary="我可办理的依申请公开案件",
    operation_id="staff_applications_list",
)
def cases(
    request,
    who: str = Query(
        "all", pattern="^(all|mine|unassigned)$", description="all、mine 或 unassigned"
    ),
    status: str = Query("open", max_length=30, description="open 或某一办理状态"),
    page: int = Query(1, ge=1, le=10_000),
):
    if status not in STATUS_FILTERS:
        raise ApiError(400, "unknown_status", "办理状态应为 open 或接口文档列出的状态代码之一。")
    rows = selectors.inbox(
        request.user,
        who=who,
        status=status,
        within=Organization.objects.subtree_ids(request.api_token.organization),
    )
    start = (page - 1) * CASES_PER_PAGE
    found = list(rows[start : start + CASES_PER_PAGE + 1])
    return {
        "cases": [_case(a) for a in found[:CASES_PER_PAGE]],
        "page": page,
        "has_next": len(found) > CASES_PER_PAGE,
    }


def _load(request, application_id: int, action: Action | None = None) -> Application:
    application = get_application_for(request.user, application_id, action)
    if not _in_token_scope(request, application):
        raise ApiError(403, "out_of_scope", "该令牌只能访问其所属机构的案件。")
    return application


@router.get(
    "/staff/applications/{application_id}",
    response={200: CaseOut, **REFUSALS},
    summary="案件详情",
    operation_id="staff_applications_detail",
)
def case_detail(request, application_id: int = Path(..., ge=1, le=MAX_ID)):
    return _case(_load(request, application_id))


# The transitions the API offers: those that need no more than a date. The rest (replies,
# extensions, consultations) need the documents and sign-off only the workspace handles.
TRANSITIONS = {
    "accept": (services.application_accept, "受理"),
    "start": (services.application_start, "开始办理"),
    "archive": (services.application_archive, "归档"),
}


@router.post(
    "/staff/applications/{application_id}/{transition}",
    response={200: CaseOut, **REFUSALS, 409: ErrorOut},
    summary="办理案件：受理（accept）、开始办理（start）、归档（archive）",
    operation_id="staff_applications_transition",
)
def case_transition(
    request,
    payload: TransitionIn,
    application_id: int = Path(..., ge=1, le=MAX_ID),
    transition: str = Path(..., pattern="^(accept|start|archive)$"),
):
    service, label = TRANSITIONS[transition]
    application = _load(request, application_id, Action.APPLICATION_HANDLE)
    try:
        service(application=application, actor=request.user, on=payload.on)
    except services.TransitionError as exc:
        raise ApiError(409, "transition_refused", f"不能{label}：{exc}") from None
    application = get_object_or_404(
        Application.objects.select_related("organization", "assignee"), pk=application.pk
    )
    return _case(application)
