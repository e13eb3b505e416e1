"""R-PER-5…7: the conduct ladder in its window, assessment consequences and every revocation
trigger, including "suspended 2 or more times" and "不称职 two years in a row"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.personnel import rules

# --- conduct ladder (R-PER-5) ----------------------------------------------------------------------


def test_the_first_record_in_a_year_gives_a_talk_reminder():
    d = rules.conduct_decide([], on=date(2026, 3, 5), window=rules.CALENDAR_YEAR)
    assert (d.sanction, d.ordinal, d.window_start) == (rules.TALK_REMINDER, 1, date(2026, 1, 1))
    assert d.label == "谈话提醒"


def test_the_second_record_in_the_same_year_gives_circulated_criticism():
    d = rules.conduct_decide([date(2026, 3, 5)], on=date(2026, 11, 20), window=rules.CALENDAR_YEAR)
    assert (d.sanction, d.ordinal) == (rules.CIRCULATED_CRITICISM, 2)
    assert d.label == "通报批评"


def test_a_third_record_is_again_circulated_criticism():
    d = rules.conduct_decide([date(2026, 1, 5), date(2026, 2, 5)], on=date(2026, 3, 5), window=rules.CALENDAR_YEAR)
    assert (d.sanction, d.ordinal) == (rules.CIRCULATED_CRITICISM, 3)


def test_a_record_last_year_does_not_count_in_a_calendar_year_window():
    d = rules.conduct_decide([date(2025, 12, 31)], on=date(2026, 1, 1), window=rules.CALENDAR_YEAR)
    assert d.sanction == rules.TALK_REMINDER


def test_a_rolling_window_counts_back_from_the_records_date():
    # 365-day window ending on 2026-01-10 starts on 2025-01-11.
    assert rules.conduct_decide([date(2025, 1, 11)], on=date(2026, 1, 10), window="rolling:365").ordinal == 2
    assert rules.conduct_decide([date(2025, 1, 10)], on=date(2026, 1, 10), window="rolling:365").ordinal == 1


def test_a_record_entered_late_for_an_earlier_date_is_judged_as_of_that_date():
    d = rules.conduct_decide([date(2026, 9, 1)], on=date(2026, 4, 1), window=rules.CALENDAR_YEAR)
    assert d.sanction == rules.TALK_REMINDER


def test_an_unknown_window_value_is_a_configuration_error():
    with pytest.raises(ValueError):
        rules.conduct_window_start(date(2026, 1, 1), "fortnight")
    with pytest.raises(ValueError):
        rules.conduct_window_start(date(2026, 1, 1), "rolling:0")


@given(
    previous=st.lists(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)), max_size=6),
    on=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)),
    window=st.sampled_from([rules.CALENDAR_YEAR, "rolling:365", "rolling:90"]),
)
def test_the_ladder_depends_only_on_records_in_the_window_up_to_the_date(previous, on, window):
    d = rules.conduct_decide(previous, on=on, window=window)
    counted = [p for p in previous if d.window_start <= p <= on]
    assert d.ordinal == len(counted) + 1
    assert d.sanction == (rules.TALK_REMINDER if not counted else rules.CIRCULATED_CRITICISM)
    assert d.window_start <= on


# --- suspension and revocation (R-PER-6, R-PER-7, R-PER-10) ------------------------------------------


def susp(status, prior=0, revoke_at=2, ground=rules.GROUND_INCOMPETENT):
    return rules.suspension_consequence(certificate_status=status, prior_suspensions=prior, revoke_at=revoke_at,
                                        ground=ground)


def test_a_first_suspension_ground_suspends_a_valid_certificate():
    c = susp(rules.VALID)
    assert (c.action, c.ground) == (rules.ACT_SUSPEND, rules.GROUND_INCOMPETENT)


def test_the_suspension_that_would_be_the_second_becomes_a_revocation():
    c = susp(rules.VALID, prior=1)
    assert (c.action, c.trigger) == (rules.ACT_REVOKE, rules.TRIGGER_REPEATED_SUSPENSION)
    assert "2次" in c.reason


def test_the_suspension_limit_is_a_parameter():
    assert susp(rules.VALID, prior=1, revoke_at=3).action == rules.ACT_SUSPEND
    assert susp(rules.VALID, prior=2, revoke_at=3).action == rules.ACT_REVOKE


def test_a_ground_while_already_suspended_adds_conditions_instead_of_suspending_twice():
    c = susp(rules.SUSPENDED, prior=1, ground=rules.GROUND_FAILED_RETAKE)
    assert (c.action, c.ground) == (rules.ACT_EXTEND, rules.GROUND_FAILED_RETAKE)


def test_without_a_live_certificate_a_ground_changes_nothing():
    for status in (None, rules.REVOKED, rules.CANCELLED):
        assert susp(status).action == rules.ACT_NONE


def assess(grade, status=rules.VALID, streak=0, prior=0, consecutive=2, revoke_at=2):
    return rules.assessment_consequence(
        grade=grade, certificate_status=status, incompetent_streak_before=streak,
        consecutive_incompetent_revoke=consecutive, prior_suspensions=prior, revoke_at=revoke_at,
    )


@pytest.mark.parametrize("grade", [rules.EXCELLENT, rules.COMPETENT, rules.BASICALLY_COMPETENT])
def test_grades_other_than_incompetent_change_nothing(grade):
    assert assess(grade, streak=5, prior=5).action == rules.ACT_NONE


def test_incompetent_suspends_the_certificate_and_pauses_the_qualification():
    c = assess(rules.INCOMPETENT)
    assert (c.action, c.ground) == (rules.ACT_SUSPEND, rules.GROUND_INCOMPETENT)
    assert "暂扣" in c.reason


def test_incompetent_two_years_in_a_row_revokes_even_while_suspended_or_without_a_certificate():
    for status in (rules.VALID, rules.SUSPENDED, None):
        c = assess(rules.INCOMPETENT, status=status, streak=1)
        assert (c.action, c.trigger) == (rules.ACT_REVOKE, rules.TRIGGER_CONSECUTIVE_INCOMPETENT)


def test_incompetent_after_an_earlier_suspension_reaches_the_suspension_limit_and_revokes():
    c = assess(rules.INCOMPETENT, streak=0, prior=1)
    assert (c.action, c.trigger) == (rules.ACT_REVOKE, rules.TRIGGER_REPEATED_SUSPENSION)


def test_the_consecutive_years_limit_is_a_parameter():
    assert assess(rules.INCOMPETENT, streak=1, consecutive=3).action == rules.ACT_SUSPEND
    assert assess(rules.INCOMPETENT, streak=2, consecutive=3).action == rules.ACT_REVOKE


def test_the_incompetent_streak_counts_only_unbroken_preceding_years():
    grades = {2022: rules.INCOMPETENT, 2023: rules.COMPETENT, 2024: rules.INCOMPETENT, 2025: rules.INCOMPETENT}
    assert rules.incompetent_streak(grades, before_year=2026) == 2
    assert rules.incompetent_streak(grades, before_year=2024) == 0
    assert rules.incompetent_streak({2024: rules.INCOMPETENT}, before_year=2026) == 0  # 2025 missing breaks it


def test_an_unknown_grade_is_a_programming_error():
    with pytest.raises(ValueError):
        assess("excellent-ish")


def test_every_revocation_trigger_has_a_chinese_label_and_the_plan_figures_in_it():
    for trigger in rules.MANUAL_TRIGGERS:
        assert rules.revocation_trigger_label(trigger) == rules.TRIGGER_LABELS[trigger]
    assert set(rules.MANUAL_TRIGGERS) == {
        rules.TRIGGER_CRIMINAL, rules.TRIGGER_EXPULSION, rules.TRIGGER_SERIOUS, rules.TRIGGER_BRUTAL, rules.TRIGGER_ABUSE,
    }
    assert rules.revocation_trigger_label(rules.TRIGGER_REPEATED_SUSPENSION, revoke_at=2) == "暂扣执法证2次以上"
    assert rules.revocation_trigger_label(rules.TRIGGER_CONSECUTIVE_INCOMPETENT, consecutive=2) == "连续2年年度考核等次为不称职"


@given(
    grade=st.sampled_from(list(rules.GRADE_LABELS)),
    status=st.sampled_from([rules.VALID, rules.SUSPENDED, rules.REVOKED, rules.CANCELLED, None]),
    streak=st.integers(0, 4), prior=st.integers(0, 4), consecutive=st.integers(1, 4), revoke_at=st.integers(1, 4),
)
def test_assessment_consequences_are_total_and_consistent(grade, status, streak, prior, consecutive, revoke_at):
    c = assess(grade, status=status, streak=streak, prior=prior, consecutive=consecutive, revoke_at=revoke_at)
    if grade != rules.INCOMPETENT:
        assert c.action == rules.ACT_NONE
    elif streak + 1 >= consecutive:
        assert c.action == rules.ACT_REVOKE and c.trigger == rules.TRIGGER_CONSECUTIVE_INCOMPETENT
    elif status not in rules.LIVE_STATUSES:
        assert c.action == rules.ACT_NONE
    elif status == rules.SUSPENDED:
        assert c.action == rules.ACT_EXTEND
    elif prior + 1 >= revoke_at:
        assert c.action == rules.ACT_REVOKE and c.trigger == rules.TRIGGER_REPEATED_SUSPENSION
    else:
        assert c.action == rules.ACT_SUSPEND


# --- return after training and exam (R-PER-6, R-PER-10) ---------------------------------------------

SUSPENDED_ON = date(2026, 3, 2)


def ret(grounds, hours=0, minimum=4, passed=None):
    from decimal import Decimal

    return rules.return_decide(grounds=grounds, suspended_on=SUSPENDED_ON, training_hours_since=Decimal(hours),
                               min_training_hours=Decimal(minimum), passed_exam_on=passed)


def test_incompetent_is_returned_only_after_training_and_a_passed_exam():
    after = SUSPENDED_ON + timedelta(days=30)
    assert not ret([rules.GROUND_INCOMPETENT]).due
    assert not ret([rules.GROUND_INCOMPETENT], hours=8).due  # training alone
    assert not ret([rules.GROUND_INCOMPETENT], passed=after).due  # exam alone
    assert not ret([rules.GROUND_INCOMPETENT], hours=3.5, passed=after).due  # too little training
    assert ret([rules.GROUND_INCOMPETENT], hours=4, passed=after).due


def test_what_is_missing_is_named():
    d = ret([rules.GROUND_INCOMPETENT], hours=2)
    assert len(d.missing) == 2
    assert "4学时" in d.missing[0] and "已记录2学时" in d.missing[0]
    assert "考试" in d.missing[1]


def test_an_exam_passed_before_or_on_the_suspension_day_does_not_count():
    assert not ret([rules.GROUND_FAILED_RETAKE], passed=SUSPENDED_ON).due
    assert not ret([rules.GROUND_FAILED_RETAKE], passed=SUSPENDED_ON - timedelta(days=1)).due
    assert ret([rules.GROUND_FAILED_RETAKE], passed=SUSPENDED_ON + timedelta(days=1)).due


def test_a_failed_retake_suspension_needs_only_a_passed_retake():
    assert ret([rules.GROUND_FAILED_RETAKE], hours=0, passed=SUSPENDED_ON + timedelta(days=10)).due


def test_with_both_grounds_both_sets_of_conditions_apply():
    after = SUSPENDED_ON + timedelta(days=10)
    both = [rules.GROUND_FAILED_RETAKE, rules.GROUND_INCOMPETENT]
    assert not ret(both, hours=0, passed=after).due
    assert ret(both, hours=4, passed=after).due


@given(hours=st.decimals(min_value=0, max_value=50, places=1), minimum=st.decimals(min_value=0, max_value=40, places=1),
       days=st.one_of(st.none(), st.integers(-30, 30)))
def test_return_is_due_exactly_when_training_and_a_later_exam_are_both_there(hours, minimum, days):
    passed = None if days is None else SUSPENDED_ON + timedelta(days=days)
    d = ret([rules.GROUND_INCOMPETENT], hours=hours, minimum=minimum, passed=passed)
    assert d.due == (hours >= minimum and passed is not None and passed > SUSPENDED_ON)
    assert d.due == (not d.missing)
