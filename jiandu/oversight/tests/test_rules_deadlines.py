"""R-SUP-1/2/3, R-PLT-4: complaint, letter and rectification deadlines in working days, across
国庆 2026 (Oct 1–7 off, Sat Oct 10 a make-up workday) and 春节 2026 (Feb 15–23 off, Sat Feb 14
and Sat Feb 28 make-up workdays)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.workdays import CalendarYearMissing
from jiandu.oversight.rules import deadlines
from jiandu.oversight.rules.deadlines import ComplaintLimits

LIMITS = ComplaintLimits(accept=7, handle=45, reply=5)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # Wed Sep 30: Oct 8, 9, the make-up Sat Oct 10, then Oct 12–15 → seventh working day Oct 15.
        (date(2026, 9, 30), date(2026, 10, 15)),
        # Received on the holiday itself: counting starts after it, same end.
        (date(2026, 10, 1), date(2026, 10, 15)),
        # Received on the make-up Saturday: Oct 12–16, 19, 20.
        (date(2026, 10, 10), date(2026, 10, 20)),
        # Thu Feb 12 before 春节: Feb 13, make-up Sat Feb 14, then Feb 24–27 and make-up Sat Feb 28.
        (date(2026, 2, 12), date(2026, 2, 28)),
        # An ordinary week: Mon Mar 2 + 7 working days = Wed Mar 11.
        (date(2026, 3, 2), date(2026, 3, 11)),
    ],
)
def test_acceptance_is_due_seven_working_days_after_receipt_across_holidays(cal, received, expected):
    """R-SUP-1: 市场监督管理投诉举报处理暂行办法 art. 14, the legal reading of 'within N working days'."""
    assert deadlines.complaint_accept_due(received, LIMITS, cal) == expected


@pytest.mark.parametrize(
    ("handled", "expected"),
    [
        (date(2026, 2, 13), date(2026, 2, 27)),  # Sat Feb 14 counts, Feb 15–23 do not: 14, 24, 25, 26, 27
        (date(2026, 2, 12), date(2026, 2, 26)),  # 13, 14, 24, 25, 26
        (date(2026, 9, 29), date(2026, 10, 12)),  # Sep 30, Oct 8, 9, the make-up Saturday 10, Mon 12
    ],
)
def test_reply_is_due_five_working_days_after_the_decision(cal, handled, expected):
    """R-SUP-1: art. 31, five working days from the handling decision."""
    assert deadlines.complaint_reply_due(handled, LIMITS, cal) == expected


def test_handling_is_due_forty_five_working_days_after_acceptance_skipping_the_national_day_week(cal):
    """R-SUP-1: from Mon Sep 14, 2026 the 45 working days include Sun Sep 20 and Sat Oct 10 (make-up)
    and skip Fri Sep 25 (中秋) and Oct 1–7 (国庆)."""
    due = deadlines.complaint_handle_due(date(2026, 9, 14), LIMITS, cal)
    # Count by hand what the calendar says, independent of add_working_days.
    counted, day = 0, date(2026, 9, 14)
    from datetime import timedelta

    while counted < 45:
        day += timedelta(days=1)
        if cal.is_workday(day):
            counted += 1
    assert due == day
    # Sep 15–18 (4), Sun Sep 20 (5), Sep 21–24 (9), Sep 28–30 (12), Oct 8–10 (15), then five full
    # weeks to Nov 13 (40) and Nov 16–20 (45).
    assert due == date(2026, 11, 20)
    assert (due - date(2026, 9, 14)).days == 67


def test_a_figure_changed_by_a_dated_parameter_changes_the_deadline(cal):
    """R-PLT-3: the limit is an argument: a district that accepts within 5 working days gets an
    earlier deadline from the same rule."""
    five = ComplaintLimits(accept=5, handle=45, reply=5)
    # Oct 8, 9, Sat Oct 10 (make-up), 12, 13.
    assert deadlines.complaint_accept_due(date(2026, 9, 30), five, cal) == date(2026, 10, 13)


def test_a_step_done_on_its_due_date_is_on_time_and_the_next_day_is_late():
    due = date(2026, 10, 15)
    assert not deadlines.done_late(due, date(2026, 10, 15))
    assert deadlines.done_late(due, date(2026, 10, 16))
    assert not deadlines.is_overdue(due, date(2026, 10, 15))
    assert deadlines.is_overdue(due, date(2026, 10, 16))
    assert not deadlines.is_overdue(None, date(2026, 10, 16))


def test_days_overdue_are_counted_in_working_days_so_a_holiday_adds_nothing(cal):
    # Due Wed Sep 30; on Thu Oct 8 the step is one working day late, not eight calendar days.
    assert deadlines.working_days_overdue(date(2026, 9, 30), date(2026, 10, 8), cal) == 1
    assert deadlines.working_days_overdue(date(2026, 9, 30), date(2026, 9, 30), cal) == 0
    assert deadlines.working_days_overdue(date(2026, 9, 30), date(2026, 10, 10), cal) == 3


def test_a_reminder_window_counts_working_days_left(cal):
    due = date(2026, 10, 9)  # Friday after the holiday
    assert deadlines.is_due_soon(due, date(2026, 9, 30), 2, cal)  # Oct 8, 9: two working days left
    assert not deadlines.is_due_soon(due, date(2026, 9, 29), 2, cal)  # three left
    assert deadlines.is_due_soon(due, due, 2, cal)  # the day itself
    assert not deadlines.is_due_soon(due, date(2026, 10, 10), 2, cal)  # overdue is not "soon"


def test_a_deadline_in_a_year_without_calendar_data_raises_instead_of_guessing(cal):
    with pytest.raises(CalendarYearMissing) as exc:
        deadlines.complaint_handle_due(date(2026, 12, 1), LIMITS, cal)
    assert exc.value.year == 2027


def test_a_step_date_may_be_in_the_past_but_not_in_the_future_nor_before_the_previous_step():
    today = date(2026, 10, 12)
    assert deadlines.check_step_date(date(2026, 10, 9), today=today, not_before=date(2026, 10, 8), label="受理日期") is None
    assert "不能晚于今天" in deadlines.check_step_date(date(2026, 10, 13), today=today, not_before=None, label="受理日期")
    assert "不能早于上一环节" in deadlines.check_step_date(date(2026, 10, 7), today=today, not_before=date(2026, 10, 8),
                                                        label="受理日期")


@given(start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 9, 30)), n=st.integers(min_value=1, max_value=40))
def test_every_deadline_lands_on_a_working_day_after_the_start(cal, start, n):
    due = deadlines.due_after(start, n, cal)
    assert due > start
    assert cal.is_workday(due)
    assert cal.working_days_between(start, due) == n
