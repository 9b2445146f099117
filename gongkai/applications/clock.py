"""The statutory clock of one application, computed from its events (第30、32–34条).

Pure: give it the receipt date, the events (kind, date, context) and today, and it says when
the reply is due, how many working days are left and why. Rules:

* the reply is due 20 working days after receipt, counting from the next day (第33条);
* a correction notice must go out within 7 working days of receipt (第30条); while the
  applicant corrects, the clock stands; when the correction arrives it **restarts** from that day;
* time spent consulting a third party or another agency is not counted (第33条第3款): the working
  days after the letter went out up to and including the day the answer came are added — but
  only up to the day the answer was due. The other side has 15 working days from receiving the
  letter (第32、34条); once they run out the pause ends, answered or not, and the reply clock
  counts again (checklist §8.5: "until the reply arrives or the period expires");
* an approved extension adds its days, at most 20 in all;
* a fee notice (信息处理费, 国办函〔2020〕109号) stops the clock until the fee is paid or
  waived: the working days after the notice up to and including that day are not counted.
  While it is unpaid there is no due date to keep (the case is neither running nor overdue).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from gongkai.lib import workdays

REPLY_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
# 第30条 asks for a "reasonable" period to correct and names none; a month at most keeps a case
# from standing still indefinitely.
MAX_CORRECTION_PERIOD_DAYS = 30
CONSULTATION_DAYS = 15
MAX_EXTENSION_DAYS = 20
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class ClockEvent:
    kind: str
    on: date
    context: dict = field(default_factory=dict)


@dataclass
class Clock:
    state: str  # running | consulting | awaiting_correction | awaiting_fee | stopped
    start_on: date  # receipt, or the day the last correction arrived
    restarted: bool
    due_on: date | None
    days_left: int | None  # working days from today (negative: overdue)
    correction_notice_due: date
    correction_due: date | None = None
    consultation_due: date | None = None  # an open consultation's response date
    consultation_expired: bool = False  # open, but past its response date: the clock runs
    due_if_unanswered: date | None = None  # while paused: the due date if no answer comes
    extension_days: int = 0
    paused_days: int = 0
    stopped_on: date | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        if self.state == "stopped":
            return (
                self.due_on is not None
                and self.stopped_on is not None
                and self.stopped_on > self.due_on
            )
        return self.state == "running" and self.days_left is not None and self.days_left < 0

    @property
    def stored_due(self) -> date | None:
        """The due date the database keeps for lists and reminders.

        While a consultation pauses the clock `due_on` moves a day for every working day it
        lasts; the stored date is the one it comes to if the other side does not answer in
        time, which does not change from one day to the next.
        """
        if self.state == "consulting" and self.due_if_unanswered is not None:
            return self.due_if_unanswered
        if self.state == "awaiting_fee":
            return None
        return self.due_on

    @property
    def tone(self) -> str:
        """CSS tone for lists: danger (overdue), warn (due within 3 working days), ok, muted."""
        if self.state in {"awaiting_correction", "consulting", "awaiting_fee"}:
            return "muted"
        if self.overdue:
            return "danger"
        if (
            self.state == "running"
            and self.days_left is not None
            and self.days_left <= DUE_SOON_DAYS
        ):
            return "warn"
        return "ok"

    @property
    def summary(self) -> str:
        if self.state == "awaiting_correction":
            return (
                f"待申请人补正（补正期限 {self.correction_due}）"
                if self.correction_due
                else "待申请人补正"
            )
        if self.state == "consulting":
            return f"征求意见中，期限暂停（剩余 {self.days_left} 个工作日）"
        if self.state == "awaiting_fee":
            return f"待申请人缴纳信息处理费，期限暂停（剩余 {self.days_left} 个工作日）"
        if self.state == "stopped":
            if self.due_on is None:
                return "已办结"
            return "逾期办结" if self.overdue else "按期办结"
        if self.days_left is None:
            return ""
        if self.days_left < 0:
            return f"已超期 {-self.days_left} 个工作日"
        if self.days_left == 0:
            return "今天到期"
        return f"剩余 {self.days_left} 个工作日"


def _wd(a: date, b: date, cal) -> int:
    return max(0, workdays.workdays_between(a, b, cal))


def compute(
    received_on: date,
    events: Iterable[ClockEvent],
    *,
    today: date,
    calendar: workdays.Calendar | None = None,
) -> Clock:
    cal = calendar or workdays.current_calendar()
    start, restarted = received_on, False
    extension = 0
    pauses: list[tuple[date, date]] = []
    open_pause: tuple[date, date | None, str] | None = None
    fee_from: date | None = None
    awaiting, correction_due, stopped_on = False, None, None
    basis = "收到申请"
    notes: list[str] = []

    for event in sorted(events, key=lambda e: e.on):
        ctx = event.context or {}
        if event.kind == "request_correction":
            awaiting = True
            correction_due = (
                date.fromisoformat(ctx["correct_by"]) if ctx.get("correct_by") else None
            )
            notes.append(
                f"{event.on} 发出补正告知，期限停止计算，申请人应于 {correction_due} 前补正"
            )
        elif event.kind == "receive_correction":
            awaiting, correction_due = False, None
            start, restarted, basis = event.on, True, "收到补正材料"
            pauses, extension = [], 0
            notes.append(f"{event.on} 收到补正材料，答复期限自此重新计算（第三十条）")
        elif event.kind == "consult":
            due = date.fromisoformat(ctx["response_due"]) if ctx.get("response_due") else None
            open_pause = (event.on, due, ctx.get("party_label", "征求意见"))
        elif event.kind == "end_consultation" and open_pause is not None:
            begun, due, label = open_pause
            end = event.on if due is None else min(event.on, due)
            pauses.append((begun, end))
            days = _wd(max(begun, start), end, cal)
            late = f"，对方应于 {due} 前答复，此后的时间计入答复期限；" if end < event.on else "，"
            notes.append(f"{begun} 至 {event.on} {label}{late}不计入答复期限：{days} 个工作日")
            open_pause = None
        elif event.kind == "extend":
            days = int(ctx.get("days", 0))
            extension += days
            who = ctx.get("approver_name", "")
            notes.append(
                f"{event.on} 经{who}批准延期 {days} 个工作日"
                + (f"，理由：{ctx['reason']}" if ctx.get("reason") else "")
            )
        elif event.kind == "fee_notice":
            fee_from = event.on
        elif event.kind in {"fee_paid", "fee_waived"} and fee_from is not None:
            pauses.append((fee_from, event.on))
            days = _wd(max(fee_from, start), event.on, cal)
            how = "缴纳信息处理费" if event.kind == "fee_paid" else "决定减免信息处理费"
            notes.append(
                f"{fee_from} 发出收费通知，{event.on} {how}，期间不计入答复期限：{days} 个工作日"
            )
            fee_from = None
        elif event.kind in {"reply", "abandon", "fee_lapsed"}:
            stopped_on = event.on
        elif event.kind == "reopen":
            # A review or court corrected the reply: a new reply is due as for a new case.
            stopped_on, awaiting, correction_due = None, False, None
            start, restarted, basis = event.on, True, "复议诉讼决定重新办理"
            pauses, extension = [], 0
            notes.append(
                f"{event.on} {ctx.get('appeal', '复议诉讼')}结果纠正，重新办理，答复期限自此重新计算"
            )

    paused = sum(_wd(max(a, start), b, cal) for a, b in pauses)
    notice_due = workdays.add_workdays(start, CORRECTION_NOTICE_DAYS, cal)
    clock = Clock(
        state="running",
        start_on=start,
        restarted=restarted,
        due_on=None,
        days_left=None,
        correction_notice_due=notice_due,
        correction_due=correction_due,
        extension_days=extension,
        stopped_on=stopped_on,
    )
    clock.lines.append(f"{basis}之日：{start}（次日起算）")

    if stopped_on is not None and awaiting:
        # Abandoned while waiting for the correction: there is no reply deadline to report.
        clock.state = "stopped"
        clock.lines += notes
        return clock
    if awaiting:
        clock.state = "awaiting_correction"
        clock.lines += notes
        return clock

    base_total = REPLY_DAYS + extension + paused
    if fee_from is not None and stopped_on is None:
        clock.state = "awaiting_fee"
        frozen_due = workdays.add_workdays(start, base_total, cal)
        clock.days_left = workdays.workdays_between(max(fee_from, start), frozen_due, cal)
        clock.paused_days = paused
        clock.lines.append(f"法定答复期限 {REPLY_DAYS} 个工作日（第三十三条）")
        clock.lines += notes
        clock.lines.append(
            f"{fee_from} 发出收费通知，期限暂停至申请人缴费（暂停前截止日期 {frozen_due}）"
        )
        return clock
    if open_pause is not None and stopped_on is None:
        begun, consult_due, label = open_pause
        clock.consultation_due = consult_due
        if consult_due is not None and today > consult_due:
            # No answer within the 15 working days: the pause ends then, the clock runs again.
            clock.consultation_expired = True
            days = _wd(max(begun, start), consult_due, cal)
            paused += days
            resumed = workdays.add_workdays(consult_due, 1, cal)
            notes.append(
                f"{begun} 起{label}，对方应于 {consult_due} 前答复，逾期未答复，"
                f"期限自 {resumed} 起恢复计算；不计入答复期限：{days} 个工作日"
            )
        else:
            clock.state = "consulting"
            frozen_due = workdays.add_workdays(start, base_total, cal)
            clock.days_left = workdays.workdays_between(max(begun, start), frozen_due, cal)
            if consult_due is not None:
                clock.due_if_unanswered = workdays.add_workdays(
                    start, base_total + _wd(max(begun, start), consult_due, cal), cal
                )
            so_far = _wd(max(begun, start), today, cal)
            paused += so_far
            notes.append(
                f"{begun} 起{label}，期限暂停（已暂停 {so_far} 个工作日"
                + (f"，对方应于 {consult_due} 前答复" if consult_due else "")
                + "）"
            )
    clock.paused_days = paused
    clock.due_on = workdays.add_workdays(start, REPLY_DAYS + extension + paused, cal)
    if stopped_on is not None:
        clock.state = "stopped"
    elif clock.state == "running":
        clock.days_left = workdays.workdays_between(today, clock.due_on, cal)

    clock.lines.append(f"法定答复期限 {REPLY_DAYS} 个工作日（第三十三条）")
    clock.lines += notes
    for item in workdays.crossed(start, clock.due_on, cal):
        clock.lines.append(f"期间经过：{item.describe()}")
    for year in workdays.uncovered_years(start, clock.due_on, cal):
        clock.lines.append(f"注意：{year}年节假日安排尚未录入，暂按周一至周五为工作日计算")
    total = REPLY_DAYS + extension + paused
    clock.lines.append(f"截止日期：{clock.due_on}（共计 {total} 个工作日）")
    return clock
