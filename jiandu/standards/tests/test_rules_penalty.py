"""R-STD-6: the discretion benchmark check is a pure function (issue #3, must hold 3).

Exhaustive on tier boundaries (inclusive and exclusive ends as stored per tier), fixed amounts,
multiples of illegal gains and of goods value with floor and cap, missing figures, and other
penalties the tier does not allow.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jiandu.standards.rules import PenaltyCheck, Tier, check_penalty, describe_tier
from jiandu.standards.rules.penalty import Bound, describe_range, fine_bounds, money

GENERAL = Tier("一般", min_value=D(1000), max_value=D(5000), other_penalties=("警告", "没收违法所得"))
MINOR = Tier("轻微", fine_mode="none", other_penalties=("警告",))
SERIOUS = Tier("较重", fine_mode="gain_multiple", min_value=D(2), max_value=D(5), other_penalties=("没收违法所得",))
GRAVE = Tier("严重", fine_mode="value_multiple", min_value=D(10), max_value=D(20), floor=D(50000), cap=D(1000000),
             other_penalties=("没收违法所得", "吊销许可证件", "责令停产停业"))
TIERS = [MINOR, GENERAL, SERIOUS, GRAVE]


def check(circumstance, fine, **kw) -> PenaltyCheck:
    return check_penalty(TIERS, circumstance=circumstance, fine=None if fine is None else D(fine), **kw)


# --- fixed amounts ---------------------------------------------------------------------------

def test_a_fine_inside_the_fixed_range_is_within_the_tier():
    result = check("一般", 3000)
    assert result == PenaltyCheck(True, "一般", [], D(1000), D(5000), "1,000–5,000 元")


def test_a_fine_above_the_range_is_flagged_with_the_figure_and_the_range():
    result = check("一般", 6000)
    assert not result.ok
    assert result.tier_label == "一般"
    assert result.reasons == ["罚款 6,000 元超出“一般”情形 1,000–5,000 元的裁量幅度"]


def test_a_fine_below_the_range_is_flagged_as_too_low():
    assert check("一般", 999.99).reasons == ["罚款 999.99 元低于“一般”情形 1,000–5,000 元的裁量幅度"]


@pytest.mark.parametrize("fine", [1000, 5000])
def test_inclusive_ends_accept_the_boundary_figures(fine):
    assert check("一般", fine).ok


@pytest.mark.parametrize(
    ("min_inclusive", "max_inclusive", "fine", "ok"),
    [
        (False, True, 1000, False), (False, True, D("1000.01"), True), (False, True, 5000, True),
        (True, False, 5000, False), (True, False, D("4999.99"), True), (True, False, 1000, True),
        (False, False, 1000, False), (False, False, 5000, False), (False, False, 3000, True),
        (True, True, 1000, True), (True, True, 5000, True),
    ],
)
def test_exclusive_ends_refuse_exactly_the_boundary_figure(min_inclusive, max_inclusive, fine, ok):
    tier = Tier("一般", min_value=D(1000), max_value=D(5000), min_inclusive=min_inclusive, max_inclusive=max_inclusive)
    assert check_penalty([tier], circumstance="一般", fine=D(fine)).ok is ok


def test_an_exclusive_range_is_described_with_both_ends_marked():
    tier = Tier("一般", min_value=D(1000), max_value=D(5000), min_inclusive=False)
    result = check_penalty([tier], circumstance="一般", fine=D(1000))
    assert result.reasons == ["罚款 1,000 元低于“一般”情形 1,000 元（不含）至 5,000 元（含）的裁量幅度"]


def test_an_open_upper_end_accepts_any_larger_fine():
    tier = Tier("严重", min_value=D(100000))
    assert check_penalty([tier], circumstance="严重", fine=D(10**9)).ok
    assert check_penalty([tier], circumstance="严重", fine=D(99999)).reasons == [
        "罚款 99,999 元低于“严重”情形 100,000 元以上的裁量幅度"]


def test_an_open_lower_end_accepts_any_smaller_positive_fine():
    tier = Tier("轻微", max_value=D(200), max_inclusive=False, fine_required=False)
    assert check_penalty([tier], circumstance="轻微", fine=D(1)).ok
    assert check_penalty([tier], circumstance="轻微", fine=D(200)).reasons == [
        "罚款 200 元超出“轻微”情形 不足 200 元的裁量幅度"]


# --- tiers without a fine, and missing fines ---------------------------------------------------

def test_a_tier_without_a_fine_refuses_any_fine():
    assert check("轻微", None).ok
    assert check("轻微", 0).ok
    assert check("轻微", 100).reasons == ["“轻微”情形不处罚款，拟处罚款 100 元超出裁量幅度"]


def test_a_tier_that_requires_a_fine_refuses_a_penalty_without_one():
    for fine in (None, 0):
        assert check("一般", fine).reasons == ["“一般”情形应当并处罚款（1,000–5,000 元），但未拟处罚款"]


def test_a_tier_where_the_fine_is_optional_accepts_no_fine():
    tier = Tier("一般", min_value=D(1000), max_value=D(5000), fine_required=False)
    assert check_penalty([tier], circumstance="一般", fine=None).ok


# --- multiples of illegal gains and of goods value ----------------------------------------------

@pytest.mark.parametrize(("fine", "ok"), [(1999, False), (2000, True), (3500, True), (5000, True), (5001, False)])
def test_multiples_of_illegal_gains_follow_the_gain_figure(fine, ok):
    assert check("较重", fine, illegal_gain=D(1000)).ok is ok


def test_a_fine_above_the_multiple_names_the_gain_and_the_multiples():
    assert check("较重", 6000, illegal_gain=D(1000)).reasons == [
        "罚款 6,000 元超出“较重”情形 2,000–5,000 元的裁量幅度（违法所得 1,000 元的 2–5 倍）"]


def test_a_multiple_tier_without_the_illegal_gain_figure_cannot_be_judged():
    result = check("较重", 3000)
    assert not result.ok
    assert result.reasons == ["“较重”情形按违法所得的倍数确定罚款，须填写违法所得数额"]


def test_a_goods_value_tier_needs_the_goods_value_not_the_gain():
    result = check("严重", 60000, illegal_gain=D(5000))
    assert result.reasons == ["“严重”情形按货值金额的倍数确定罚款，须填写货值金额数额"]


def test_zero_illegal_gain_is_a_figure_and_gives_a_zero_range_without_a_floor():
    assert check("较重", 0, illegal_gain=D(0)).reasons == ["“较重”情形应当并处罚款（0 元），但未拟处罚款"]
    assert check("较重", 1, illegal_gain=D(0)).reasons == ["罚款 1 元超出“较重”情形 0 元的裁量幅度（违法所得 0 元的 2–5 倍）"]


def test_the_floor_raises_small_multiples_and_the_cap_lowers_large_ones():
    # goods value 1,000: 10–20× is 10,000–20,000, both under the floor of 50,000 → exactly 50,000.
    assert check("严重", 50000, goods_value=D(1000)).ok
    assert check("严重", 20000, goods_value=D(1000)).reasons == [
        "罚款 20,000 元低于“严重”情形 50,000 元的裁量幅度（货值金额 1,000 元的 10–20 倍，最低 50,000 元，最高 1,000,000 元）"]
    # goods value 4,000: 40,000–80,000 → 50,000–80,000.
    result = check("严重", 80000, goods_value=D(4000))
    assert result.ok and (result.fine_min, result.fine_max) == (D(50000), D(80000))
    # goods value 80,000: 800,000–1,600,000 → 800,000–1,000,000.
    result = check("严重", 1000001, goods_value=D(80000))
    assert (result.fine_min, result.fine_max) == (D(800000), D(1000000))
    assert not result.ok
    # goods value 200,000: 2,000,000–4,000,000 → both at the cap.
    assert check("严重", 1000000, goods_value=D(200000)).ok


def test_a_bound_moved_by_the_floor_becomes_inclusive():
    tier = Tier("较重", fine_mode="gain_multiple", min_value=D(1), max_value=D(3), min_inclusive=False, floor=D(5000))
    assert check_penalty([tier], circumstance="较重", fine=D(5000), illegal_gain=D(1000)).ok
    # Above the floor the stored exclusive end still applies.
    assert not check_penalty([tier], circumstance="较重", fine=D(10000), illegal_gain=D(10000)).ok
    assert check_penalty([tier], circumstance="较重", fine=D("10000.01"), illegal_gain=D(10000)).ok


def test_fractional_multiples_are_exact():
    tier = Tier("一般", fine_mode="gain_multiple", min_value=D("0.5"), max_value=D("1.5"))
    assert check_penalty([tier], circumstance="一般", fine=D("50.00"), illegal_gain=D(100)).ok
    assert not check_penalty([tier], circumstance="一般", fine=D("49.99"), illegal_gain=D(100)).ok
    assert check_penalty([tier], circumstance="一般", fine=D("150"), illegal_gain=D(100)).ok


# --- other penalties, circumstances, bad figures -------------------------------------------------

def test_other_penalties_outside_the_tier_are_named():
    result = check("一般", 2000, other_penalties=["警告", "吊销许可证件"])
    assert result.reasons == ["“吊销许可证件”不在“一般”情形可并处的处罚种类内（可并处：警告、没收违法所得）"]


def test_other_penalties_allowed_by_the_tier_pass_and_the_fine_itself_is_not_one():
    assert check("严重", 60000, goods_value=D(5000), other_penalties=["罚款", "吊销许可证件", "责令停产停业"]).ok


def test_a_tier_allowing_no_other_penalty_says_so():
    tier = Tier("一般", min_value=D(100), max_value=D(200))
    assert check_penalty([tier], circumstance="一般", fine=D(150), other_penalties=["警告"]).reasons == [
        "“警告”不在“一般”情形可并处的处罚种类内（可并处：无）"]


def test_a_fine_problem_and_a_penalty_problem_are_both_reported():
    result = check("一般", 6000, other_penalties=["责令停产停业", "责令停产停业"])
    assert len(result.reasons) == 2


def test_an_unknown_circumstance_lists_the_tiers_there_are():
    result = check("特别严重", 1000)
    assert result == PenaltyCheck(False, "", ["裁量基准中没有“特别严重”情形（已规定的情形：“轻微”、“一般”、“较重”、“严重”）"])


def test_circumstance_is_matched_after_trimming_spaces():
    assert check(" 一般 ", 2000).ok


def test_negative_figures_are_refused():
    assert check("一般", -1).reasons == ["罚款金额不能为负数"]
    assert check("较重", 100, illegal_gain=D(-5)).reasons == ["违法所得金额不能为负数"]


def test_tiers_may_be_plain_mappings_as_stored_in_json():
    tiers = [{"label": "一般", "fine_mode": "fixed", "min_value": "1000", "max_value": "5000", "max_inclusive": False,
              "other_penalties": ["警告"]}]
    assert check_penalty(tiers, circumstance="一般", fine=D(4999)).ok
    assert not check_penalty(tiers, circumstance="一般", fine=D(5000)).ok


def test_an_unknown_fine_mode_is_reported_rather_than_guessed():
    tier = Tier("一般", fine_mode="percent", min_value=D(1))
    assert "无法识别" in check_penalty([tier], circumstance="一般", fine=D(1)).reasons[0]


# --- descriptions ---------------------------------------------------------------------------------

def test_money_is_written_with_thousands_separators():
    assert money(D(6000)) == "6,000"
    assert money(D("1234.5")) == "1,234.50"
    assert money(D("1000000.00")) == "1,000,000"


@pytest.mark.parametrize(("low", "high", "text"), [
    (Bound(D(1), True), Bound(D(2), True), "1–2 元"),
    (Bound(D(1), True), None, "1 元以上"),
    (Bound(D(1), False), None, "超过 1 元"),
    (None, Bound(D(2), True), "2 元以下"),
    (None, Bound(D(2), False), "不足 2 元"),
    (None, None, "不限金额"),
    (Bound(D(3), True), Bound(D(3), True), "3 元"),
])
def test_ranges_are_described_in_chinese(low, high, text):
    assert describe_range(low, high) == text


def test_tiers_are_described_for_the_public_page():
    assert describe_tier(GENERAL) == "罚款 1,000–5,000 元"
    assert describe_tier(MINOR) == "不处罚款"
    assert describe_tier(SERIOUS) == "处违法所得 2–5 倍罚款"
    assert describe_tier(GRAVE) == "处货值金额 10–20 倍，最低 50,000 元，最高 1,000,000 元罚款"
    assert describe_tier(Tier("一般", min_value=D(0), max_value=D(2000), fine_required=False)) == "可以并处罚款 0–2,000 元"


# --- properties --------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)
multiples = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)


@given(range_=st.tuples(amounts, amounts).map(sorted), fine=amounts, lo_inc=st.booleans(), hi_inc=st.booleans())
def test_a_fixed_tier_accepts_exactly_the_fines_inside_its_range(range_, fine, lo_inc, hi_inc):
    lo, hi = range_
    assume(fine > 0)
    tier = Tier("一般", min_value=lo, max_value=hi, min_inclusive=lo_inc, max_inclusive=hi_inc)
    inside = (fine > lo or (fine == lo and lo_inc)) and (fine < hi or (fine == hi and hi_inc))
    result = check_penalty([tier], circumstance="一般", fine=fine)
    assert result.ok is inside
    assert len(result.reasons) == (0 if inside else 1)


@given(ms=st.tuples(multiples, multiples).map(sorted), gain=amounts, fine=amounts)
def test_a_gain_multiple_tier_accepts_exactly_the_fines_between_the_multiples(ms, gain, fine):
    # Ordered pairs are generated directly (no assume): filtering half the inputs away trips
    # hypothesis' health check on a slow machine.
    m_lo, m_hi = ms
    assume(fine > 0)
    tier = Tier("较重", fine_mode="gain_multiple", min_value=m_lo, max_value=m_hi)
    result = check_penalty([tier], circumstance="较重", fine=fine, illegal_gain=gain)
    assert result.ok is (m_lo * gain <= fine <= m_hi * gain)


@given(ms=st.tuples(multiples, multiples).map(sorted), value=amounts, bounds=st.tuples(amounts, amounts).map(sorted))
def test_floor_and_cap_always_hold_the_range_between_them(ms, value, bounds):
    (m_lo, m_hi), (floor, cap) = ms, bounds
    tier = Tier("严重", fine_mode="value_multiple", min_value=m_lo, max_value=m_hi, floor=floor, cap=cap)
    low, high = fine_bounds(tier, base=value)
    assert floor <= low.amount <= high.amount <= cap
    if high.amount > 0:  # the top of the clamped range is itself an acceptable fine
        assert check_penalty([tier], circumstance="严重", fine=high.amount, goods_value=value).ok


@given(fine=amounts)
def test_a_larger_fine_is_never_accepted_where_a_smaller_one_was_too_high(fine):
    assume(fine > 0)
    above = check_penalty([GENERAL], circumstance="一般", fine=fine)
    bigger = check_penalty([GENERAL], circumstance="一般", fine=fine + 1)
    if not above.ok and fine > 5000:
        assert not bigger.ok
