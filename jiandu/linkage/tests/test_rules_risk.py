"""The risk rule evaluation (R-LNK-3): 以罚代刑 / 有案不移, exhaustively."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.linkage import rules

GOODS_50K = rules.RiskRuleSpec(amount_field="goods_value", amount_threshold=Decimal("50000"))
QUANTITY_100 = rules.RiskRuleSpec(quantity_threshold=Decimal("100"), quantity_unit="条")
TWICE_IN_TWO_YEARS = rules.RiskRuleSpec(repeat_count=2, repeat_window_days=730)
ON = date(2026, 5, 20)


def facts(**overrides) -> rules.CaseFacts:
    base = dict(amounts={}, quantity=None, reference_on=ON)
    base.update(overrides)
    return rules.CaseFacts(**base)


@pytest.mark.parametrize(
    ("goods", "crossed"),
    [(None, False), (Decimal("0"), False), (Decimal("49999.99"), False), (Decimal("50000"), True), (Decimal("50000.01"), True)],
)
def test_amount_threshold_is_inclusive_and_a_missing_amount_never_reaches_it(goods, crossed):
    """R-LNK-3: "数额在五万元以上" — 50,000 reaches it, 49,999.99 does not."""
    outcome = rules.evaluate(GOODS_50K, facts(amounts={"goods_value": goods}))
    assert outcome.crossed is crossed
    assert outcome.flagged is crossed
    if crossed:
        assert "涉案货值" in outcome.reasons[0] and "50,000" in outcome.reasons[0]


def test_the_amount_rule_reads_only_its_own_amount_field():
    outcome = rules.evaluate(GOODS_50K, facts(amounts={"fine_amount": Decimal("900000"), "goods_value": Decimal("10")}))
    assert not outcome.crossed


@pytest.mark.parametrize(("quantity", "crossed"), [(None, False), (Decimal("99.5"), False), (Decimal("100"), True)])
def test_quantity_threshold_is_inclusive(quantity, crossed):
    """R-LNK-3: a quantity threshold (e.g. 条, 千克)."""
    outcome = rules.evaluate(QUANTITY_100, facts(quantity=quantity))
    assert outcome.crossed is crossed
    if crossed:
        assert outcome.reasons == ("涉案数量100条，达到100条的追诉标准",)


@pytest.mark.parametrize(
    ("prior", "crossed"),
    [
        ((), False),
        ((ON - timedelta(days=100),), False),  # once is not twice
        ((ON - timedelta(days=100), ON - timedelta(days=730)), True),  # the window's first day counts
        ((ON - timedelta(days=100), ON - timedelta(days=731)), False),  # one day too early
        ((ON - timedelta(days=1), ON), False),  # the same day is not "earlier"
        ((ON - timedelta(days=1), ON + timedelta(days=3)), False),  # a later penalty is not prior
        ((ON - timedelta(days=1), ON - timedelta(days=2), ON - timedelta(days=3)), True),
    ],
)
def test_repeat_offence_counts_earlier_penalties_inside_the_window(prior, crossed):
    """R-LNK-3: "二年内因同类行为受过二次以上行政处罚，又实施的"."""
    outcome = rules.evaluate(TWICE_IN_TWO_YEARS, facts(prior_penalty_dates=prior))
    assert outcome.crossed is crossed


def test_a_transferred_case_crossed_the_threshold_but_is_not_flagged():
    """R-LNK-3: only a case without a transfer is a risk."""
    outcome = rules.evaluate(GOODS_50K, facts(amounts={"goods_value": Decimal("80000")}, transferred=True))
    assert outcome.crossed and not outcome.flagged


def test_a_penalized_case_is_penalty_instead_of_prosecution_and_an_unpenalized_one_is_withheld():
    """R-LNK-3: 以罚代刑 when settled with a penalty; 有案不移 otherwise."""
    crossed = {"goods_value": Decimal("80000")}
    assert rules.evaluate(GOODS_50K, facts(amounts=crossed, penalized=True)).kind == rules.PENALTY_INSTEAD
    assert rules.evaluate(GOODS_50K, facts(amounts=crossed, penalized=False)).kind == rules.WITHHELD


def test_any_one_threshold_of_a_combined_rule_crosses_it_and_every_reached_one_is_named():
    combined = rules.RiskRuleSpec(amount_field="illegal_gain", amount_threshold=Decimal("10000"),
                                  quantity_threshold=Decimal("5"), quantity_unit="千克",
                                  repeat_count=2, repeat_window_days=365)
    only_quantity = rules.evaluate(combined, facts(quantity=Decimal("6"), amounts={"illegal_gain": Decimal("1")}))
    assert only_quantity.crossed and len(only_quantity.reasons) == 1
    everything = rules.evaluate(combined, facts(
        quantity=Decimal("6"), amounts={"illegal_gain": Decimal("20000")},
        prior_penalty_dates=(ON - timedelta(days=10), ON - timedelta(days=20))))
    assert len(everything.reasons) == 3


@given(
    amount=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)),
    threshold=st.decimals(min_value=Decimal("0.01"), max_value=10**9, places=2, allow_nan=False),
    quantity=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)),
    q_threshold=st.one_of(st.none(), st.decimals(min_value=Decimal("0.01"), max_value=10**6, places=2, allow_nan=False)),
    offsets=st.lists(st.integers(min_value=-50, max_value=1000), max_size=6),
    repeat=st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
    transferred=st.booleans(),
)
def test_the_evaluation_matches_its_definition_for_any_figures(amount, threshold, quantity, q_threshold, offsets,
                                                                repeat, transferred):
    """R-LNK-3: crossed ⇔ amount ≥ threshold ∨ quantity ≥ threshold ∨ ≥ n earlier penalties in the window;
    flagged ⇔ crossed ∧ no transfer."""
    spec = rules.RiskRuleSpec(amount_field="goods_value", amount_threshold=threshold, quantity_threshold=q_threshold,
                              quantity_unit="条", repeat_count=repeat, repeat_window_days=365 if repeat else None)
    prior = tuple(ON - timedelta(days=o) for o in offsets)
    outcome = rules.evaluate(spec, facts(amounts={"goods_value": amount}, quantity=quantity,
                                         prior_penalty_dates=prior, transferred=transferred))
    expected = (
        (amount is not None and amount >= threshold)
        or (q_threshold is not None and quantity is not None and quantity >= q_threshold)
        or (repeat is not None and sum(1 for o in offsets if 0 < o <= 365) >= repeat)
    )
    assert outcome.crossed is expected
    assert outcome.flagged is (expected and not transferred)
    assert bool(outcome.reasons) is expected


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (rules.RiskRuleSpec(), "amount_threshold"),
        (rules.RiskRuleSpec(amount_field="goods_value"), "amount_threshold"),
        (rules.RiskRuleSpec(amount_threshold=Decimal("1")), "amount_threshold"),
        (rules.RiskRuleSpec(amount_field="salary", amount_threshold=Decimal("1")), "amount_field"),
        (rules.RiskRuleSpec(amount_field="goods_value", amount_threshold=Decimal("0")), "amount_threshold"),
        (rules.RiskRuleSpec(quantity_threshold=Decimal("5")), "quantity_unit"),
        (rules.RiskRuleSpec(quantity_threshold=Decimal("-5"), quantity_unit="条"), "quantity_threshold"),
        (rules.RiskRuleSpec(repeat_count=2), "repeat_window_days"),
        (rules.RiskRuleSpec(repeat_window_days=365), "repeat_window_days"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_naming_the_field(spec, field):
    """R-LNK-3: configuration errors are named per field in Chinese."""
    problems = rules.rule_spec_problems(spec)
    assert field in problems
    assert all(isinstance(m, str) and m for m in problems.values())


@pytest.mark.parametrize("spec", [GOODS_50K, QUANTITY_100, TWICE_IN_TWO_YEARS])
def test_a_rule_with_one_complete_threshold_is_accepted(spec):
    assert rules.rule_spec_problems(spec) == {}
