"""The applicant's side: who the status page knows, the online correction, and the e-mails an
applicant gets (the confirmation on submission, a new query code when the old one is lost).

Applicants have no accounts. Giving the tracking number and the query code on the status page
puts the case into the browser's session (`remember`); the pages that show or accept anything
of one case (its files, its letters, its correction) load it with `case_for`, which answers 404
for a case this browser has not opened — so no applicant reaches another's.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.lib import mail, workdays
from gongkai.lib.links import absolute

from . import lookup, services, storage
from .models import (
    Application,
    ApplicationEvent,
    Attachment,
    AttachmentKind,
    EventKind,
    NotificationKind,
    Status,
)
from .notifications import notify

SESSION_KEY = "applicant_cases"
# Statuses after which the reply is out: its outcome and the disclosed files are shown.
ANSWERED = frozenset({Status.REPLIED, Status.DELIVERED, Status.ARCHIVED})


def remember(request, application: Application) -> None:
    """This browser proved it holds the case's query code."""
    cases = [n for n in request.session.get(SESSION_KEY, []) if n != application.tracking_number]
    request.session[SESSION_KEY] = [*cases[-9:], application.tracking_number]


def case_for(request, tracking_number: str) -> Application:
    """The case `tracking_number` if this browser opened it with its query code, else 404."""
    if tracking_number not in request.session.get(SESSION_KEY, []):
        raise Http404("请先凭申请编号和查询码查询该申请")
    try:
        return Application.objects.select_related("organization").get(
            tracking_number=tracking_number
        )
    except Application.DoesNotExist as exc:
        raise Http404("没有这个申请") from exc


def disclosed_files(application: Application):
    if application.status not in ANSWERED:
        return Attachment.objects.none()
    return application.attachments.filter(kind=AttachmentKind.DISCLOSED).order_by("pk")


def correction_open(application: Application, clock=None) -> bool:
    """The applicant may send a correction now: one was asked for and its period runs."""
    if application.status != Status.CORRECTION_REQUESTED:
        return False
    clock = clock or services.clock_for(application)
    return clock.correction_due is None or timezone.localdate() <= clock.correction_due


def correction_submit(*, application: Application, text: str, files=()) -> ApplicationEvent:
    """The applicant's correction, sent online (text and attachments): recorded on the case
    for the clerk, who registers it (`application_receive_correction`) — the clock restarts
    from the day it arrived, which is today."""
    text = text.strip()
    if not text and not files:
        raise services.TransitionError("请填写补正内容或上传补正材料。")
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        if not correction_open(app):
            raise services.TransitionError(
                "本申请当前不在补正期限内，不能在网上提交补正材料；如有疑问请联系受理机关。"
            )
        with storage.removed_on_failure() as written:
            for upload in files:
                row = Attachment.objects.create(
                    application=app,
                    file=upload,
                    name=upload.name,
                    size=upload.size,
                    kind=AttachmentKind.CORRECTION,
                )
                written.append(row.file.name)
            event = ApplicationEvent.objects.create(
                application=app,
                kind=EventKind.CORRECTION_ONLINE,
                on=timezone.localdate(),
                actor_name="申请人（网上提交）",
                from_status=app.status,
                to_status=app.status,
                context={"note": text[:2000], "attachments": len(files)},
            )
            audit.record(
                "applications.correction_online", app, actor=None, changes={"files": len(files)}
            )
            if app.assignee_id:
                notify(
                    app.assignee,
                    app,
                    NotificationKind.CORRECTION,
                    f"申请人已在网上提交申请 {app.tracking_number} 的补正材料，请核对后登记。",
                )
    return event


def due_caveat(application: Application) -> str:
    """Why the due date may still move: a year whose holiday schedule is not entered yet."""
    if application.due_on is None:
        return ""
    years = workdays.uncovered_years(application.received_on, application.due_on)
    if not years:
        return ""
    listed = "、".join(f"{y}年" for y in years)
    return (
        f"{listed}的法定节假日安排尚未公布，以上期限暂按周一至周五为工作日计算；"
        "如遇法定节假日，期限相应顺延，以本机关的书面告知为准。"
    )


def send_confirmation(application: Application) -> bool:
    """Tell an applicant who gave an e-mail address that the application arrived."""
    if not application.email:
        return False
    caveat = due_caveat(application)
    body = (
        f"{application.applicant_name}：\n\n"
        f"{application.organization.name}已于 {application.received_on} 收到您的政府信息公开申请。\n"
        f"申请编号：{application.tracking_number}\n"
        f"答复期限：{application.due_on}（自收到申请之日起20个工作日；如需补正、征求第三方意见"
        "或延期，将另行告知）\n"
        + (f"{caveat}\n" if caveat else "")
        + f"\n请凭申请编号和提交时显示的查询码查询办理进度：{absolute(reverse('applications:apply_status'))}\n"
        f"忘记查询码的，可在该页面申请将新的查询码发送至本邮箱。\n"
    )
    return mail.send(
        application.email, f"[政府信息公开] 申请已收到：{application.tracking_number}", body
    )


CODE_RESEND_INTERVAL = timedelta(minutes=15)


def resend_query_code(*, tracking_number: str, email: str, ip: str | None) -> None:
    """E-mail a new query code to the address on file when the number and address match.

    The old code stops working (only its hash was stored: it cannot be sent again). The caller
    shows the same answer whatever happens, so the form tells nobody whether a number exists.
    At most one code per case per `CODE_RESEND_INTERVAL`; each request counts as a lookup
    attempt from the address, so the status lookup's lockout limits guessing here too.
    """
    key = f"resend:{tracking_number.strip().lower()}"[:40]
    # Counted as a failed lookup before anything is checked (the lockout applies here too).
    if lookup.lookup_attempt(ip=ip, tracking_number=key) is None:
        return
    email = email.strip().lower()
    with transaction.atomic():
        app = (
            Application.objects.select_for_update()
            .select_related("organization")
            .filter(tracking_number=tracking_number.strip().lower())
            .first()
        )
        if app is None or not app.email or app.email.strip().lower() != email:
            return
        now = timezone.now()
        if app.code_sent_at and now - app.code_sent_at < CODE_RESEND_INTERVAL:
            return
        code = lookup.new_query_code()
        app.query_code_hash = lookup._hash_code(code, secrets.token_hex(8))
        app.code_sent_at = now
        app.save(update_fields=["query_code_hash", "code_sent_at", "updated_at"])
        audit.record("applications.query_code_resent", app, actor=None, changes={})
        body = (
            f"{app.applicant_name}：\n\n您申请重新发送申请 {app.tracking_number} 的查询码。\n"
            f"新的查询码：{code}\n原查询码已失效。\n\n"
            f"查询办理进度：{absolute(reverse('applications:apply_status'))}\n"
            "如非本人操作，请联系受理机关。\n"
        )
        mail.send_on_commit(app.email, f"[政府信息公开] 新的查询码：{app.tracking_number}", body)
