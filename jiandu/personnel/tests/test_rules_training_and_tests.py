"""R-PER-9 training-hours compliance (yearly target and pro-rated pace) and R-PER-10 test
attempts; R-PER-4 certificate status replay and transitions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.errors import Conflict
from jiandu.personnel import rules

# --- training ------------------------------------------------------------------------------------


def test_forty_hours_meets_the_yearly_target_and_thirty_nine_point_five_does_not():
    assert rules.training_status(40, target=40, year=2026, on=date(2026, 12, 31)).compliant
    s = rules.training_status(Decimal("39.5"), target=40, year=2026, on=date(2026, 12, 31))
    assert not s.compliant and s.shortfall == Decimal("0.5")


def test_the_pace_expectation_is_pro_rated_over_the_year():
    assert rules.expected_hours_to_date(Decimal(40), year=2026, on=date(2026, 1, 1)) == Decimal("0.1")
    assert rules.expected_hours_to_date(Decimal(40), year=2026, on=date(2026, 3, 14)) == Decimal("8.0")  # day 73 of 365
    assert rules.expected_hours_to_date(Decimal(40), year=2026, on=date(2026, 12, 31)) == Decimal("40.0")
    assert rules.expected_hours_to_date(Decimal(40), year=2026, on=date(2025, 12, 31)) == 0
    assert rules.expected_hours_to_date(Decimal(40), year=2026, on=date(2027, 1, 5)) == 40


def test_someone_on_pace_in_june_is_not_yet_compliant_and_someone_behind_is_flagged():
    on = date(2026, 6, 30)
    on_pace = rules.training_status(24, target=40, year=2026, on=on)
    behind = rules.training_status(8, target=40, year=2026, on=on)
    assert not on_pace.compliant and not on_pace.behind_pace and on_pace.shortfall == 16
    assert behind.behind_pace and behind.percent == 20


@given(hours=st.decimals(min_value=0, max_value=100, places=1), target=st.integers(1, 80),
       on=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)))
def test_compliance_shortfall_and_pace_agree(hours, target, on):
    s = rules.training_status(hours, target=target, year=2026, on=on)
    assert s.compliant == (hours >= target)
    assert s.shortfall == max(Decimal(0), target - hours)
    assert s.compliant or s.shortfall > 0
    assert 0 <= s.expected_to_date <= target
    if s.compliant:
        assert not s.behind_pace  # meeting the year's target is never behind pace


def test_unit_compliance_counts_people_meeting_the_target():
    on = date(2026, 12, 31)
    statuses = [rules.training_status(h, target=40, year=2026, on=on) for h in (40, 44, 12, 0)]
    c = rules.unit_compliance(statuses)
    assert (c.people, c.compliant, c.short, c.rate) == (4, 2, 2, 50)
    assert rules.unit_compliance([]).rate == 100


def test_hours_are_shown_without_trailing_zeros():
    assert rules.format_hours(Decimal("40.0")) == "40"
    assert rules.format_hours(Decimal("2.50")) == "2.5"
    assert rules.format_hours(3) == "3"


# --- closed-book tests -----------------------------------------------------------------------------


def test_a_first_attempt_fail_requires_a_retake():
    assert rules.attempt_outcome(attempt=1, passed=False) == rules.TEST_RETAKE_REQUIRED
    assert rules.attempt_outcome(attempt=1, passed=True) == rules.TEST_NONE


def test_a_failed_retake_is_a_suspension_ground_and_a_passed_retake_may_return():
    assert rules.attempt_outcome(attempt=2, passed=False) == rules.TEST_FAILED_RETAKE
    assert rules.attempt_outcome(attempt=3, passed=False) == rules.TEST_FAILED_RETAKE
    assert rules.attempt_outcome(attempt=2, passed=True) == rules.TEST_PASSED_RETAKE


def test_a_retake_follows_a_failed_attempt_only():
    assert rules.next_attempt([(1, False)]) == 2
    assert rules.next_attempt([(1, False), (2, False)]) == 3
    for previous in ([], [(1, True)], [(1, False), (2, True)]):
        with pytest.raises(Conflict) as exc:
            rules.next_attempt(previous)
        assert exc.value.code == "retake_not_required"
    with pytest.raises(ValueError):
        rules.attempt_outcome(attempt=0, passed=True)


# --- certificate status (R-PER-4) -------------------------------------------------------------------

ISSUED = date(2024, 3, 1)
UNTIL = date(2029, 2, 28)
EVENTS = [(ISSUED, rules.VALID), (date(2026, 3, 10), rules.SUSPENDED), (date(2026, 6, 1), rules.VALID),
          (date(2026, 9, 1), rules.REVOKED)]


@pytest.mark.parametrize("on,expected", [
    (ISSUED - timedelta(days=1), rules.NONE),
    (ISSUED, rules.VALID),
    (date(2026, 3, 9), rules.VALID),
    (date(2026, 3, 10), rules.SUSPENDED),
    (date(2026, 5, 31), rules.SUSPENDED),
    (date(2026, 6, 1), rules.VALID),
    (date(2026, 9, 1), rules.REVOKED),
    (date(2030, 1, 1), rules.REVOKED),
])
def test_the_status_on_a_date_is_replayed_from_the_events(on, expected):
    assert rules.certificate_status_on(EVENTS, valid_until=UNTIL, on=on) == expected


def test_a_valid_certificate_past_its_validity_is_expired():
    events = [(ISSUED, rules.VALID)]
    assert rules.certificate_status_on(events, valid_until=UNTIL, on=UNTIL) == rules.VALID
    assert rules.certificate_status_on(events, valid_until=UNTIL, on=UNTIL + timedelta(days=1)) == rules.EXPIRED
    assert rules.current_status(rules.VALID, valid_until=UNTIL, on=UNTIL + timedelta(days=1)) == rules.EXPIRED
    assert rules.current_status(rules.SUSPENDED, valid_until=UNTIL, on=UNTIL + timedelta(days=1)) == rules.SUSPENDED


def test_only_the_workflows_transitions_are_allowed():
    assert rules.certificate_transition(rules.VALID, rules.SUSPEND) == rules.SUSPENDED
    assert rules.certificate_transition(rules.SUSPENDED, rules.RETURN) == rules.VALID
    for status in (rules.VALID, rules.SUSPENDED):
        assert rules.certificate_transition(status, rules.REVOKE) == rules.REVOKED
        assert rules.certificate_transition(status, rules.CANCEL) == rules.CANCELLED
    refused = [(rules.VALID, rules.RETURN), (rules.SUSPENDED, rules.SUSPEND), (rules.REVOKED, rules.RETURN),
               (rules.CANCELLED, rules.SUSPEND), (rules.REVOKED, rules.CANCEL)]
    for status, action in refused:
        with pytest.raises(Conflict) as exc:
            rules.certificate_transition(status, action)
        assert exc.value.code == "certificate_transition_invalid"


def test_a_generated_certificate_number_has_region_year_and_serial():
    assert rules.certificate_number("420703", 2026, 12) == "420703202600012"
