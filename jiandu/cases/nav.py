from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import NavItem


def items(user) -> list[NavItem]:
    group = "执法案件"
    result = []
    if has_permission(user, "cases.record_step"):
        result.append(NavItem("我的案件", "cases:mine", "briefcase", group=group))
    if has_permission(user, "cases.manage") or has_permission(user, "cases.supervise"):
        result.append(NavItem("案件管理", "cases:list", "folder2-open", group=group))
    if has_permission(user, "cases.legal_review"):
        from jiandu.cases.selectors import review_queue

        result.append(NavItem("法制审核", "cases:reviews", "clipboard-check", group=group,
                              badge=review_queue(user).count() or None))
    if has_permission(user, "cases.manage") or has_permission(user, "cases.supervise"):
        result.append(NavItem("期限预警", "cases:deadlines", "alarm", group=group))
    if has_permission(user, "cases.manage"):
        result.append(NavItem("批量导入", "cases:imports", "cloud-upload", group=group))
    return result
