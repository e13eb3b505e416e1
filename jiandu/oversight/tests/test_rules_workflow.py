"""Workflows are transition tables: a step out of order is refused with a stable code (R-SUP-1/2/3)."""

from __future__ import annotations

import pytest

from jiandu.core.errors import Conflict
from jiandu.oversight.rules import workflow


def test_a_complaint_goes_received_accepted_assigned_handled_replied():
    state = "received"
    for action in ("accept", "assign", "handle", "reply"):
        state, _ = workflow.move(workflow.COMPLAINT, state, action)
    assert state == "replied"


def test_replying_before_handling_is_refused_naming_the_current_state():
    with pytest.raises(Conflict) as exc:
        workflow.move(workflow.COMPLAINT, "assigned", "reply", labels={"assigned": "办理中"}, action_label="反馈")
    assert exc.value.code == "invalid_transition"
    assert "当前状态为“办理中”" in exc.value.message and "“反馈”" in exc.value.message


def test_only_the_close_out_permission_closes_a_rectification():
    _, permissions = workflow.move(workflow.RECTIFICATION, "submitted", "close_out")
    assert permissions == ("oversight.close_out",)
    with pytest.raises(Conflict):
        workflow.move(workflow.RECTIFICATION, "open", "close_out")  # nothing reported yet


def test_a_sent_back_rectification_can_be_submitted_again():
    state, _ = workflow.move(workflow.RECTIFICATION, "submitted", "send_back")
    assert state == "returned"
    assert workflow.move(workflow.RECTIFICATION, state, "submit")[0] == "submitted"


def test_a_letter_followed_up_waits_for_a_new_reply():
    assert workflow.move(workflow.LETTER, "replied", "follow_up")[0] == "issued"
    assert workflow.actions_from(workflow.LETTER, "replied") == ["close", "follow_up"]


def test_a_review_cannot_be_drawn_twice_nor_scored_before_the_draw():
    assert workflow.move(workflow.REVIEW, "self_review", "draw")[0] == "drawn"
    for state, action in (("drawn", "draw"), ("self_review", "score"), ("drawn", "edit_rubric")):
        with pytest.raises(Conflict):
            workflow.move(workflow.REVIEW, state, action)


@pytest.mark.parametrize("table", [workflow.COMPLAINT, workflow.LETTER, workflow.RECTIFICATION, workflow.INSPECTION,
                                   workflow.CAMPAIGN, workflow.REVIEW, workflow.JOINT_INPUT])
def test_every_transition_names_at_least_one_permission(table):
    assert all(perms and all(p.startswith("oversight.") for p in perms) for _, perms in table.values())
