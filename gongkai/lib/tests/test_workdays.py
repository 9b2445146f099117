"""Working-day arithmetic against the real 2025/2026 schedules (counted by hand)."""

from datetime import date

import pytest

from gongkai.lib.workdays import (
    Calendar,
    DateOutOfRange,
    add_workdays,
    crossed,
    is_workday,
    package_calendar,
    uncovered_years,
    workdays_between,
)

CAL = package_calendar()


def test_weekends_and_holidays_are_rest_days_and_make_up_saturdays_are_working_days():
    assert is_workday(date(2026, 10, 9), CAL)  # Friday
    assert not is_workday(date(2026, 10, 11), CAL)  # Sunday
    assert not is_workday(date(2026, 10, 1), CAL)  # 国庆节
    assert not is_workday(date(2026, 9, 25), CAL)  # 中秋节, a Friday
    assert is_workday(date(2026, 10, 10), CAL)  # 调休 Saturday
    assert is_workday(date(2026, 2, 14), CAL) and is_workday(date(2026, 2, 28), CAL)


def test_twenty_working_days_from_mid_autumn_cross_national_day_and_its_make_up_saturday():
    assert add_workdays(date(2026, 9, 25), 20, CAL) == date(2026, 10, 29)


def test_counting_across_the_spring_festival_counts_both_make_up_saturdays():
    # 2/11 2/12 2/13 2/14(调休) | 2/15–2/23 春节 | 2/24 …
    assert add_workdays(date(2026, 2, 10), 5, CAL) == date(2026, 2, 24)
    assert add_workdays(date(2026, 2, 10), 20, CAL) == date(2026, 3, 16)


def test_counting_starts_the_next_day_and_zero_days_is_the_same_day():
    assert add_workdays(date(2026, 3, 2), 1, CAL) == date(2026, 3, 3)
    assert add_workdays(date(2026, 3, 2), 0, CAL) == date(2026, 3, 2)
    # A Friday receipt: the next working day is Monday.
    assert add_workdays(date(2026, 3, 6), 1, CAL) == date(2026, 3, 9)


def test_negative_counts_go_backwards():
    assert add_workdays(date(2026, 10, 12), -2, CAL) == date(2026, 10, 9)


def test_seven_working_days_for_a_correction_notice_across_national_day_2025():
    # 2025: 10/1–10/8 holiday, 9/28 (Sunday) and 10/11 (Saturday) are working days.
    assert add_workdays(date(2025, 9, 26), 7, CAL) == date(2025, 10, 13)


def test_workdays_between_is_the_inverse_of_add_workdays():
    start = date(2026, 1, 20)
    for n in (0, 1, 7, 20, 40, 63):
        assert workdays_between(start, add_workdays(start, n, CAL), CAL) == n
    assert workdays_between(date(2026, 10, 29), date(2026, 9, 25), CAL) == -20


def test_crossed_lists_holiday_runs_and_make_up_days_in_order():
    items = crossed(date(2026, 9, 25), date(2026, 10, 29), CAL)
    assert [i.describe() for i in items] == [
        "2026-09-26 至 2026-09-27 中秋节放假 2 天",
        "2026-10-01 至 2026-10-07 国庆节放假 7 天",
        "2026-10-10（星期六）国庆节调休上班",
    ]


def test_a_year_without_data_falls_back_to_weekdays_and_is_reported_uncovered():
    assert not CAL.covers(2027)
    assert uncovered_years(date(2026, 12, 1), date(2027, 2, 1), CAL) == [2027]
    # 2027-01-01 is a Friday: without a schedule it counts as a working day.
    assert add_workdays(date(2026, 12, 31), 1, CAL) == date(2027, 1, 1)


def test_an_overlay_replaces_a_whole_year_and_adds_coverage():
    office = CAL.overlay(
        {date(2027, 1, 1): "元旦", date(2027, 1, 2): "元旦", date(2027, 1, 3): "元旦"},
        {date(2027, 1, 9): "元旦"},
        [2027],
    )
    assert office.covers(2027)
    assert add_workdays(date(2026, 12, 31), 1, office) == date(2027, 1, 4)
    assert is_workday(date(2027, 1, 9), office)
    # Other years are untouched.
    assert add_workdays(date(2026, 9, 25), 20, office) == date(2026, 10, 29)


@pytest.mark.parametrize("n", [1, 5, 20, 40])
def test_a_bare_calendar_counts_monday_to_friday(n):
    bare = Calendar()
    end = add_workdays(date(2030, 1, 7), n, bare)  # a Monday
    assert end.weekday() < 5
    assert workdays_between(date(2030, 1, 7), end, bare) == n


def test_counting_past_the_last_representable_day_raises_a_domain_error_in_chinese():
    with pytest.raises(DateOutOfRange, match="超出可计算的范围"):
        add_workdays(date(9999, 12, 20), 20, CAL)
    with pytest.raises(DateOutOfRange, match="超出可计算的范围"):
        add_workdays(date(1, 1, 3), -5, CAL)
    # Right up to the edge is still fine.
    assert add_workdays(date(9999, 12, 30), 1, Calendar()) == date(9999, 12, 31)
