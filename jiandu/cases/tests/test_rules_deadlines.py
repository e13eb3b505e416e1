"""R-CAS-2: statutory deadlines in calendar or working days, across 国庆 and 春节 2026, with pauses."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiandu.cases import rules
from jiandu.cases.tests.calendars import CAL
from jiandu.core.workdays import CalendarYearMissing

W, C = rules.WORKING, rules.CALENDAR


@pytest.mark.parametrize(
    ("start", "days", "counting", "expected"),
    [
        # art. 60: 90 calendar days from filing, holidays count.
        (date(2026, 7, 1), 90, C, date(2026, 9, 29)),
        (date(2026, 9, 1), 30, C, date(2026, 10, 1)),  # may end on a holiday: calendar days
        # 118号 / art. 61: 7 working days after the decision, across 国庆 (Oct 1–7 off, Sat Oct 10 worked).
        (date(2026, 9, 30), 7, W, date(2026, 10, 15)),
        (date(2026, 9, 29), 3, W, date(2026, 10, 9)),
        (date(2026, 9, 30), 3, W, date(2026, 10, 10)),  # the make-up Saturday counts
        (date(2026, 10, 1), 1, W, date(2026, 10, 8)),  # decided on a holiday: counting starts after it
        # art. 48: withdrawal within 3 working days.
        (date(2026, 10, 9), 3, W, date(2026, 10, 13)),
        # 春节 2026: Sat Feb 14 worked, Feb 15–23 off, Sat Feb 28 worked.
        (date(2026, 2, 12), 7, W, date(2026, 2, 28)),
        (date(2026, 2, 13), 1, W, date(2026, 2, 14)),
        (date(2026, 2, 14), 1, W, date(2026, 2, 24)),
        (date(2026, 2, 13), 5, W, date(2026, 2, 27)),  # art. 64 hearing request window
        # 行政许可法 art. 42: 20 working days from acceptance.
        (date(2026, 9, 21), 20, W, date(2026, 10, 26)),
        (date(2026, 2, 2), 20, W, date(2026, 3, 6)),  # Feb 14 and Feb 28 worked, Feb 15–23 off
        # zero days: the day itself.
        (date(2026, 10, 3), 0, W, date(2026, 10, 3)),
    ],
)
def test_due_date_counts_from_the_day_after_across_holidays(start, days, counting, expected):
    """R-CAS-2, art. 85: the start day is never counted; working days skip holidays and count make-up days."""
    assert rules.due_date(start, days, counting, calendar=CAL) == expected


def test_a_pause_for_testing_across_national_day_moves_the_licensing_deadline_by_the_working_days_it_covered():
    """行政许可法 art. 45: testing time is not counted. The pause Sep 28 – Oct 9 covers 5 working
    days (Sep 28, 29, 30, Oct 8, 9); the make-up Saturday Oct 10 is after it and counts."""
    plain = rules.due_date(date(2026, 9, 21), 20, W, calendar=CAL)
    paused = rules.due_date(date(2026, 9, 21), 20, W, calendar=CAL, pauses=[(date(2026, 9, 28), date(2026, 10, 9))])
    covered = [d for d in (date(2026, 9, 28) + timedelta(n) for n in range(12)) if CAL.is_workday(d)]
    assert len(covered) == 5  # Sep 28, 29, 30, Oct 8, 9
    assert plain == date(2026, 10, 26)
    assert CAL.working_days_between(plain, paused) == 5
    assert paused == date(2026, 11, 2)


def test_a_hearing_pause_extends_the_90_day_decision_deadline_by_its_calendar_days():
    """art. 60 with a hearing: the days from the request to the hearing are not counted."""
    plain = rules.due_date(date(2026, 1, 10), 90, C)
    paused = rules.due_date(date(2026, 1, 10), 90, C, pauses=[(date(2026, 2, 10), date(2026, 2, 24))])
    assert paused - plain == timedelta(days=15)


def test_an_open_pause_stops_the_clock_and_there_is_no_due_date():
    assert rules.due_date(date(2026, 9, 21), 20, W, calendar=CAL, pauses=[(date(2026, 9, 28), None)]) is None


def test_a_pause_after_the_deadline_or_before_the_start_changes_nothing():
    plain = rules.due_date(date(2026, 9, 30), 7, W, calendar=CAL)
    assert rules.due_date(date(2026, 9, 30), 7, W, calendar=CAL, pauses=[(date(2026, 10, 16), None)]) == plain
    assert rules.due_date(date(2026, 9, 30), 7, W, calendar=CAL, pauses=[(date(2026, 9, 1), date(2026, 9, 30))]) == plain


def test_an_extension_adds_its_days_in_the_same_counting():
    """行政许可法 art. 42: +10 working days with approval; 行政强制法 art. 25: +30 days."""
    assert rules.due_date(date(2026, 9, 21), 20, W, calendar=CAL, extension_days=10) == CAL.add_working_days(date(2026, 9, 21), 30)
    assert rules.due_date(date(2026, 9, 10), 30, C, extension_days=30) == date(2026, 11, 9)


def test_working_days_into_a_year_without_calendar_data_raise_naming_the_year():
    with pytest.raises(CalendarYearMissing) as exc:
        rules.due_date(date(2026, 12, 28), 7, W, calendar=CAL)
    assert exc.value.year == 2027


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        rules.due_date(date(2026, 5, 6), -1, C)
    with pytest.raises(ValueError):
        rules.due_date(date(2026, 5, 6), 3, "lunar")
    with pytest.raises(ValueError):
        rules.due_date(date(2026, 5, 6), 3, W)


def brute_force(start: date, total: int, counting: str, pause: tuple[date, date] | None) -> date:
    d, n = start, 0
    while n < total:
        d += timedelta(days=1)
        if pause and pause[0] <= d <= pause[1]:
            continue
        if counting == W and not chinese_calendar.is_workday(d):
            continue
        n += 1
    return d


starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 9, 1))


@settings(max_examples=300, deadline=None)
@given(start=starts, days=st.integers(0, 60), counting=st.sampled_from([W, C]),
       offset=st.integers(0, 40), length=st.integers(0, 20), extension=st.integers(0, 10))
def test_due_date_matches_a_brute_force_count_with_chinese_calendar(start, days, counting, offset, length, extension):
    """R-CAS-2: for any start, period, pause and extension the due date is the day a plain
    day-by-day count with the library's own calendar reaches."""
    pause = (start + timedelta(days=offset), start + timedelta(days=offset + length))
    due = rules.due_date(start, days, counting, calendar=CAL, pauses=[pause], extension_days=extension)
    assert due == brute_force(start, days + extension, counting, pause)
    plain = rules.due_date(start, days, counting, calendar=CAL, extension_days=extension)
    assert due >= plain  # a pause never shortens a deadline


def test_deadline_state_is_in_time_on_the_last_day_and_overdue_the_day_after():
    due = date(2026, 10, 15)
    remind = rules.remind_from(due, 3, CAL)
    assert remind == date(2026, 10, 12)  # Oct 12, 13, 14 are the 3 working days before
    assert rules.deadline_state(date(2026, 10, 9), due, remind_on=remind) == "running"
    assert rules.deadline_state(date(2026, 10, 12), due, remind_on=remind) == "due_soon"
    assert rules.deadline_state(due, due, remind_on=remind) == "due_soon"
    assert rules.deadline_state(date(2026, 10, 16), due, remind_on=remind) == "overdue"
    assert rules.deadline_state(date(2026, 10, 16), None, remind_on=None) == "paused"


def test_reminders_before_a_deadline_after_national_day_skip_the_holiday():
    assert rules.remind_from(date(2026, 10, 9), 3, CAL) == date(2026, 9, 29)  # Oct 8, Sep 30, Sep 29
    assert rules.remind_from(date(2026, 2, 24), 1, CAL) == date(2026, 2, 14)  # the make-up Saturday


def test_days_left_counts_working_days_or_calendar_days():
    assert rules.days_left(date(2026, 9, 30), date(2026, 10, 15), W, calendar=CAL) == 7
    assert rules.days_left(date(2026, 10, 16), date(2026, 10, 15), W, calendar=CAL) == -1
    assert rules.days_left(date(2026, 9, 30), date(2026, 10, 15), C) == 15


def test_late_payment_fee_is_3_percent_a_day_capped_at_the_fine():
    """art. 72."""
    fine = rules.Decimal("1000")
    assert rules.late_payment_fee(fine=fine, due_on=date(2026, 3, 1), paid_on=date(2026, 3, 1), percent_per_day=rules.Decimal(3)) == 0
    assert rules.late_payment_fee(fine=fine, due_on=date(2026, 3, 1), paid_on=date(2026, 3, 2), percent_per_day=rules.Decimal(3)) == rules.Decimal("30.00")
    assert rules.late_payment_fee(fine=fine, due_on=date(2026, 3, 1), paid_on=date(2026, 4, 30), percent_per_day=rules.Decimal(3)) == fine


def test_disclosure_is_late_when_published_after_the_due_day_or_missing_after_it():
    """R-CAS-7: 7 working days of 118号."""
    due = date(2026, 10, 15)
    assert not rules.disclosure_late(due_on=due, published_on=due, today=date(2026, 10, 20))
    assert rules.disclosure_late(due_on=due, published_on=date(2026, 10, 16), today=date(2026, 10, 20))
    assert not rules.disclosure_late(due_on=due, published_on=None, today=due)
    assert rules.disclosure_late(due_on=due, published_on=None, today=date(2026, 10, 16))
    assert not rules.disclosure_late(due_on=None, published_on=None, today=date(2026, 10, 16))


@pytest.mark.parametrize(
    ("kind", "procedure", "outcome", "include_simple", "expected"),
    [
        ("penalty", "general", "penalized", False, True),
        ("penalty", "simple", "penalized", False, False),
        ("penalty", "simple", "penalized", True, True),
        ("penalty", "general", "no_penalty", False, False),
        ("licensing", "general", "licensed", False, True),
        ("inspection", "general", "no_violation", False, False),
        ("coercion", "general", "coercion_applied", False, False),
    ],
)
def test_which_decisions_are_disclosed(kind, procedure, outcome, include_simple, expected):
    assert rules.disclosure_required(kind=kind, procedure=procedure, outcome=outcome, kinds=["penalty", "licensing"],
                                     include_simple=include_simple) is expected


def test_add_years_keeps_the_day_and_moves_29_february_to_28():
    assert rules.add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert rules.add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert rules.add_years(date(2024, 3, 1), 2) == date(2026, 3, 1)
