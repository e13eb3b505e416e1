"""Transition tables of the app's workflows: ``(state, action) → (new state, permission)``."""

from __future__ import annotations

from jiandu.core.errors import Conflict

# Due-diligence exemption (R-STD-2): the unit asks, the supervision agency decides.
EXEMPTION_TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("pending", "approve"): ("approved", "standards.decide_exemption"),
    ("pending", "reject"): ("rejected", "standards.decide_exemption"),
    ("pending", "withdraw"): ("withdrawn", "standards.manage"),
}
EXEMPTION_ACTION_LABELS = {"approve": "予以免责", "reject": "不予免责", "withdraw": "撤回申请"}

# Versioned catalogues (item lists, four lists, benchmarks, three-systems documents).
VERSION_TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("draft", "edit"): ("draft", "standards.manage"),
    ("draft", "publish"): ("published", "standards.publish"),
    ("draft", "discard"): ("discarded", "standards.manage"),
    ("published", "supersede"): ("superseded", "standards.publish"),
}
STATUS_LABELS = {"draft": "草稿", "published": "已公布", "superseded": "已被新版本替代",
                 "pending": "待决定", "approved": "予以免责", "rejected": "不予免责", "withdrawn": "已撤回"}


def transition(table: dict[tuple[str, str], tuple[str, str]], state: str, action: str, *, what: str) -> tuple[str, str]:
    """The new state and the permission the actor needs, or ``Conflict`` naming the state."""
    try:
        return table[(state, action)]
    except KeyError:
        label = STATUS_LABELS.get(state, state)
        raise Conflict(
            "invalid_transition",
            f"{what}当前为“{label}”状态，不能执行此操作。",
            details={"state": state, "action": action},
        ) from None
