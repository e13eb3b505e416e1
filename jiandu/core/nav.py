from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import NavItem


def items(user) -> list[NavItem]:
    result = []
    if has_permission(user, "policy.manage") or has_permission(user, "calendar.manage"):
        result += [
            NavItem("政策参数", "core:policy", "sliders", group="系统设置"),
            NavItem("工作日历", "core:calendar", "calendar3", group="系统设置"),
            NavItem("审计日志", "core:audit", "journal-check", group="系统设置"),
        ]
    return result
