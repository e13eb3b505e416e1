from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import NavItem


def items(user) -> list[NavItem]:
    if has_permission(user, "organization.manage") or has_permission(user, "personnel.manage"):
        return [NavItem("单位与法制机构", "organization:units", "diagram-3", group="机构设置")]
    return []
