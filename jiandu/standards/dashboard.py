"""Dashboard cards of the standards app: the agency sees the district's gaps, a unit legal officer
sees where its own standards stand (R-STD-1…7)."""

from __future__ import annotations

from jiandu.core.scope import has_permission
from jiandu.core.ui import Widget
from jiandu.standards import selectors


def widgets(user, today) -> list[Widget]:
    if not (has_permission(user, "standards.manage") or has_permission(user, "standards.decide_exemption")):
        return []
    status = selectors.standards_status(user, today=today)
    if not status.units:
        return []
    cards = [Widget("规范执法", "standards/widgets/overview.html", {"s": status,
                                                                   "agency": has_permission(user, "standards.decide_exemption")},
                    order=30, size=6)]
    if status.advisor_flagged or status.advisor_expiring:
        cards.append(Widget("法律顾问提醒", "standards/widgets/advisors.html", {"s": status}, order=31, size=6))
    return cards
