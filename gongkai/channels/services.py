"""Entering the year's channel figures. Each change is atomic, audited, and kept with who made it.

Only staff who compile the annual report (编制年度报告) of the organization enter its figures:
they are the report's inputs.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import Organization, User
from gongkai.accounts.permissions import Action, can

from .models import (
    SERVICE_FIGURE_FIELDS,
    MediaAccount,
    MediaMonth,
    Platform,
    PressConference,
    ServiceFigures,
)

FIRST_YEAR = 2008  # the year the first Regulations took effect
MONTH_FIELDS = ("followers", "posts", "average_reads")


class ChannelError(Exception):
    """A request the rules refuse; the message is shown to the user as it is."""


def _require(actor: User, organization_id: int) -> None:
    if not can(actor, Action.REPORT_COMPOSE, organization_id):
        raise PermissionDenied("您没有权限录入该机构的发布渠道数据")


def check_year(year: int) -> int:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ChannelError(f"年度应在 {FIRST_YEAR} 年至 {this_year} 年之间。")
    return year


def _count(value, label: str) -> int:
    if value is None or value == "":
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ChannelError(f"{label}应为不小于 0 的整数。")
    return value


@transaction.atomic
def service_figures_save(
    *, actor: User, organization: Organization, year: int, data: dict
) -> ServiceFigures:
    """The year's hotline and hall figures, replacing what was entered before."""
    _require(actor, organization.pk)
    check_year(year)
    figures = (
        ServiceFigures.objects.select_for_update()
        .filter(organization=organization, year=year)
        .first()
    ) or ServiceFigures(organization=organization, year=year)
    before = {f: getattr(figures, f) for f in SERVICE_FIGURE_FIELDS} if figures.pk else {}
    for field in SERVICE_FIGURE_FIELDS:
        label = str(ServiceFigures._meta.get_field(field).verbose_name)
        setattr(figures, field, _count(data.get(field), label))
    figures.entered_by = actor
    figures.save()
    after = {f: getattr(figures, f) for f in SERVICE_FIGURE_FIELDS}
    audit.record(
        "channels.service_figures_save",
        figures,
        actor=actor,
        changes={"year": year, **audit.diff(before, after)} if before else {"year": year, **after},
    )
    return figures


@transaction.atomic
def press_conference_add(
    *,
    actor: User,
    organization: Organization,
    year: int,
    held_on: date,
    title: str,
    policies: str = "",
) -> PressConference:
    _require(actor, organization.pk)
    check_year(year)
    title = (title or "").strip()
    if not title:
        raise ChannelError("请填写发布会名称。")
    if len(title) > 200:
        raise ChannelError("发布会名称不超过 200 个字。")
    if held_on.year != year:
        raise ChannelError(f"召开日期应在 {year} 年内（本页录入 {year} 年的数据）。")
    if held_on > timezone.localdate():
        raise ChannelError("召开日期不能晚于今天。")
    conference = PressConference.objects.create(
        organization=organization,
        held_on=held_on,
        title=title,
        policies=(policies or "").strip(),
        entered_by=actor,
    )
    audit.record(
        "channels.press_conference_add",
        conference,
        actor=actor,
        changes={"held_on": held_on.isoformat(), "title": title},
    )
    return conference


@transaction.atomic
def press_conference_remove(*, actor: User, conference: PressConference) -> None:
    """Remove a conference entered by mistake; the audit log keeps what it was."""
    _require(actor, conference.organization_id)
    audit.record(
        "channels.press_conference_remove",
        conference,
        actor=actor,
        changes={"held_on": conference.held_on.isoformat(), "title": conference.title},
    )
    conference.delete()


@transaction.atomic
def media_account_add(
    *,
    actor: User,
    organization: Organization,
    platform: str,
    name: str,
    launched_on: date | None = None,
) -> MediaAccount:
    _require(actor, organization.pk)
    if platform not in Platform.values:
        raise ChannelError("请选择平台：微博、微信公众号、移动客户端或其他平台。")
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ChannelError("请填写账号名称（不超过 100 个字）。")
    if launched_on is not None and launched_on > timezone.localdate():
        raise ChannelError("开通日期不能晚于今天。")
    try:
        with transaction.atomic():
            account = MediaAccount.objects.create(
                organization=organization,
                platform=platform,
                name=name,
                launched_on=launched_on,
                entered_by=actor,
            )
    except IntegrityError:
        raise ChannelError(
            f"已有{Platform(platform).label}账号“{name}”，请在其月度数据中录入。"
        ) from None
    audit.record(
        "channels.media_account_add",
        account,
        actor=actor,
        changes={"platform": platform, "name": name},
    )
    return account


@transaction.atomic
def media_months_save(
    *, actor: User, account: MediaAccount, year: int, months: dict[int, dict]
) -> int:
    """An account's figures for the months of `year` given in `months` ({month: {followers,
    posts, average_reads}}); a month given with all three empty is cleared. Months of the
    future are refused. Returns how many months now hold figures."""
    _require(actor, account.organization_id)
    check_year(year)
    today = timezone.localdate()
    labels = {f: str(MediaMonth._meta.get_field(f).verbose_name) for f in MONTH_FIELDS}
    changes = {}
    for month, values in sorted(months.items()):
        if not 1 <= month <= 12:
            raise ChannelError("月份应为 1 至 12。")
        given = {f: values.get(f) for f in MONTH_FIELDS if values.get(f) not in (None, "")}
        existing = MediaMonth.objects.filter(account=account, year=year, month=month).first()
        if not given:
            if existing is not None:
                existing.delete()
                changes[f"{month}月"] = "清除"
            continue
        missing = [labels[f] for f in MONTH_FIELDS if f not in given]
        if missing:
            raise ChannelError(f"{month}月还需填写{'、'.join(missing)}。")
        if (year, month) > (today.year, today.month):
            raise ChannelError(f"{year}年{month}月尚未到来，不能录入。")
        figures = {f: _count(given[f], f"{month}月{labels[f]}") for f in MONTH_FIELDS}
        row = existing or MediaMonth(account=account, year=year, month=month)
        if existing is not None and all(getattr(existing, f) == figures[f] for f in figures):
            continue
        for field, value in figures.items():
            setattr(row, field, value)
        row.entered_by = actor
        row.save()
        changes[f"{month}月"] = figures
    if changes:
        audit.record(
            "channels.media_months_save", account, actor=actor, changes={"year": year, **changes}
        )
    return MediaMonth.objects.filter(account=account, year=year).count()
