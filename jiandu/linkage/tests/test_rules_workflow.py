"""The transfer workflow as a transition table (R-LNK-1): every step, every illegal move refused."""

from __future__ import annotations

import itertools

import pytest

from jiandu.linkage import rules

ALL_PERMS = {rules.UNIT, rules.POLICE, rules.PROCURATORATE}
ACTIONS = sorted({a for (_, a) in rules.TRANSITIONS})
STATES = sorted(rules.STATUS_LABELS)


@pytest.mark.parametrize(("state", "action"), list(itertools.product(STATES, ACTIONS)))
def test_every_pair_of_state_and_action_is_either_in_the_table_or_refused_as_out_of_order(state, action):
    """R-LNK-1: the table is the whole workflow; anything not in it is refused with a stable code."""
    result = rules.transition(state, action, ALL_PERMS)
    if (state, action) in rules.TRANSITIONS:
        assert isinstance(result, rules.Transition)
        assert result.to in rules.STATUS_LABELS
    else:
        assert isinstance(result, rules.Refusal)
        assert result.code == "transfer_bad_transition"
        assert rules.STATUS_LABELS[state] in result.message


@pytest.mark.parametrize(("key", "step"), list(rules.TRANSITIONS.items()))
def test_each_step_is_refused_to_the_two_sides_that_do_not_take_it(key, step):
    """R-LNK-1: the unit proposes/approves/sends/hands over, the police accept/file, the procuratorate supervises."""
    state, action = key
    for other in ALL_PERMS - {step.permission}:
        result = rules.transition(state, action, {other})
        assert isinstance(result, rules.Refusal)
        assert result.code == "transfer_wrong_side"
        assert rules.SIDE_LABELS[step.permission] in result.message
    assert rules.transition(state, action, {step.permission}) == step


def test_finished_states_allow_no_action_at_all():
    """R-LNK-1: a refused, withdrawn, concluded or closed transfer is over."""
    for state in rules.FINISHED:
        assert rules.allowed_actions(state, ALL_PERMS) == []


def test_every_unfinished_state_has_a_way_forward_and_every_state_is_reachable():
    """R-LNK-1: no dead end, no orphan state."""
    reachable = {rules.START}
    frontier = [rules.START]
    while frontier:
        state = frontier.pop()
        for (s, _), step in rules.TRANSITIONS.items():
            if s == state and step.to not in reachable:
                reachable.add(step.to)
                frontier.append(step.to)
    assert reachable == set(rules.STATUS_LABELS)
    for state in set(rules.STATUS_LABELS) - rules.FINISHED:
        assert rules.allowed_actions(state, ALL_PERMS), state


def test_the_main_line_walks_from_proposal_to_conclusion_opening_and_closing_each_deadline():
    """R-LNK-1/2: proposal (art. 5) → approval → transfer in 24 h (art. 8) → review in 3 days (art. 9)
    → filing → hand-over in 3 days (art. 12) → conclusion; each deadline opened is later closed."""
    state, opened = rules.START, set(rules.START_OPENS)
    for action in ("approve", "send", "accept", "file", "hand_over", "conclude"):
        step = rules.transition(state, action, ALL_PERMS)
        assert isinstance(step, rules.Transition)
        assert set(step.closes) <= opened | set(), (action, step.closes, opened)
        opened = (opened - set(step.closes)) | set(step.opens)
        state = step.to
    assert state == rules.CONCLUDED
    assert opened == set()


def test_refusal_to_file_opens_a_three_day_window_for_reconsideration_and_supervision_cancels_it():
    """R-LNK-1: art. 9 — reconsideration within 3 days, or the procuratorate's supervision."""
    not_file = rules.TRANSITIONS[(rules.ACCEPTED, "not_file")]
    assert rules.RECONSIDERATION_REQUEST in not_file.opens and rules.RECONSIDERATION_REQUEST in rules.RIGHTS
    assert rules.RECONSIDERATION_REQUEST in rules.TRANSITIONS[(rules.NOT_FILED, "request_supervision")].cancels
    assert rules.RECONSIDERATION_DECISION in rules.TRANSITIONS[(rules.NOT_FILED, "request_reconsideration")].opens
    assert rules.TRANSITIONS[(rules.RECONSIDERING, "reconsider_file")].to == rules.FILED
    assert rules.TRANSITIONS[(rules.UNDER_SUPERVISION, "supervision_file")].to == rules.FILED
    assert rules.TRANSITIONS[(rules.UNDER_SUPERVISION, "supervision_file")].permission == rules.PROCURATORATE


def test_every_deadline_is_opened_by_some_step_and_closed_or_cancelled_by_another():
    opened = set(rules.START_OPENS) | {k for t in rules.TRANSITIONS.values() for k in t.opens}
    ended = {k for t in rules.TRANSITIONS.values() for k in t.closes + t.cancels}
    assert opened == set(rules.DEADLINE_LABELS)
    assert opened <= ended | rules.RIGHTS


def test_negative_decisions_need_a_written_reason():
    """R-LNK-1: 不批准、不予受理、不予立案 (art. 9: "应当说明理由")."""
    for action in ("reject", "decline", "not_file", "reconsider_uphold", "request_reconsideration", "conclude"):
        assert any(t.needs_reason for (s, a), t in rules.TRANSITIONS.items() if a == action)
    assert not rules.TRANSITIONS[(rules.PROPOSED, "approve")].needs_reason


def test_only_refused_or_withdrawn_proposals_do_not_count_as_a_transfer():
    """R-LNK-3: for 以罚代刑/有案不移, a transfer in any state but refused/withdrawn counts."""
    assert rules.COUNTS_AS_TRANSFER == set(rules.STATUS_LABELS) - {rules.NOT_APPROVED, rules.WITHDRAWN}


def test_package_lists_the_missing_documents_and_requires_the_test_report_when_the_case_was_tested():
    """R-LNK-1: art. 6 package."""
    required = ["transfer_letter", "investigation_report", "items_list"]
    assert rules.package_missing([], required, has_inspection=False) == ["涉嫌犯罪案件移送书", "涉嫌犯罪案件情况的调查报告", "涉案物品清单"]
    assert rules.package_missing(required, required, has_inspection=False) == []
    assert rules.package_missing(required, required, has_inspection=True) == ["检验报告或者鉴定结论"]
    assert rules.package_missing(required + ["inspection_report"], required, has_inspection=True) == []
    assert rules.package_missing(["other"], [], has_inspection=False) == []
