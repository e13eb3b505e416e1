"""The bundled 2004–2026 calendar as a pure ``WorkCalendar`` for rule tests (no database)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import chinese_calendar

from jiandu.core.workdays import WorkCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


def bundled() -> WorkCalendar:
    exceptions = {d: False for d in chinese_calendar.holidays} | {d: True for d in chinese_calendar.workdays}
    return WorkCalendar.build(range(2004, 2027), exceptions)


CAL = bundled()
