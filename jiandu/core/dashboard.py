from __future__ import annotations

from jiandu.core import holidays
from jiandu.core.scope import has_permission
from jiandu.core.ui import Widget


def widgets(user, today) -> list[Widget]:
    result = []
    if has_permission(user, "calendar.manage"):
        missing = holidays.missing_upcoming_year(today)
        if missing is not None:
            result.append(Widget("工作日历提醒", "core/widgets/calendar_missing.html", {"year": missing}, order=1, size=12))
    return result
