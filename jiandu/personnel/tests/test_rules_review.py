"""R-PER-3: the three-level review as a transition table — order, levels, seats, refusals."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.errors import Conflict
from jiandu.personnel import rules

ALL_SEATS = (rules.SEAT_AGENCY, rules.SEAT_ESTABLISHMENT, rules.SEAT_FINANCE, rules.SEAT_CITY, rules.SEAT_PROVINCE)


def decide(status, step, seat, positive=True, signed=(), required=rules.DISTRICT_SEATS):
    return rules.review_decide(status=status, step=step, seat=seat, positive=positive, signed_seats=signed,
                               required_seats=required)


def code_of(call) -> str:
    with pytest.raises(Conflict) as exc:
        call()
    return exc.value.code


@pytest.mark.parametrize("order", list(itertools.permutations(rules.DISTRICT_SEATS)))
def test_the_three_district_seats_may_sign_in_any_order_and_the_last_moves_to_the_city(order):
    signed: list[str] = []
    for i, seat in enumerate(order):
        d = decide(rules.DISTRICT_REVIEW, rules.STEP_DISTRICT, seat, signed=signed)
        signed.append(seat)
        if i < 2:
            assert d.new_status == rules.DISTRICT_REVIEW and not d.step_complete
            assert set(d.pending_seats) == set(rules.DISTRICT_SEATS) - set(signed)
        else:
            assert d.new_status == rules.CITY_REVIEW and d.step_complete


def test_the_full_path_runs_district_city_province_exam_issue():
    status = rules.DISTRICT_REVIEW
    for seat in rules.DISTRICT_SEATS[:-1]:
        decide(status, rules.STEP_DISTRICT, seat)
    status = decide(status, rules.STEP_DISTRICT, rules.DISTRICT_SEATS[-1], signed=rules.DISTRICT_SEATS[:-1]).new_status
    assert status == rules.CITY_REVIEW
    status = decide(status, rules.STEP_CITY, rules.SEAT_CITY).new_status
    assert status == rules.PROVINCE_REVIEW
    status = decide(status, rules.STEP_PROVINCE, rules.SEAT_PROVINCE).new_status
    assert status == rules.EXAM_PENDING
    status = decide(status, rules.STEP_EXAM, rules.SEAT_PROVINCE).new_status
    assert status == rules.AWAITING_ISSUE
    assert decide(status, rules.STEP_ISSUE, rules.SEAT_AGENCY).new_status == rules.ISSUED


def test_a_refusal_at_any_review_level_ends_the_application():
    assert decide(rules.DISTRICT_REVIEW, rules.STEP_DISTRICT, rules.SEAT_FINANCE, positive=False).new_status == rules.REFUSED
    assert decide(rules.CITY_REVIEW, rules.STEP_CITY, rules.SEAT_CITY, positive=False).new_status == rules.REFUSED
    assert decide(rules.PROVINCE_REVIEW, rules.STEP_PROVINCE, rules.SEAT_PROVINCE, positive=False).new_status == rules.REFUSED
    assert decide(rules.EXAM_PENDING, rules.STEP_EXAM, rules.SEAT_PROVINCE, positive=False).new_status == rules.EXAM_FAILED


def test_a_refusal_by_the_second_district_seat_ends_it_even_though_the_first_approved():
    d = decide(rules.DISTRICT_REVIEW, rules.STEP_DISTRICT, rules.SEAT_ESTABLISHMENT, positive=False,
               signed=[rules.SEAT_AGENCY])
    assert d.new_status == rules.REFUSED and not d.positive


def test_city_review_before_the_district_review_is_complete_is_out_of_order():
    assert code_of(lambda: decide(rules.DISTRICT_REVIEW, rules.STEP_CITY, rules.SEAT_CITY)) == "review_out_of_order"


def test_province_review_before_the_city_is_out_of_order_and_a_passed_step_cannot_be_redone():
    assert code_of(lambda: decide(rules.CITY_REVIEW, rules.STEP_PROVINCE, rules.SEAT_PROVINCE)) == "review_out_of_order"
    assert code_of(lambda: decide(rules.PROVINCE_REVIEW, rules.STEP_CITY, rules.SEAT_CITY)) == "review_out_of_order"


def test_a_reviewer_acting_at_another_levels_step_is_refused_as_wrong_level():
    assert code_of(lambda: decide(rules.DISTRICT_REVIEW, rules.STEP_DISTRICT, rules.SEAT_CITY)) == "review_wrong_level"
    assert code_of(lambda: decide(rules.CITY_REVIEW, rules.STEP_CITY, rules.SEAT_AGENCY)) == "review_wrong_level"
    assert code_of(lambda: decide(rules.PROVINCE_REVIEW, rules.STEP_PROVINCE, rules.SEAT_FINANCE)) == "review_wrong_level"
    assert code_of(lambda: decide(rules.EXAM_PENDING, rules.STEP_EXAM, rules.SEAT_CITY)) == "review_wrong_level"


def test_a_district_seat_cannot_sign_twice():
    assert code_of(lambda: decide(rules.DISTRICT_REVIEW, rules.STEP_DISTRICT, rules.SEAT_AGENCY,
                                  signed=[rules.SEAT_AGENCY])) == "review_already_signed"


def test_the_required_seats_are_a_parameter_and_an_unrequired_seat_is_refused():
    required = (rules.SEAT_AGENCY, rules.SEAT_ESTABLISHMENT)
    assert code_of(lambda: decide(rules.DISTRICT_REVIEW, rules.STEP_DISTRICT, rules.SEAT_FINANCE,
                                  required=required)) == "review_seat_not_required"
    d = decide(rules.DISTRICT_REVIEW, rules.STEP_DISTRICT, rules.SEAT_ESTABLISHMENT, signed=[rules.SEAT_AGENCY],
               required=required)
    assert d.new_status == rules.CITY_REVIEW


def test_a_closed_application_refuses_every_action():
    for status in (rules.ISSUED, rules.REFUSED, rules.EXAM_FAILED, rules.WITHDRAWN):
        for step in rules.STEPS:
            assert code_of(lambda: decide(status, step, rules.SEAT_PROVINCE)) == "application_closed"


def test_issuance_has_no_negative_outcome():
    assert code_of(lambda: decide(rules.AWAITING_ISSUE, rules.STEP_ISSUE, rules.SEAT_AGENCY, positive=False)) == \
        "review_no_negative_outcome"


@given(
    status=st.sampled_from(rules.OPEN_APPLICATION_STATUSES),
    step=st.sampled_from(rules.STEPS),
    seat=st.sampled_from(ALL_SEATS),
    positive=st.booleans(),
)
def test_any_action_either_follows_the_table_or_is_refused_with_a_stable_code(status, step, seat, positive):
    try:
        d = decide(status, step, seat, positive=positive)
    except Conflict as exc:
        assert exc.code in {"review_wrong_level", "review_out_of_order", "review_no_negative_outcome"}
        assert exc.message
        if seat not in rules.STEP_SEATS[step]:
            assert exc.code == "review_wrong_level"
        return
    assert rules.STATUS_STEP[status] == step and seat in rules.STEP_SEATS[step]
    good, bad = rules.REVIEW_TRANSITIONS[(status, step)]
    assert d.new_status in {good, bad, status}


def test_each_seat_reviews_its_own_step():
    assert {rules.review_step_for_seat(s) for s in rules.DISTRICT_SEATS} == {rules.STEP_DISTRICT}
    assert rules.review_step_for_seat(rules.SEAT_CITY) == rules.STEP_CITY
    assert rules.review_step_for_seat(rules.SEAT_PROVINCE) == rules.STEP_PROVINCE
    assert rules.review_step_for_seat("") is None


def test_a_score_at_the_pass_mark_passes():
    assert rules.score_passes(60, 60) and rules.score_passes(100, 60)
    assert not rules.score_passes(59.9, 60)
