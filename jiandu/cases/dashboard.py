from __future__ import annotations

from jiandu.cases import selectors
from jiandu.core.scope import has_permission
from jiandu.core.ui import Widget


def widgets(user, today) -> list[Widget]:
    result = []
    if has_permission(user, "cases.record_step"):
        deadlines = list(selectors.my_deadlines(user)[:5])
        open_count = selectors.my_cases(user).filter(status__in=selectors.Case.OPEN).count()
        result.append(Widget("我的办案期限", "cases/widgets/my_deadlines.html",
                             {"deadlines": deadlines, "open_count": open_count, "today": today}, order=30, size=6))
    if has_permission(user, "cases.manage") or has_permission(user, "cases.supervise"):
        result.append(Widget("执法案件监督", "cases/widgets/supervision.html",
                             {"counts": selectors.supervision_counts(user),
                              "can_review": has_permission(user, "cases.legal_review")}, order=31, size=6))
    return result
