"""Sidebar entries of the personnel app, by role."""

from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import NavItem

GROUP = "执法队伍"


def items(user) -> list[NavItem]:
    result: list[NavItem] = []
    manage = has_permission(user, "personnel.manage")
    if manage:
        result.append(NavItem("执法人员", "personnel:officers", "people", group=GROUP))
    if manage or has_permission(user, "personnel.review"):
        result.append(NavItem("执法证申领与审查", "personnel:applications", "person-vcard", group=GROUP))
    if has_permission(user, "personnel.review") and getattr(user, "unit_id", None) and user.unit.review_seat:
        from jiandu.personnel.selectors import review_queue

        pending = review_queue(user).count()
        result.append(NavItem("我的审查待办", "personnel:reviews", "clipboard-check", group=GROUP, badge=pending or None))
    if has_permission(user, "personnel.training"):
        result.append(NavItem("培训学时", "personnel:training", "mortarboard", group=GROUP))
    if has_permission(user, "personnel.sanction") or manage:
        result.append(NavItem("执法能力测试", "personnel:tests", "pencil-square", group=GROUP))
    if has_permission(user, "personnel.refer") or has_permission(user, "personnel.referral_receive"):
        result.append(NavItem("线索移送", "personnel:referrals", "send", group=GROUP))
    if getattr(user, "is_authenticated", False) and hasattr(user, "officer"):
        result.append(NavItem("我的执法证", "personnel:me", "person-badge", group="个人"))
    return result
