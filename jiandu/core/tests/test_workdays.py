"""R-PLT-4, 行政处罚法 art. 85: working-day deadlines across 国庆 and 春节 with make-up workdays."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiandu.core.workdays import CalendarYearMissing, WorkCalendar, add_calendar_days


def bundled() -> WorkCalendar:
    exceptions = {d: False for d in chinese_calendar.holidays} | {d: True for d in chinese_calendar.workdays}
    return WorkCalendar.build(range(2004, 2027), exceptions)


CAL = bundled()


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 国庆 2026: Oct 1–7 off, Sat Oct 10 is a make-up workday.
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),  # the make-up Saturday counts
        (date(2026, 9, 30), 4, date(2026, 10, 12)),
        (date(2026, 9, 30), 7, date(2026, 10, 15)),  # 118号: disclosure within 7 working days
        (date(2026, 10, 3), 1, date(2026, 10, 8)),  # start inside the holiday
        (date(2026, 10, 9), 1, date(2026, 10, 10)),
        (date(2026, 10, 10), 1, date(2026, 10, 12)),  # Sunday Oct 11 is not a workday
        # 中秋 2026 (Fri Sep 25 off) with the make-up Sunday Sep 20.
        (date(2026, 9, 19), 1, date(2026, 9, 20)),
        (date(2026, 9, 24), 1, date(2026, 9, 28)),
        # 春节 2026: Sat Feb 14 make-up, Feb 16–20 and Feb 23 off, Sat Feb 28 make-up.
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
        (date(2026, 2, 24), 4, date(2026, 2, 28)),
        # 元旦 2026: Jan 1–2 off, Sun Jan 4 make-up.
        (date(2025, 12, 31), 1, date(2026, 1, 4)),
        # 0 working days: the day itself, even a holiday.
        (date(2026, 10, 1), 0, date(2026, 10, 1)),
    ],
)
def test_add_working_days_counts_from_the_day_after_across_holidays(start, n, expected):
    assert CAL.add_working_days(start, n) == expected


def test_add_working_days_differs_from_chinese_calendar_find_workday_on_a_workday():
    # find_workday counts the start day as step 0; the legal reading does not count it at all.
    start = date(2026, 9, 30)
    assert chinese_calendar.find_workday(1, start) == date(2026, 10, 8)
    assert chinese_calendar.find_workday(0, start) == start
    assert CAL.add_working_days(start, 1) == date(2026, 10, 8)


def test_make_up_workday_2026_10_10_is_a_working_day_and_the_holiday_is_not():
    assert CAL.is_workday(date(2026, 10, 10)) is True
    assert CAL.is_workday(date(2026, 10, 5)) is False
    assert CAL.is_workday(date(2026, 10, 11)) is False


def test_a_year_without_calendar_data_raises_naming_the_year():
    with pytest.raises(CalendarYearMissing) as exc:
        CAL.add_working_days(date(2026, 12, 28), 7)
    assert exc.value.year == 2027
    assert "2027年" in exc.value.message
    assert exc.value.code == "calendar_year_missing"


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 5, 6), -1)


def test_working_days_between_is_negative_when_overdue():
    assert CAL.working_days_between(date(2026, 10, 15), date(2026, 9, 30)) == -7


def test_next_workday_skips_the_holiday_to_the_first_working_day():
    assert CAL.next_workday(date(2026, 10, 1)) == date(2026, 10, 8)
    assert CAL.next_workday(date(2026, 10, 10)) == date(2026, 10, 10)


def test_calendar_days_ignore_holidays():
    assert add_calendar_days(date(2026, 9, 30), 90) == date(2026, 12, 29)


dates = st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 11, 30))


@settings(max_examples=400, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=20))
def test_add_working_days_matches_a_brute_force_count_with_chinese_calendar(start, n):
    result = CAL.add_working_days(start, n)
    # Brute force: walk day by day with the library's own is_workday.
    d, count = start, 0
    while count < n:
        d += timedelta(days=1)
        if chinese_calendar.is_workday(d):
            count += 1
    assert result == d
    if n:
        assert chinese_calendar.is_workday(result)
    assert CAL.working_days_between(start, result) == n


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=15))
def test_deadline_grows_with_n(start, n):
    assert CAL.add_working_days(start, n + 1) > CAL.add_working_days(start, n)
