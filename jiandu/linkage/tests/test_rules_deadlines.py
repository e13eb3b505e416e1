"""Deadline arithmetic of a transfer (R-LNK-2): days, hours, working days, holidays."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.workdays import CalendarYearMissing
from jiandu.linkage import rules
from jiandu.linkage.tests.calendars import CAL, SHANGHAI

THREE_DAYS = rules.Period(3, rules.DAYS)


def at(y, m, d, h=10, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=SHANGHAI)


def end_of(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=SHANGHAI)


def test_three_days_do_not_count_the_day_of_the_proposal_and_end_at_the_end_of_the_third_day():
    """R-LNK-2: art. 5 "自接到报告之日起3日内" — a Tuesday proposal ends Friday night."""
    assert rules.due_at(at(2026, 3, 3), THREE_DAYS, calendar=CAL, roll_over_holiday=True) == end_of(date(2026, 3, 6))


def test_twenty_four_hours_run_by_the_clock_through_a_holiday():
    """R-LNK-2: art. 8 — 24 hours after approval, even on 国庆 (hours never roll over)."""
    period = rules.Period(24, rules.HOURS)
    assert rules.due_at(at(2026, 9, 30, 16, 30), period, calendar=CAL, roll_over_holiday=True) == at(2026, 10, 1, 16, 30)


@pytest.mark.parametrize(
    ("start", "roll", "expected"),
    [
        # 国庆 2026: Oct 1–7 off, Sat Oct 10 is a make-up workday.
        (date(2026, 9, 29), True, date(2026, 10, 8)),  # Oct 2 is a holiday → first workday after: Oct 8
        (date(2026, 9, 29), False, date(2026, 10, 2)),  # without roll-over: plain calendar days
        (date(2026, 10, 7), True, date(2026, 10, 10)),  # lands on the make-up Saturday: a workday, stays
        (date(2026, 10, 8), True, date(2026, 10, 12)),  # Sun Oct 11 is a rest day → Monday
        (date(2026, 9, 28), True, date(2026, 10, 8)),  # Oct 1 itself is a holiday
        # 春节 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 are make-up workdays.
        (date(2026, 2, 11), True, date(2026, 2, 14)),  # make-up Saturday
        (date(2026, 2, 12), True, date(2026, 2, 24)),  # Feb 15 off → Feb 24
        (date(2026, 2, 12), False, date(2026, 2, 15)),
        (date(2026, 2, 25), True, date(2026, 2, 28)),  # make-up Saturday Feb 28
        (date(2026, 2, 26), True, date(2026, 3, 2)),  # Sun Mar 1 → Mon Mar 2
    ],
)
def test_calendar_days_roll_over_rest_days_but_not_make_up_workdays(start, roll, expected):
    """R-LNK-2: 民法典 art. 203 / 刑事诉讼法 art. 105 reading, a dated parameter; across 国庆 and 春节 2026."""
    assert rules.due_at(at(start.year, start.month, start.day), THREE_DAYS, calendar=CAL,
                        roll_over_holiday=roll) == end_of(expected)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 9, 30), date(2026, 10, 10)),  # Oct 8, 9, 10 (make-up Saturday)
        (date(2026, 2, 12), date(2026, 2, 24)),  # Feb 13, 14 (make-up), 24
        (date(2026, 2, 26), date(2026, 3, 2)),  # Feb 27, Feb 28 (make-up Saturday), Mar 2
    ],
)
def test_working_days_count_make_up_saturdays_and_skip_holidays(start, expected):
    """R-LNK-2: a province may set a period in working days; the n-th working day after the start."""
    period = rules.Period(3, rules.WORKING_DAYS)
    due = rules.due_at(at(start.year, start.month, start.day), period, calendar=CAL, roll_over_holiday=True)
    assert due == end_of(expected)


def test_a_year_the_calendar_does_not_know_is_refused_not_guessed():
    """R-PLT-4: a deadline must never be silently wrong."""
    with pytest.raises(CalendarYearMissing):
        rules.due_at(at(2026, 12, 30), THREE_DAYS, calendar=CAL, roll_over_holiday=True)


def test_a_naive_start_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.due_at(datetime(2026, 3, 3, 10), THREE_DAYS, calendar=CAL, roll_over_holiday=True)


@given(
    st.datetimes(min_value=datetime(2005, 1, 1), max_value=datetime(2026, 12, 20)),
    st.integers(min_value=0, max_value=10),
)
def test_a_rolled_over_day_deadline_is_a_workday_never_earlier_than_the_plain_one(start, days):
    """R-LNK-2: roll-over only ever moves the end later, onto a working day, and never past the next workday."""
    start = start.replace(tzinfo=SHANGHAI)
    period = rules.Period(days, rules.DAYS)
    plain = rules.due_at(start, period, calendar=CAL, roll_over_holiday=False)
    rolled = rules.due_at(start, period, calendar=CAL, roll_over_holiday=True)
    assert plain.date() == start.date() + timedelta(days=days)
    assert rolled >= plain
    assert CAL.is_workday(rolled.date())
    d = plain.date()
    while d < rolled.date():
        assert not CAL.is_workday(d)
        d += timedelta(days=1)


@given(st.datetimes(min_value=datetime(2005, 1, 1), max_value=datetime(2026, 12, 1)), st.integers(0, 100))
def test_hours_are_exact(start, hours):
    start = start.replace(tzinfo=SHANGHAI)
    assert rules.due_at(start, rules.Period(hours, rules.HOURS), calendar=CAL, roll_over_holiday=True) - start == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("done", "now", "state"),
    [(None, at(2026, 3, 6, 23), "open"), (None, at(2026, 3, 7, 0, 1), "overdue"),
     (at(2026, 3, 6, 9), at(2026, 3, 9), "met"), (at(2026, 3, 7, 9), at(2026, 3, 9), "late")],
)
def test_deadline_state_is_met_late_open_or_overdue(done, now, state):
    """R-LNK-2: tracked and shown."""
    assert rules.deadline_state(end_of(date(2026, 3, 6)), done, now) == state


def test_remaining_text_reads_in_days_hours_or_minutes():
    due = at(2026, 3, 6, 12)
    assert rules.remaining_text(due, at(2026, 3, 4, 9)) == "剩余 2天3小时"
    assert rules.remaining_text(due, at(2026, 3, 6, 7)) == "剩余 5小时"
    assert rules.remaining_text(due, at(2026, 3, 6, 11, 30)) == "剩余 30分钟"
    assert rules.remaining_text(due, at(2026, 3, 7, 12)) == "已超期 1天"


def test_period_of_reads_the_policy_value_and_refuses_a_bad_one():
    assert rules.Period.of({"amount": 24, "counting": "hours"}) == rules.Period(24, rules.HOURS)
    assert rules.Period.of({"amount": 3}).label == "3日"
    for bad in ({"amount": 3, "counting": "weeks"}, {"amount": -1, "counting": "days"}):
        with pytest.raises(ValueError):
            rules.Period.of(bad)


def test_a_deadline_shows_its_statute_and_article_without_the_quoted_text():
    from jiandu.linkage.models import TransferDeadline

    d = TransferDeadline(legal_reference="《行政执法机关移送涉嫌犯罪案件的规定》（2020年修订）第九条：公安机关应当……")
    assert d.article == "《行政执法机关移送涉嫌犯罪案件的规定》第九条"
    assert TransferDeadline(legal_reference="华容区规定").article == "华容区规定"
