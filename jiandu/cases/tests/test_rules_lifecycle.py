"""R-CAS-2: the lifecycle of each kind is a transition table; every other move is refused."""

from __future__ import annotations

import itertools

import pytest

from jiandu.cases import rules
from jiandu.cases.models import Case

ALL_STATES = list(Case.Status.values)
ALL_ACTIONS = sorted({a for table in rules.TRANSITIONS.values() for (_, a) in table} | {"reopen", "approve", ""})


@pytest.mark.parametrize(("flow", "state", "action"), list(itertools.product(rules.TRANSITIONS, ALL_STATES, ALL_ACTIONS)))
def test_every_move_outside_the_table_is_refused_and_every_move_inside_is_allowed(flow, state, action):
    """R-CAS-2: the table is the whole truth — (state, action) pairs not in it raise with a Chinese reason."""
    table = rules.TRANSITIONS[flow]
    if (state, action) in table:
        transition = rules.next_state(flow, state, action)
        assert transition.to in ALL_STATES
        assert transition.label
    else:
        with pytest.raises(rules.TransitionRefused) as exc:
            rules.next_state(flow, state, action)
        assert "当前环节不能办理" in exc.value.message


def walk(flow: str, actions: list[str]) -> list[str]:
    state = rules.START_STATUS[flow]
    seen = [state]
    for action in actions:
        state = rules.next_state(flow, state, action).to
        seen.append(state)
    return seen


def test_general_penalty_walks_file_investigate_notify_hearing_review_decide_serve_execute_close():
    """R-CAS-2: 立案 → 调查取证 → 告知 → 听证 → 法制审核 → 决定 → 送达 → 执行 → 结案."""
    assert walk("penalty_general", ["investigate", "notify", "request_hearing", "submit_review", "decide", "serve",
                                    "execute", "close"]) == [
        "filed", "investigating", "notified", "hearing", "legal_review", "decided", "served", "executing", "closed"]


def test_general_penalty_cannot_skip_investigation_or_notice():
    """R-CAS-2: a decision straight after filing, or a review before the notice, is refused."""
    for state, action in [("filed", "decide"), ("filed", "submit_review"), ("investigating", "decide"),
                          ("investigating", "submit_review"), ("decided", "decide"), ("closed", "investigate")]:
        with pytest.raises(rules.TransitionRefused):
            rules.next_state("penalty_general", state, action)


def test_a_returned_review_goes_back_to_investigation():
    assert walk("penalty_general", ["investigate", "notify", "submit_review", "return_for_revision"])[-1] == "investigating"


def test_simple_penalty_is_notice_then_decision_on_the_spot():
    """art. 51–52: 当场告知 → 当场决定 → 交付."""
    assert walk("penalty_simple", ["notify", "decide", "serve", "close"]) == ["filed", "notified", "decided", "served", "closed"]
    with pytest.raises(rules.TransitionRefused):
        rules.next_state("penalty_simple", "notified", "submit_review")


def test_coercion_licensing_and_inspection_have_their_own_flows():
    assert walk("coercion", ["investigate", "submit_review", "decide", "serve", "execute", "extend", "close"])[-1] == "closed"
    assert walk("licensing", ["examine", "extend", "decide", "serve", "close"]) == [
        "accepted", "examining", "examining", "decided", "served", "closed"]
    assert walk("inspection", ["inspect", "decide", "close"]) == ["filed", "inspecting", "decided", "closed"]


def test_closed_and_terminated_cases_allow_nothing():
    for flow, table in rules.TRANSITIONS.items():
        assert not [a for (s, a) in table if s in ("closed", "terminated")], flow
        assert rules.actions_from(flow, "closed") == []


def test_termination_is_only_before_the_decision():
    for flow, table in rules.TRANSITIONS.items():
        for (state, action), t in table.items():
            if action == "terminate":
                assert state in Case.BEFORE_DECISION, (flow, state)
                assert t.permissions == rules.MANAGE


def test_review_return_needs_the_legal_review_permission_and_decisions_the_handlers():
    t = rules.next_state("penalty_general", "legal_review", "return_for_revision")
    assert t.permissions == frozenset({"cases.legal_review"})
    assert rules.next_state("penalty_general", "legal_review", "decide").permissions == rules.RECORD


def test_flow_of_each_kind_and_procedure():
    assert rules.flow_of("penalty", "simple") == "penalty_simple"
    assert rules.flow_of("penalty", "general") == "penalty_general"
    assert rules.flow_of("coercion", "general") == "coercion"
    with pytest.raises(ValueError):
        rules.flow_of("levy", "general")


def test_every_stage_of_the_progress_bar_is_reachable_in_its_flow():
    for flow, stages in rules.STAGES.items():
        reachable = {rules.START_STATUS[flow]} | {t.to for t in rules.TRANSITIONS[flow].values()}
        assert {s for s, _ in stages} <= reachable, flow


def test_heaviest_penalty_counts_a_case_once_under_its_heaviest():
    assert rules.heaviest_penalty(["fine", "warning", "confiscate_gain"]) == "confiscate_gain"
    assert rules.heaviest_penalty(["revoke_licence", "fine"]) == "revoke_licence"
    assert rules.heaviest_penalty([]) is None
    assert rules.heaviest_penalty(["unknown"]) is None
