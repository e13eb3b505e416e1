"""Sidebar entries of the supervision app."""

from __future__ import annotations

from django.utils import timezone

from jiandu.core import scope
from jiandu.core.ui import NavItem

GROUP = "执法监督"


def sees_oversight(user) -> bool:
    """Whether any of the user's roles grants the supervision area (agency, leader, unit legal officer)."""
    return scope.scope_q(user, "oversight", unit_field="unit") is not None


def items(user) -> list[NavItem]:
    result: list[NavItem] = []
    if sees_oversight(user):
        from jiandu.oversight import selectors

        overdue = selectors.rectifications_visible(user).filter(selectors.rect_overdue_q(timezone.localdate())).count()
        manage = scope.has_permission(user, "oversight.manage")
        result += [
            NavItem("投诉举报", "oversight:complaints", "megaphone", group=GROUP),
            NavItem("监督意见书", "oversight:letters", "file-earmark-text", group=GROUP),
            NavItem("整改台账", "oversight:rectifications", "list-check", group=GROUP, badge=overdue or None),
        ]
        if manage or scope.has_permission(user, "assessment.read"):
            result += [
                NavItem("法治督察", "oversight:inspections", "clipboard2-check", group=GROUP),
                NavItem("专项整治", "oversight:campaigns", "bullseye", group=GROUP),
            ]
        result.append(NavItem("案卷评查", "oversight:reviews", "folder-check", group=GROUP))
        result.append(NavItem("社会监督员", "oversight:supervisors", "person-vcard", group=GROUP))
        result.append(NavItem("联合监督", "oversight:joint_inputs", "people", group=GROUP))
    if scope.has_permission(user, "oversight.observe"):
        result.append(NavItem("我的监督意见", "oversight:observations", "chat-square-text", group=GROUP))
    return result
