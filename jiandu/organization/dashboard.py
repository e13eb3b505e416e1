from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import Widget
from jiandu.organization import selectors


def widgets(user, today) -> list[Widget]:
    if not has_permission(user, "organization.manage"):
        return []
    report = selectors.staffing_report(user, on=today)
    return [Widget("机构设置", "organization/widgets/staffing.html", {"report": report}, order=20, size=6)]
