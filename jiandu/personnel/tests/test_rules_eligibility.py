"""R-PER-2: who may apply for a certificate — every failing reason is named."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from jiandu.personnel import rules

ELIGIBLE = rules.EligibilityFacts(
    unit_is_enforcement=True, is_enforcement_post=True, on_establishment=True, fiscally_funded=True, is_auxiliary=False,
)

# Each fact and the reason code it produces when it fails.
FAILURES = {
    "unit_is_enforcement": (False, "not_enforcement_unit"),
    "is_enforcement_post": (False, "not_enforcement_post"),
    "on_establishment": (False, "not_on_establishment"),
    "fiscally_funded": (False, "not_fiscally_funded"),
    "is_auxiliary": (True, "auxiliary_staff"),
    "is_active": (False, "officer_not_active"),
    "has_live_certificate": (True, "already_certified"),
    "has_open_application": (True, "application_open"),
    "qualification_cancelled": (True, "qualification_cancelled"),
}


def test_an_officer_meeting_every_condition_is_eligible():
    assert rules.eligibility_reasons(ELIGIBLE) == []


def test_each_failing_condition_alone_gives_its_own_reason():
    for fact, (bad, code) in FAILURES.items():
        reasons = rules.eligibility_reasons(replace(ELIGIBLE, **{fact: bad}))
        assert [r.code for r in reasons] == [code], fact
        assert reasons[0].message  # a Chinese message the unit can act on


@given(st.sets(st.sampled_from(sorted(FAILURES))))
def test_every_combination_of_failures_names_exactly_those_reasons(failing):
    facts = replace(ELIGIBLE, **{f: FAILURES[f][0] for f in failing})
    assert {r.code for r in rules.eligibility_reasons(facts)} == {FAILURES[f][1] for f in failing}


def test_the_plans_four_conditions_read_as_the_plan_says():
    reasons = rules.eligibility_reasons(replace(
        ELIGIBLE, unit_is_enforcement=False, is_enforcement_post=False, on_establishment=False, fiscally_funded=False,
    ))
    text = "".join(r.message for r in reasons)
    for phrase in ("非执法部门", "非执法岗位", "非在编人员", "非财政供给人员"):
        assert phrase in text
