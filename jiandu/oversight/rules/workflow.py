"""Workflows as transition tables: ``(state, action) -> (new state, permissions allowed to act)``.

Services look the move up here before changing anything; a move that is not in the table is
refused with ``invalid_transition`` and a Chinese message naming the current state, so a stale
page or a replayed API call cannot skip a step (e.g. reply to a complaint nobody handled).
"""

from __future__ import annotations

from collections.abc import Mapping

from jiandu.core.errors import Conflict

Table = Mapping[tuple[str, str], tuple[str, tuple[str, ...]]]

# --- complaints and reports (R-SUP-1) -------------------------------------------------------------
# received → accepted → assigned → handled → replied; received → rejected (不予受理, with reason).
COMPLAINT: Table = {
    ("received", "accept"): ("accepted", ("oversight.manage",)),
    ("received", "reject"): ("rejected", ("oversight.manage",)),
    ("accepted", "assign"): ("assigned", ("oversight.manage",)),
    ("assigned", "handle"): ("handled", ("oversight.respond", "oversight.manage")),
    ("handled", "reply"): ("replied", ("oversight.respond", "oversight.manage")),
}

# --- opinion letters (R-SUP-2) ----------------------------------------------------------------------
# issued → replied → closed; a reply the agency finds insufficient goes back to issued (follow-up).
LETTER: Table = {
    ("issued", "reply"): ("replied", ("oversight.respond",)),
    ("replied", "close"): ("closed", ("oversight.manage",)),
    ("replied", "follow_up"): ("issued", ("oversight.manage",)),
}

# --- rectification items (R-SUP-3) -------------------------------------------------------------------
# open → submitted → closed (销号, the agency only); submitted → returned (sent back) → submitted …
RECTIFICATION: Table = {
    ("open", "submit"): ("submitted", ("oversight.respond", "oversight.manage")),
    ("returned", "submit"): ("submitted", ("oversight.respond", "oversight.manage")),
    ("submitted", "close_out"): ("closed", ("oversight.close_out",)),
    ("submitted", "send_back"): ("returned", ("oversight.close_out",)),
}

# --- inspections (R-SUP-4) --------------------------------------------------------------------------
INSPECTION: Table = {
    ("planned", "record_step"): ("in_progress", ("oversight.manage",)),
    ("in_progress", "record_step"): ("in_progress", ("oversight.manage",)),
    ("in_progress", "conclude"): ("concluded", ("oversight.manage",)),
    ("concluded", "publish"): ("published", ("oversight.manage",)),
}

# --- special campaigns (R-SUP-5) --------------------------------------------------------------------
CAMPAIGN: Table = {
    ("ongoing", "conclude"): ("concluded", ("oversight.manage",)),
}

# --- case-file review (R-SUP-6) ---------------------------------------------------------------------
# self_review (units review 100% of their files; the rubric is still editable) → drawn (the sample
# is fixed with its seed and population) → concluded (every sampled file scored) → published.
REVIEW: Table = {
    ("self_review", "edit_rubric"): ("self_review", ("oversight.manage",)),
    ("self_review", "draw"): ("drawn", ("oversight.manage",)),
    ("drawn", "score"): ("drawn", ("oversight.manage",)),
    ("drawn", "conclude"): ("concluded", ("oversight.manage",)),
    ("concluded", "publish"): ("published", ("oversight.manage",)),
}

# --- joint supervision inputs (R-SUP-8) ----------------------------------------------------------------
JOINT_INPUT: Table = {
    ("received", "respond"): ("responded", ("oversight.manage",)),
}


def move(table: Table, state: str, action: str, *, labels: Mapping[str, str] | None = None,
         action_label: str = "") -> tuple[str, tuple[str, ...]]:
    """The new state and the permissions allowed to take ``action`` from ``state``.

    Refuses a move the table does not list: the message names the current state in Chinese.
    """
    try:
        return table[(state, action)]
    except KeyError:
        current = (labels or {}).get(state, state)
        what = f"“{action_label}”" if action_label else "该操作"
        raise Conflict(
            "invalid_transition",
            f"当前状态为“{current}”，不能执行{what}。请刷新页面查看最新状态。",
            details={"state": state, "action": action},
        ) from None


def actions_from(table: Table, state: str) -> list[str]:
    """The actions the table allows from ``state`` (pages show only these buttons)."""
    return [action for (s, action) in table if s == state]
