"""The statutory clock, pure: fixed dates around the 2026 holidays."""

from datetime import date

from gongkai.applications.clock import ClockEvent, compute
from gongkai.lib.workdays import package_calendar

CAL = package_calendar()


def clock(received, *events, today=date(2026, 10, 20)):
    return compute(received, [ClockEvent(*e) for e in events], today=today, calendar=CAL)


def test_the_reply_is_due_twenty_working_days_after_receipt_across_national_day():
    c = clock(date(2026, 9, 25))
    assert c.due_on == date(2026, 10, 29)
    assert c.days_left == 7 and c.state == "running" and c.tone == "ok"
    assert "期间经过：2026-10-01 至 2026-10-07 国庆节放假 7 天" in c.lines
    assert "期间经过：2026-10-10（星期六）国庆节调休上班" in c.lines
    assert c.lines[-1] == "截止日期：2026-10-29（共计 20 个工作日）"


def test_the_reply_is_due_twenty_working_days_after_receipt_across_the_spring_festival():
    c = clock(date(2026, 2, 10), today=date(2026, 3, 12))
    assert c.due_on == date(2026, 3, 16)
    assert "期间经过：2026-02-14（星期六）春节调休上班" in c.lines
    assert "期间经过：2026-02-28（星期六）春节调休上班" in c.lines
    assert c.days_left == 2 and c.tone == "warn"


def test_a_correction_notice_is_due_within_seven_working_days():
    assert clock(date(2026, 9, 25)).correction_notice_due == date(2026, 10, 12)


def test_a_correction_stops_the_clock_and_its_arrival_restarts_it():
    waiting = clock(
        date(2026, 9, 25),
        ("request_correction", date(2026, 10, 9), {"correct_by": "2026-10-30"}),
    )
    assert waiting.state == "awaiting_correction" and waiting.due_on is None
    assert waiting.correction_due == date(2026, 10, 30) and waiting.tone == "muted"
    restarted = clock(
        date(2026, 9, 25),
        ("request_correction", date(2026, 10, 9), {"correct_by": "2026-10-30"}),
        ("receive_correction", date(2026, 10, 20), {}),
    )
    assert restarted.start_on == date(2026, 10, 20) and restarted.restarted
    assert restarted.due_on == date(2026, 11, 17)
    assert restarted.correction_notice_due == date(2026, 10, 29)
    assert "2026-10-20 收到补正材料，答复期限自此重新计算（第三十条）" in restarted.lines


def test_consultation_time_is_not_counted():
    c = clock(
        date(2026, 9, 25),
        ("consult", date(2026, 10, 12), {"party_label": "征求第三方意见（某律师事务所）"}),
        ("end_consultation", date(2026, 10, 16), {}),
    )
    assert c.paused_days == 4
    assert c.due_on == date(2026, 11, 4)
    assert (
        "2026-10-12 至 2026-10-16 征求第三方意见（某律师事务所），不计入答复期限：4 个工作日"
        in c.lines
    )


def test_a_consultation_spanning_national_day_pauses_only_working_days():
    # (9/28, 10/12]: 9/29, 9/30, 10/8, 10/9, 10/10 (调休), 10/12.
    c = clock(
        date(2026, 9, 25),
        ("consult", date(2026, 9, 28), {}),
        ("end_consultation", date(2026, 10, 12), {}),
    )
    assert c.paused_days == 6 and c.due_on == date(2026, 11, 6)


def test_an_open_consultation_freezes_the_days_left_and_pushes_the_due_date_daily():
    c = clock(
        date(2026, 9, 25),
        (
            "consult",
            date(2026, 10, 12),
            {"response_due": "2026-11-02", "party_label": "征求第三方意见"},
        ),
    )
    assert c.state == "consulting" and c.tone == "muted"
    assert c.days_left == 13
    assert c.consultation_due == date(2026, 11, 2)
    assert c.due_on == date(2026, 11, 6)
    later = clock(date(2026, 9, 25), ("consult", date(2026, 10, 12), {}), today=date(2026, 10, 21))
    assert later.days_left == 13 and later.due_on == date(2026, 11, 9)


def test_an_extension_adds_its_working_days_and_is_explained():
    c = clock(
        date(2026, 9, 25),
        (
            "extend",
            date(2026, 10, 26),
            {"days": 20, "reason": "需调取档案", "approver_name": "张卫东"},
        ),
    )
    assert c.due_on == date(2026, 11, 26) and c.extension_days == 20
    assert "2026-10-26 经张卫东批准延期 20 个工作日，理由：需调取档案" in c.lines


def test_overdue_open_cases_are_danger_and_a_late_reply_is_reported_late():
    c = clock(date(2026, 9, 25), today=date(2026, 11, 2))
    assert c.days_left == -2 and c.overdue and c.tone == "danger"
    assert c.summary == "已超期 2 个工作日"
    late = clock(date(2026, 9, 25), ("reply", date(2026, 10, 30), {}))
    assert late.state == "stopped" and late.overdue and late.summary == "逾期办结"
    on_time = clock(date(2026, 9, 25), ("reply", date(2026, 10, 29), {}))
    assert not on_time.overdue and on_time.summary == "按期办结"


def test_a_late_answer_pauses_the_clock_only_until_the_response_was_due():
    # Sent 10/12, due back 11/02 (15 working days); the answer came on 11/20.
    c = clock(
        date(2026, 9, 25),
        (
            "consult",
            date(2026, 10, 12),
            {"response_due": "2026-11-02", "party_label": "征求第三方意见"},
        ),
        ("end_consultation", date(2026, 11, 20), {}),
        today=date(2026, 11, 20),
    )
    assert c.paused_days == 15
    assert c.due_on == date(2026, 11, 19)  # 2026-10-29 + 15 working days, not + 29
    assert c.overdue and c.days_left == -1
    assert (
        "2026-10-12 至 2026-11-20 征求第三方意见，对方应于 2026-11-02 前答复，"
        "此后的时间计入答复期限；不计入答复期限：15 个工作日" in c.lines
    )


def test_an_open_consultation_past_its_response_date_no_longer_pauses_the_clock():
    c = clock(
        date(2026, 9, 25),
        (
            "consult",
            date(2026, 10, 12),
            {"response_due": "2026-11-02", "party_label": "征求第三方意见"},
        ),
        today=date(2026, 11, 20),
    )
    assert c.state == "running" and c.consultation_expired
    assert c.consultation_due == date(2026, 11, 2)
    assert c.paused_days == 15 and c.due_on == date(2026, 11, 19)
    assert c.overdue and c.tone == "danger" and c.summary == "已超期 1 个工作日"
    assert (
        "2026-10-12 起征求第三方意见，对方应于 2026-11-02 前答复，逾期未答复，"
        "期限自 2026-11-03 起恢复计算；不计入答复期限：15 个工作日" in c.lines
    )
    # A day later the due date does not move any more.
    assert clock(
        date(2026, 9, 25),
        ("consult", date(2026, 10, 12), {"response_due": "2026-11-02"}),
        today=date(2026, 11, 23),
    ).due_on == date(2026, 11, 19)


def test_an_open_consultation_within_its_response_date_keeps_the_clock_paused():
    c = clock(
        date(2026, 9, 25),
        ("consult", date(2026, 10, 12), {"response_due": "2026-11-02"}),
        today=date(2026, 11, 2),
    )
    assert c.state == "consulting" and not c.consultation_expired and not c.overdue
    # The date the reply falls due if the other side does not answer in time.
    assert c.due_if_unanswered == date(2026, 11, 19)
    assert c.stored_due == date(2026, 11, 19)
