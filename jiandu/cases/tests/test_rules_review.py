"""R-CAS-3/4/5: officers on a step, the legal review requirement, reviewer eligibility, the automatic
checks at review, limitation, simple procedure and hearing rights."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

from jiandu.cases import rules

D = Decimal


# --- legal review requirement (R-CAS-4) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "procedure", "is_major"),
    list(itertools.product(["penalty", "coercion", "licensing", "inspection"], ["simple", "general"], [False, True])),
)
def test_legal_review_is_required_for_general_penalty_and_coercion_and_every_major_decision(kind, procedure, is_major):
    """R-CAS-4: except simple procedure, a penalty or coercion decision — and any major decision — needs review."""
    required, why = rules.legal_review_required(kind=kind, procedure=procedure, is_major=is_major,
                                                review_kinds=["penalty", "coercion"])
    expected = is_major or (procedure == "general" and kind in ("penalty", "coercion"))
    assert required is expected
    assert bool(why) is expected


def test_the_kinds_needing_review_come_from_the_parameter():
    required, _ = rules.legal_review_required(kind="licensing", procedure="general", is_major=False,
                                              review_kinds=["penalty", "coercion", "licensing"])
    assert required


# --- reviewer eligibility (art. 58) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("in_body", "investigator", "qualified", "earlier"),
    list(itertools.product([True, False], [True, False], [True, False], [0, 1, 5])),
)
def test_reviewer_eligibility_for_every_combination(in_body, investigator, qualified, earlier):
    """R-CAS-4: member of the reviewing legal body, not an investigator, and a first-time reviewer
    (no earlier opinion on the platform) holds 法律职业资格."""
    d = rules.reviewer_eligibility(rules.ReviewerFacts(in_body, investigator, qualified, earlier))
    expected = in_body and not investigator and (qualified or earlier > 0)
    assert d.ok is expected
    if not in_body:
        assert any("法制审核机构" in r for r in d.reasons)
    if investigator:
        assert any("参与了本案调查" in r for r in d.reasons)
    if earlier == 0 and not qualified:
        assert any("法律职业资格" in r for r in d.reasons)


# --- officers on a step (R-CAS-3, art. 42) ---------------------------------------------------------------


def test_two_officers_with_valid_certificates_on_the_date_may_act():
    d = rules.officers_on_step(officer_ids=[1, 2], assigned_ids=[1, 2, 3], certified={1: "", 2: ""}, minimum=2)
    assert d.ok


def test_one_officer_is_too_few_under_general_procedure_but_enough_under_simple():
    certified = {1: ""}
    assert not rules.officers_on_step(officer_ids=[1], assigned_ids=[1], certified=certified, minimum=2).ok
    assert rules.officers_on_step(officer_ids=[1], assigned_ids=[1], certified=certified, minimum=1).ok


def test_an_officer_with_a_suspended_certificate_cannot_act_even_with_two_valid_colleagues():
    certified = {1: "", 2: "", 3: "李四的行政执法证在2026年10月10日处于“暂扣”状态。"}
    d = rules.officers_on_step(officer_ids=[1, 2, 3], assigned_ids=[1, 2, 3], certified=certified, minimum=2)
    assert not d.ok
    assert "暂扣" in d.reason


def test_an_officer_not_assigned_to_the_case_cannot_act_and_duplicates_count_once():
    d = rules.officers_on_step(officer_ids=[1, 9], assigned_ids=[1], certified={1: "", 9: ""}, minimum=2,
                               names={9: "王五"})
    assert not d.ok and "王五不是本案承办人员" in d.reason
    assert not rules.officers_on_step(officer_ids=[1, 1], assigned_ids=[1], certified={1: ""}, minimum=2).ok


# --- simple procedure (art. 51) ------------------------------------------------------------------------

LIMITS = {"max_person": D(200), "max_organisation": D(3000)}


@pytest.mark.parametrize(
    ("party", "penalties", "fine", "ok"),
    [
        ("person", ["fine"], D("200"), True),
        ("person", ["fine"], D("200.01"), False),
        ("organisation", ["fine"], D("3000"), True),
        ("organisation", ["fine"], D("3000.01"), False),
        ("person", ["warning"], None, True),
        ("organisation", ["warning", "fine"], D("50"), True),
        ("person", ["confiscate_gain"], None, False),
        ("person", [], None, False),
    ],
)
def test_simple_procedure_is_a_warning_or_a_small_fine(party, penalties, fine, ok):
    assert rules.simple_procedure_allowed(party_kind=party, penalties=penalties, fine=fine, **LIMITS).ok is ok


# --- hearing rights (art. 63–64) -------------------------------------------------------------------------

THRESH = {"threshold_person": D(10000), "threshold_organisation": D(100000)}


@pytest.mark.parametrize(
    ("party", "penalties", "fine", "confiscated", "required"),
    [
        ("person", ["fine"], D("9999.99"), None, False),
        ("person", ["fine"], D("10000"), None, True),
        ("organisation", ["fine"], D("99999"), None, False),
        ("organisation", ["fine"], D("100000"), None, True),
        ("organisation", ["confiscate_property"], None, D("150000"), True),
        ("person", ["revoke_licence"], None, None, True),
        ("organisation", ["order_closure", "fine"], D("10"), None, True),
        ("person", ["warning"], None, None, False),
    ],
)
def test_hearing_rights_depend_on_the_threshold_parameter_and_the_penalty(party, penalties, fine, confiscated, required):
    got, why = rules.hearing_rights_required(party_kind=party, penalties=penalties, fine=fine, confiscated=confiscated, **THRESH)
    assert got is required
    assert bool(why) is required


def test_the_hearing_is_at_least_seven_working_days_after_the_notice_across_national_day():
    from jiandu.cases.tests.calendars import CAL

    assert rules.earliest_hearing_on(date(2026, 9, 28), 7, CAL) == date(2026, 10, 13)


# --- limitation (art. 36) -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ended", "discovered", "harm", "ok"),
    [
        (date(2024, 3, 1), date(2026, 3, 1), False, True),  # the last day is in time
        (date(2024, 3, 1), date(2026, 3, 2), False, False),
        (date(2021, 3, 1), date(2026, 3, 1), True, True),  # 5 years with harm to life/finance
        (date(2021, 3, 1), date(2026, 3, 2), True, False),
        (date(2024, 2, 29), date(2026, 2, 28), False, True),
        (date(2024, 2, 29), date(2026, 3, 1), False, False),
        (date(2026, 3, 1), date(2026, 2, 1), False, False),  # discovered before it ended: refused
        (None, date(2026, 2, 1), False, False),
    ],
)
def test_limitation_period_is_two_years_or_five_with_harm(ended, discovered, harm, ok):
    d = rules.limitation_check(violation_ended_on=ended, discovered_on=discovered, harm_to_life_or_finance=harm,
                               years=2, extended_years=5)
    assert d.ok is ok
    assert bool(d.reasons) is not ok


# --- the automatic checks at review (R-CAS-5) -----------------------------------------------------------------


def facts(**overrides) -> rules.ReviewFacts:
    base = dict(
        kind="penalty", procedure="general", party_kind="organisation", penalties=("fine",), fine=D("5000"),
        confiscated=None, violation_ended_on=date(2026, 3, 1), discovered_on=date(2026, 4, 1),
        harm_to_life_or_finance=False, hearing_rights_notified_on=None,
        benchmark=rules.BenchmarkOutcome(ok=True, tier_label="一般情节"),
    )
    base.update(overrides)
    return rules.ReviewFacts(**base)


def by_code(results) -> dict[str, rules.CheckResult]:
    return {r.code: r for r in results}


def test_all_checks_pass_for_a_fine_within_its_tier_in_time_below_the_hearing_threshold():
    results = rules.run_review_checks(facts())
    assert [r.code for r in results] == ["benchmark", "four_lists", "limitation", "hearing_rights", "procedure"]
    assert all(r.ok for r in results), results


def test_a_fine_outside_the_benchmark_tier_fails_the_check_with_the_tier_and_reason():
    """R-CAS-5, R-STD-6: flagged at review."""
    outcome = rules.BenchmarkOutcome(ok=False, tier_label="从轻情节", reasons=("罚款应在1,000元至3,000元之间",))
    r = by_code(rules.run_review_checks(facts(benchmark=outcome)))["benchmark"]
    assert r.level == rules.FAIL and not r.ok
    assert "从轻情节" in r.reason and "1,000元至3,000元" in r.reason


def test_no_benchmark_published_warns_and_no_fine_needs_no_benchmark():
    assert by_code(rules.run_review_checks(facts(benchmark=None)))["benchmark"].level == rules.WARN
    assert by_code(rules.run_review_checks(facts(penalties=("warning",), fine=None)))["benchmark"].level == rules.INFO
    assert by_code(rules.run_review_checks(facts(benchmark_available=False)))["benchmark"].level == rules.INFO


def test_an_item_on_the_no_penalty_list_warns_when_a_penalty_is_proposed():
    entries = (rules.FourListEntry("no_penalty", "首次违法且危害后果轻微并及时改正"),)
    r = by_code(rules.run_review_checks(facts(four_list=entries)))["four_lists"]
    assert r.level == rules.WARN
    assert "不予处罚清单" in r.reason and "首次违法" in r.reason
    lighter = by_code(rules.run_review_checks(facts(four_list=(rules.FourListEntry("lighter_penalty"),))))["four_lists"]
    assert lighter.level == rules.INFO and "从轻处罚清单" in lighter.reason


def test_a_case_out_of_time_fails_the_limitation_check():
    r = by_code(rules.run_review_checks(facts(violation_ended_on=date(2023, 1, 1), discovered_on=date(2026, 1, 5))))["limitation"]
    assert r.level == rules.FAIL and "第三十六条" in r.reason


def test_a_large_fine_without_a_hearing_rights_notice_fails_and_with_one_passes():
    big = facts(fine=D("150000"))
    assert by_code(rules.run_review_checks(big))["hearing_rights"].level == rules.FAIL
    notified = facts(fine=D("150000"), hearing_rights_notified_on=date(2026, 4, 10))
    assert by_code(rules.run_review_checks(notified))["hearing_rights"].level == rules.OK


def test_the_hearing_threshold_is_the_parameter_passed_in():
    lower = facts(fine=D("60000"), hearing_threshold_organisation=D("50000"))
    assert by_code(rules.run_review_checks(lower))["hearing_rights"].level == rules.FAIL


def test_a_simple_procedure_fine_above_its_limit_fails_the_procedure_check():
    r = by_code(rules.run_review_checks(facts(procedure="simple", fine=D("5000"))))["procedure"]
    assert r.level == rules.FAIL and "普通程序" in r.reason


def test_checks_of_other_kinds_say_they_do_not_apply():
    results = by_code(rules.run_review_checks(facts(kind="coercion", penalties=(), fine=None)))
    assert results["limitation"].level == rules.INFO
    assert results["hearing_rights"].level == rules.INFO
    assert results["benchmark"].level == rules.INFO
    d = results["limitation"].as_dict()
    assert d["ok"] is True and d["code"] == "limitation"
