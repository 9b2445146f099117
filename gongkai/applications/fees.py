"""信息处理费 (国办函〔2020〕109号): the office's switch, the quote, the notice and how it ends,
and the year's figures for the annual report.

The fee is off unless the office turns it on. Per application the clerk picks 按件 or 按量
(never both: `FeeNotice` holds one). 按件 counts the applicant's applications of the calendar
month by their ID number or credit code — never by name, which two people may share and one
person may write two ways. The notice stops the statutory clock (clock.py) until payment or a
waiver; when the payment period has run out a person confirms the closing as 逾期未缴费.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q, Sum

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, require
from gongkai.lib import workdays

from . import fee_letters, fee_tiers
from .models import (
    Application,
    EventKind,
    FeeMethod,
    FeeNotice,
    FeeSetting,
    FeeStatus,
    Outcome,
)
from .outcomes import default_legacy
from .services import TransitionError, _transition

# 109号: the applicant pays within 20 working days of receiving the notice (counted from the
# next day, as every period of the 条例).
PAY_DAYS = 20


# ---------------------------------------------------------------- the office's switch


def fees_enabled(organization_id: int) -> bool:
    return FeeSetting.objects.filter(organization_id=organization_id, enabled=True).exists()


@transaction.atomic
def fee_setting_save(*, organization: Organization, enabled: bool, actor: User) -> FeeSetting:
    """Turn the office's fees on or off (the office's head decides; audited)."""
    require(actor, Action.APPLICATION_ASSIGN, organization.pk)
    setting, _ = FeeSetting.objects.select_for_update().get_or_create(organization=organization)
    if setting.enabled != enabled:
        setting.enabled = enabled
        setting.save()
        audit.record(
            "applications.fee_setting",
            organization,
            actor=actor,
            changes={"enabled": "收取" if enabled else "不收取"},
        )
    return setting


# ---------------------------------------------------------------- the quote


def same_applicant(application: Application):
    """The office's applications by the same applicant, known by ID number or credit code."""
    number = application.id_number.strip().upper()
    if not number:
        return Application.objects.none()
    return Application.objects.filter(
        organization_id=application.organization_id,
        id_type=application.id_type,
        id_number__iexact=number,
    )


def month_ordinal(application: Application) -> int:
    """Which of the applicant's applications of its calendar month this one is (1-based)."""
    day = application.received_on
    first = day.replace(day=1)
    earlier = Q(received_on__lt=day) | Q(received_on=day, pk__lte=application.pk)
    return (
        same_applicant(application)
        .filter(earlier, received_on__gte=first, received_on__lte=day)
        .count()
    )


@dataclass(frozen=True)
class Quote:
    method: FeeMethod
    amount: int
    lines: list[str]
    ordinal: int | None = None
    pages: int | None = None


def quote(*, application: Application, method: FeeMethod, pages: int | None = None) -> Quote:
    """The fee and its breakdown, shown before the notice goes out and frozen into it."""
    method = FeeMethod(method)
    if method == FeeMethod.PER_APPLICATION:
        if not application.id_number.strip():
            raise TransitionError(
                "按件计收按申请人的身份证件号码或统一社会信用代码统计当月申请件数，"
                "本案未登记证件号码，不能按件计收。"
            )
        k = month_ordinal(application)
        rate = fee_tiers.rate_for_application(k)
        month = f"{application.received_on:%Y年%m月}"
        lines = [f"申请人{month}向本机关提出的第 {k} 件申请（按证件号码统计）"]
        lines += [b.describe("件") for b in fee_tiers.application_bands(1, k)]
        lines.append(f"本件收费：{rate} 元" if rate else "本件在免费件数内：0 元")
        return Quote(method, rate, lines, ordinal=k)
    if not pages or pages < 1:
        raise TransitionError("按量计收请填写页数（至少 1 页）。")
    bands = fee_tiers.page_bands(pages)
    total = fee_tiers.page_total(pages)
    lines = [f"共 {pages} 页"] + [b.describe("页") for b in bands] + [f"合计：{total} 元"]
    return Quote(method, total, lines, pages=pages)


# ---------------------------------------------------------------- notice and settlement


def pending_notice(application: Application) -> FeeNotice | None:
    return application.fee_notices.filter(status=FeeStatus.PENDING).first()


def application_fee_notice(
    *,
    application: Application,
    actor: User,
    method: FeeMethod,
    pages: int | None = None,
    page_note: str = "",
    on: date | None = None,
) -> FeeNotice:
    """Issue the 收费通知: freeze the quote, start the payment period, stop the clock."""
    if not fees_enabled(application.organization_id):
        raise TransitionError("本机关未开启信息处理费，不能发出收费通知。")
    made: dict = {}

    def check(app, day):
        if pending_notice(app) is not None:
            raise TransitionError("本案已有待缴费的收费通知，请先登记缴费、减免或逾期处理。")
        made["quote"] = quote(application=app, method=method, pages=pages)
        if made["quote"].amount == 0:
            raise TransitionError("按所选方式计算，本案无需收费，不必发出收费通知。")

    def context(app, day):
        q = made["quote"]
        made["pay_by"] = workdays.add_workdays(day, PAY_DAYS)
        return {
            "fee_method": q.method.label,
            "amount": q.amount,
            "pay_by": made["pay_by"].isoformat(),
            "lines": q.lines,
        }

    def after(app):
        q = made["quote"]
        event = app.events.filter(kind=EventKind.FEE_NOTICE).order_by("-pk").first()
        made["notice"] = FeeNotice.objects.create(
            application=app,
            event=event,
            method=q.method,
            pages=q.pages,
            page_note=page_note if q.method == FeeMethod.PER_PAGE else "",
            ordinal=q.ordinal,
            amount=q.amount,
            breakdown=q.lines,
            issued_on=event.on,
            pay_by=made["pay_by"],
        )
        fee_letters.issue_notice(application=app, event=event, actor=actor)

    _transition(
        EventKind.FEE_NOTICE,
        application=application,
        actor=actor,
        on=on,
        check=check,
        context=context,
        after=after,
    )
    return made["notice"]


def _settle(
    kind: EventKind, *, application, actor, on, context, status, fields, check=None, apply=None
):
    def checked(app, day):
        notice = pending_notice(app)
        if notice is None:
            raise TransitionError("本案没有待缴费的收费通知。")
        if day < notice.issued_on:
            raise TransitionError(f"日期不能早于收费通知日期（{notice.issued_on}）。")
        if check is not None:
            check(app, day, notice)

    def after(app):
        notice = pending_notice(app)
        event = app.events.filter(kind=kind).order_by("-pk").first()
        notice.status, notice.settled_on = status, event.on
        for name, value in fields.items():
            setattr(notice, name, value)
        notice.save()
        if kind == EventKind.FEE_LAPSED:
            fee_letters.issue_lapse(application=app, event=event, actor=actor)

    return _transition(
        kind,
        application=application,
        actor=actor,
        on=on,
        check=checked,
        context=context,
        apply=apply,
        after=after,
    )


def application_fee_pay(
    *, application: Application, actor: User, amount: int, receipt_number: str, on=None
):
    """Record the payment (amount, receipt number); the clock counts again from the next day."""
    receipt_number = receipt_number.strip()
    if not receipt_number:
        raise TransitionError("请填写缴费票据号。")

    def check(app, day, notice):
        if amount != notice.amount:
            raise TransitionError(
                f"实缴金额（{amount} 元）与通知金额（{notice.amount} 元）不符；"
                "如减免部分费用，请登记减免。"
            )

    return _settle(
        EventKind.FEE_PAID,
        application=application,
        actor=actor,
        on=on,
        context={"amount": amount, "receipt_number": receipt_number},
        status=FeeStatus.PAID,
        fields={"paid_amount": amount, "receipt_number": receipt_number},
        check=check,
    )


def application_fee_waive(*, application: Application, actor: User, reason: str, on=None):
    """Waive the fee (109号 allows reduction or exemption); the clock counts again."""
    reason = reason.strip()
    if not reason:
        raise TransitionError("请填写减免理由。")
    return _settle(
        EventKind.FEE_WAIVED,
        application=application,
        actor=actor,
        on=on,
        context={"reason": reason},
        status=FeeStatus.WAIVED,
        fields={"waiver_reason": reason},
    )


def application_fee_lapse(*, application: Application, actor: User, on=None):
    """A person confirms that the payment period ran out: the case closes as 逾期未缴费."""

    def check(app, day, notice):
        if day <= notice.pay_by:
            raise TransitionError(f"缴费期限至 {notice.pay_by}，期限届满后才能按逾期未缴费处理。")

    def apply(app, day):
        outcome = Outcome.OTHER_FEE_UNPAID
        app.outcome, app.legacy_outcome, app.replied_on = outcome, default_legacy(outcome), day

    return _settle(
        EventKind.FEE_LAPSED,
        application=application,
        actor=actor,
        on=on,
        context={"outcome": Outcome.OTHER_FEE_UNPAID.label},
        status=FeeStatus.LAPSED,
        fields={},
        check=check,
        apply=apply,
    )


# ---------------------------------------------------------------- the year's figures


def fee_figures(*, year: int, organization_ids=None) -> dict[str, int]:
    """Notices issued in `year`, the amount billed, the amount collected (by payment date)."""
    notices = FeeNotice.objects.filter(issued_on__year=year)
    paid = FeeNotice.objects.filter(status=FeeStatus.PAID, settled_on__year=year)
    if organization_ids is not None:
        notices = notices.filter(application__organization_id__in=organization_ids)
        paid = paid.filter(application__organization_id__in=organization_ids)
    issued = notices.aggregate(n=Count("pk"), billed=Sum("amount"))
    return {
        "notices": issued["n"],
        "billed": issued["billed"] or 0,
        "collected": paid.aggregate(s=Sum("paid_amount"))["s"] or 0,
    }
