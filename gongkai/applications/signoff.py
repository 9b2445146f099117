"""The sign-off chain: a reply (or an extension) drafted by the 承办人 goes out only once each
stage of its office's chain has approved it.

The chain is configured per office like the catalog's review chain (`SignoffStage`), copied onto
the draft when it is submitted. Each stage approves or returns with a comment; a returned draft
goes back to the 承办人, who corrects and resubmits it (a new round). The last stage's approval
is the signature: it calls `application_reply` (or `application_extend`) with the draft's
fields, in the same transaction. Every step is an ApplicationEvent on the case's timeline and an
audit entry. Nobody approves their own draft, and nobody decides two stages of one round.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, can, organization_ids_for

from . import clock as clock_rules
from .models import (
    Application,
    ApplicationEvent,
    EventKind,
    NotificationKind,
    SignoffKind,
    SignoffRequest,
    SignoffStage,
    SignoffStatus,
    Status,
)
from .outcomes import LegacyOutcome, Outcome, default_legacy, legacy_allowed
from .permissions import staff_who_can
from .services import (
    EXTERNAL_KINDS,
    TRANSITIONS,
    TransitionError,
    application_extend,
    application_reply,
    clock_for,
    reply_reason_problem,
)

A = Action
# (name, action, only for replies that do not disclose everything)
DEFAULT_CHAINS: dict[SignoffKind, list[tuple[str, Action, bool]]] = {
    SignoffKind.REPLY: [
        ("处室负责人审核", A.APPLICATION_REVIEW_DIVISION, False),
        # Every reply that does not give the applicant everything asked for — 部分公开, 不予公开,
        # and also 无法提供, 不予处理 and 其他处理 — is a decision the applicant may challenge
        # (第51条: 行政复议, 行政诉讼) and must state its reasons and legal basis (第36条): the
        # legal reviewer checks that basis before it is signed. A full disclosure needs no such
        # check.
        ("法制审核", A.APPLICATION_REVIEW_LEGAL, True),
        ("分管领导签发", A.APPLICATION_SIGN_REPLY, False),
    ],
    SignoffKind.EXTENSION: [
        # 第33条第2款: the head of the disclosure office approves (the 处室负责人 by default).
        ("信息公开工作机构负责人批准", A.APPLICATION_APPROVE_EXTENSION, False),
    ],
}
# The actions a stage of each chain may require, and the one its last stage must: the signature
# is the transition itself, which needs that action.
STAGE_ACTIONS: dict[SignoffKind, tuple[Action, ...]] = {
    SignoffKind.REPLY: (
        A.APPLICATION_REVIEW_DIVISION,
        A.APPLICATION_REVIEW_LEGAL,
        A.APPLICATION_SIGN_REPLY,
    ),
    SignoffKind.EXTENSION: (A.APPLICATION_REVIEW_DIVISION, A.APPLICATION_APPROVE_EXTENSION),
}
FINAL_ACTION = {
    SignoffKind.REPLY: A.APPLICATION_SIGN_REPLY,
    SignoffKind.EXTENSION: A.APPLICATION_APPROVE_EXTENSION,
}
SOURCE_STATUSES = {
    SignoffKind.REPLY: TRANSITIONS[EventKind.REPLY].sources,
    SignoffKind.EXTENSION: TRANSITIONS[EventKind.EXTEND].sources,
}
MAX_STAGES = 6
REPLY_FIELDS = (
    "outcome",
    "legacy_outcome",
    "summary",
    "legal_basis",
    "provided",
    "access",
    "other_agency",
    "other_agency_contact",
)


# ---------------------------------------------------------------- configuration


def configured_chain(
    organization: Organization | None, kind: SignoffKind
) -> tuple[Organization | None, list[dict]]:
    """(whose chain applies, its stages): the organization's own rows, else the nearest
    ancestor's, else the site default (organization None), else `DEFAULT_CHAINS`."""
    kind = SignoffKind(kind)
    owners = [organization, *organization.ancestors()] if organization else []
    for owner in [*owners, None]:
        stages = [
            {
                "name": s.name,
                "action": s.action,
                "adverse_only": s.adverse_only,
                "person_id": s.person_id,
            }
            for s in SignoffStage.objects.filter(organization=owner, kind=kind).order_by("position")
        ]
        if stages:
            return owner, stages
    return None, [
        {"name": name, "action": action.value, "adverse_only": adverse, "person_id": None}
        for name, action, adverse in DEFAULT_CHAINS[kind]
    ]


def plan_for(organization: Organization, kind: SignoffKind, outcome: str = "") -> list[dict]:
    """The stages a draft of `kind` (with `outcome`) goes through, checked."""
    _, stages = configured_chain(organization, kind)
    adverse = bool(outcome) and Outcome(outcome).is_adverse
    plan = [s for s in stages if adverse or not s["adverse_only"]]
    if (
        not plan
        or any(s["action"] not in STAGE_ACTIONS[kind] for s in plan)
        or plan[-1]["action"] != FINAL_ACTION[kind]
    ):
        raise TransitionError("本机关的签发流程配置有误，请联系管理员在“签发流程”中重新设置。")
    return plan


def can_configure(user: User, organization: Organization) -> bool:
    # Whoever sets the catalog's review chain and the guide sets the office's procedure.
    return can(user, A.CATALOG_EDIT_GUIDE, organization)


@transaction.atomic
def signoff_chain_save(
    *,
    organization: Organization,
    kind: SignoffKind,
    actor: User,
    stages: list[dict],
) -> list[SignoffStage]:
    """Replace the organization's own chain for `kind`. Drafts under way keep theirs."""
    kind = SignoffKind(kind)
    if not can_configure(actor, organization):
        raise PermissionDenied("您没有权限设置该机构的签发流程")
    cleaned = []
    for stage in stages:
        name = (stage.get("name") or "").strip()
        action = stage.get("action") or ""
        if not name:
            raise TransitionError("每个签发环节都要填写名称。")
        if len(name) > 40:
            raise TransitionError(f"环节名称“{name[:10]}…”过长，请不超过 40 个字。")
        if action not in STAGE_ACTIONS[kind]:
            allowed = "、".join(a.label for a in STAGE_ACTIONS[kind])
            raise TransitionError(f"环节“{name}”所需权限无效，只能是{allowed}。")
        person = stage.get("person")
        if person is not None and not can(person, Action(action), organization):
            raise TransitionError(
                f"{person.display_name} 没有“{Action(action).label}”的权限，不能指定办理环节“{name}”。"
            )
        cleaned.append((name, action, bool(stage.get("adverse_only")), person))
    if not cleaned:
        raise TransitionError("签发流程至少要有一个环节。")
    if len(cleaned) > MAX_STAGES:
        raise TransitionError(f"签发流程最多 {MAX_STAGES} 个环节。")
    final = FINAL_ACTION[kind]
    if cleaned[-1][1] != final or cleaned[-1][2]:
        raise TransitionError(f"最后一个环节须为“{final.label}”，且适用于全部答复。")
    _, before = configured_chain(organization, kind)
    SignoffStage.objects.filter(organization=organization, kind=kind).delete()
    rows = [
        SignoffStage.objects.create(
            organization=organization,
            kind=kind,
            position=position,
            name=name,
            action=action,
            adverse_only=adverse,
            person=person,
        )
        for position, (name, action, adverse, person) in enumerate(cleaned, start=1)
    ]
    audit.record(
        "applications.signoff_chain_save",
        organization,
        actor=actor,
        changes={
            "kind": kind.value,
            "before": [s["name"] for s in before],
            "after": [name for name, *_ in cleaned],
        },
    )
    return rows


@transaction.atomic
def signoff_chain_reset(*, organization: Organization, kind: SignoffKind, actor: User) -> None:
    if not can_configure(actor, organization):
        raise PermissionDenied("您没有权限设置该机构的签发流程")
    deleted, _ = SignoffStage.objects.filter(organization=organization, kind=kind).delete()
    if not deleted:
        raise TransitionError("该机构没有单独设置签发流程。")
    audit.record(
        "applications.signoff_chain_reset", organization, actor=actor, changes={"kind": kind}
    )


# ---------------------------------------------------------------- who may decide


@dataclass(frozen=True)
class Refusal:
    message: str
    conflict: bool  # the right is there, a duty forbids it (409), rather than no right (403)


def refusal(user: User, request: SignoffRequest) -> Refusal | None:
    """Why `user` may not decide the stage now waiting, or None when they may."""
    if request.status != SignoffStatus.PENDING:
        return Refusal("该草稿当前没有等待审核的环节。", True)
    stage = request.plan[request.position]
    action = Action(stage["action"])
    if not can(user, action, request.application.organization_id):
        return Refusal(f"您没有权限办理“{stage['name']}”环节。", False)
    if stage.get("person_id") and stage["person_id"] != user.pk:
        return Refusal(f"“{stage['name']}”环节由本机关指定的人员办理。", False)
    if request.drafter_id == user.pk:
        return Refusal("不能审核自己起草的答复，请由其他人员办理。", True)
    if user.pk in request.approved_by:
        return Refusal("您已在本轮审核中同意过其他环节，同一人不能办理两个环节。", True)
    return None


def deciders(request: SignoffRequest) -> list[User]:
    """Who may decide the stage now waiting (for the case page's "who can take it")."""
    if request.status != SignoffStatus.PENDING:
        return []
    stage = request.plan[request.position]
    if stage.get("person_id"):
        people = User.objects.filter(pk=stage["person_id"], is_active=True)
    else:
        people = staff_who_can(Action(stage["action"]), request.application.organization_id)
    people = people.exclude(pk=request.drafter_id).exclude(pk__in=request.approved_by)
    return list(people.order_by("full_name", "username"))


def waiting_for(user: User):
    """Drafts whose stage now waiting this user may decide: the "待我签发" queue."""
    if not getattr(user, "is_authenticated", False):
        return SignoffRequest.objects.none()
    stages = Q(pk__in=[])
    for action in dict.fromkeys(a for actions in STAGE_ACTIONS.values() for a in actions):
        if can(user, action):
            stage = Q(current_action=action.value)
            ids = organization_ids_for(user, action)
            if ids is not None:
                stage &= Q(application__organization_id__in=sorted(ids))
            stages |= stage
    return (
        SignoffRequest.objects.filter(stages, status=SignoffStatus.PENDING)
        .filter(Q(current_person__isnull=True) | Q(current_person=user))
        .exclude(drafter=user)
        .select_related("application", "drafter")
        .order_by("submitted_at", "pk")
    )


def queue_for(user: User) -> list[SignoffRequest]:
    # Approvals of this round are a JSON list: left out here rather than in SQL (few rows).
    return [r for r in waiting_for(user) if user.pk not in r.approved_by]


# ---------------------------------------------------------------- steps


def _locked_case(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _event(app, kind: EventKind, actor: User, context: dict) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=app,
        kind=kind,
        on=timezone.localdate(),
        actor=actor,
        actor_name=actor.display_name,
        from_status=app.status,
        to_status=app.status,
        context=context,
    )
    audit.record(f"applications.{kind.value}", app, actor=actor, changes=context)
    return event


def _may_draft(actor: User, app: Application) -> None:
    if not can(actor, A.APPLICATION_HANDLE, app.organization_id):
        raise PermissionDenied(f"您没有权限执行“{A.APPLICATION_HANDLE.label}”")
    if app.assignee_id and app.assignee_id != actor.pk:
        raise TransitionError(
            f"本案由 {app.assignee.display_name} 承办，答复和延期由承办人起草并提交审核。"
        )


def _check_reply(fields: dict) -> dict:
    if not fields.get("outcome"):
        raise TransitionError("请选择办理结果。")
    outcome = Outcome(fields["outcome"])
    if outcome == Outcome.OTHER_NO_CORRECTION:
        raise TransitionError("逾期不补正的申请请使用“按视为放弃申请处理”。")
    legacy = (
        LegacyOutcome(fields["legacy_outcome"])
        if fields.get("legacy_outcome")
        else default_legacy(outcome)
    )
    if not legacy_allowed(outcome, legacy):
        raise TransitionError(f"办理结果“{outcome.label}”不能归入旧版年报分类“{legacy.label}”。")
    problem = reply_reason_problem(outcome, fields.get("summary", ""))
    if problem:
        raise TransitionError(problem)
    cleaned = {k: (fields.get(k) or "").strip() for k in REPLY_FIELDS}
    cleaned.update(outcome=outcome.value, legacy_outcome=legacy.value)
    return cleaned


def _check_extension(app: Application, days: int | None, reason: str) -> dict:
    if not days or days < 1:
        raise TransitionError("延期天数应至少为1个工作日。")
    if not (reason or "").strip():
        raise TransitionError("请填写延期理由。")
    clk = clock_for(app)
    if clk.due_on is not None and timezone.localdate() > clk.due_on:
        raise TransitionError(f"答复期限已于 {clk.due_on} 届满，不能再申请延期。")
    if clk.extension_days + days > clock_rules.MAX_EXTENSION_DAYS:
        left = clock_rules.MAX_EXTENSION_DAYS - clk.extension_days
        raise TransitionError(
            f"延长答复期限最长不得超过20个工作日；本案已延期 {clk.extension_days} 个工作日，"
            f"最多还可延期 {left} 个工作日。"
        )
    return {"days": days, "reason": reason.strip()}


def signoff_submit(
    *, application: Application, actor: User, kind: SignoffKind, **fields
) -> SignoffRequest:
    """The 承办人 submits a reply (outcome, reasons, legal basis, what is provided and how…) or
    an extension (days, reason) into its chain; a returned draft is corrected and resubmitted."""
    kind = SignoffKind(kind)
    with transaction.atomic():
        app = _locked_case(application)
        _may_draft(actor, app)
        if app.status not in SOURCE_STATUSES[kind]:
            raise TransitionError(
                f"申请 {app.tracking_number} 当前状态为“{app.get_status_display()}”，"
                f"不能提交{kind.label}审核。"
            )
        if kind == SignoffKind.REPLY:
            values = _check_reply(fields)
        else:
            values = _check_extension(app, fields.get("days"), fields.get("reason", ""))
        plan = plan_for(app.organization, kind, values.get("outcome", ""))
        request = (
            SignoffRequest.objects.select_for_update()
            .filter(application=app, kind=kind)
            .exclude(status=SignoffStatus.DONE)
            .first()
        )
        if request is not None and request.status == SignoffStatus.PENDING:
            raise TransitionError(
                f"本案的{kind.label}已在“{request.stage_name}”环节审核中，不能重复提交。"
            )
        if request is None:
            request = SignoffRequest(application=app, kind=kind, drafter=actor, round=0)
        for name, value in values.items():
            setattr(request, name, value)
        request.drafter = actor
        request.round += 1
        request.status = SignoffStatus.PENDING
        request.plan, request.position, request.approved_by = plan, 0, []
        request.current_action = plan[0]["action"]
        request.current_person_id = plan[0]["person_id"]
        request.submitted_at = timezone.now()
        request.save()
        context = {
            "signoff": kind.value,
            "signoff_label": kind.label,
            "round": request.round,
            "stage": plan[0]["name"],
        }
        if kind == SignoffKind.REPLY:
            context["draft_outcome"] = Outcome(values["outcome"]).label
        else:
            context["requested_days"] = values["days"]
        _event(app, EventKind.SIGNOFF_SUBMIT, actor, context)
    return request


def _locked_request(request: SignoffRequest) -> tuple[Application, SignoffRequest]:
    app = _locked_case(request.application)
    locked = SignoffRequest.objects.select_for_update().get(pk=request.pk)
    locked.application = app
    return app, locked


def _check_decider(actor: User, request: SignoffRequest) -> None:
    found = refusal(actor, request)
    if found is None:
        return
    if found.conflict:
        raise TransitionError(found.message)
    raise PermissionDenied(found.message)


def signoff_approve(*, request: SignoffRequest, actor: User, comment: str = "") -> SignoffRequest:
    """The stage now waiting agrees; the last stage's agreement signs and sends the reply (or
    grants the extension) with the draft's fields."""
    with transaction.atomic():
        app, request = _locked_request(request)
        _check_decider(actor, request)
        stage = request.plan[request.position]
        context = {
            "signoff": request.kind,
            "signoff_label": request.get_kind_display(),
            "round": request.round,
            "stage": stage["name"],
            "comment": comment.strip(),
        }
        request.approved_by = [*request.approved_by, actor.pk]
        request.last_comment = comment.strip()
        if request.position + 1 < len(request.plan):
            request.position += 1
            following = request.plan[request.position]
            request.current_action = following["action"]
            request.current_person_id = following["person_id"]
            request.save()
            _event(app, EventKind.SIGNOFF_APPROVE, actor, context)
            return request
        request.status = SignoffStatus.DONE
        request.current_action, request.current_person_id = "", None
        request.decided_at = timezone.now()
        request.save()
        _event(app, EventKind.SIGNOFF_APPROVE, actor, context)
        if request.kind == SignoffKind.REPLY:
            application_reply(
                application=app,
                actor=actor,
                signed_by=actor.display_name,
                **{name: getattr(request, name) for name in REPLY_FIELDS},
            )
        else:
            application_extend(
                application=app, actor=actor, days=request.days, reason=request.reason
            )
    request.application.__dict__.update(app.__dict__)
    return request


def signoff_return(*, request: SignoffRequest, actor: User, comment: str) -> SignoffRequest:
    """The stage now waiting sends the draft back to the 承办人, saying why."""
    from .notifications import notify

    comment = comment.strip()
    if not comment:
        raise TransitionError("退回修改时必须填写审核意见。")
    with transaction.atomic():
        app, request = _locked_request(request)
        _check_decider(actor, request)
        stage = request.plan[request.position]["name"]
        request.status = SignoffStatus.RETURNED
        request.current_action, request.current_person_id = "", None
        request.last_comment = comment
        request.save()
        _event(
            app,
            EventKind.SIGNOFF_RETURN,
            actor,
            {
                "signoff": request.kind,
                "signoff_label": request.get_kind_display(),
                "round": request.round,
                "stage": stage,
                "comment": comment,
            },
        )
        notify(
            request.drafter,
            app,
            NotificationKind.RETURNED,
            f"申请 {app.tracking_number} 的{request.get_kind_display()}在“{stage}”环节被"
            f" {actor.display_name} 退回修改：{comment}",
        )
    return request


def open_requests(application: Application) -> dict[str, SignoffRequest]:
    """The case's drafts not yet signed, by kind."""
    return {
        r.kind: r
        for r in application.signoff_requests.exclude(status=SignoffStatus.DONE).select_related(
            "drafter"
        )
    }


# ---------------------------------------------------------------- the next step


# A case waiting on someone outside the office says so before what the office can do meanwhile.
_WAITING = {
    Status.CORRECTION_REQUESTED: "等待申请人补正",
    Status.CONSULTING: "等待第三方或有关机关的意见",
}
_DRAFT_LABELS = {SignoffKind.REPLY: "起草答复提交审核", SignoffKind.EXTENSION: "申请延期答复"}


def handler_steps(status: str) -> list[str]:
    """What the 承办人 can do on a case in `status`: the very steps the case page offers them
    (its buttons and draft forms), so the next-step line never names one that is not there."""
    steps = [
        rule.label
        for kind, rule in TRANSITIONS.items()
        if status in rule.sources
        and rule.action == Action.APPLICATION_HANDLE
        and kind not in EXTERNAL_KINDS
    ]
    steps += [label for kind, label in _DRAFT_LABELS.items() if status in SOURCE_STATUSES[kind]]
    return steps


def _next_text(status: str) -> str:
    steps = handler_steps(status)
    if not steps:
        return ""
    text = steps[0] if len(steps) == 1 else "、".join(steps[:-1]) + "或" + steps[-1]
    waiting = _WAITING.get(status)
    return f"{waiting}；可以{text}" if waiting else text


def _names(people) -> str:
    names = [p.display_name for p in people[:6]]
    return (
        "、".join(names) + ("等" if len(people) > 6 else "")
        if names
        else "（本机关暂无有权限的人员）"
    )


def next_steps(application: Application) -> list[dict]:
    """What happens next on the case and who can do it: [{text, who}], for the case page."""
    steps = []
    requests = open_requests(application)
    for kind in (SignoffKind.REPLY, SignoffKind.EXTENSION):
        request = requests.get(kind)
        if request is None:
            continue
        if request.status == SignoffStatus.PENDING:
            steps.append(
                {
                    "text": f"{request.get_kind_display()}草稿待“{request.stage_name}”",
                    "who": _names(deciders(request)),
                }
            )
        else:
            steps.append(
                {
                    "text": f"{request.get_kind_display()}草稿已退回，由拟稿人修改后重新提交",
                    "who": request.drafter.display_name,
                }
            )
    if SignoffKind.REPLY in requests:
        return steps
    text = _next_text(application.status)
    if text:
        if application.assignee_id:
            who = f"承办人 {application.assignee.display_name}"
        else:
            who = (
                _names(list(staff_who_can(A.APPLICATION_HANDLE, application.organization_id)))
                + "（尚未分配承办人）"
            )
        steps.append({"text": text, "who": who})
    return steps
