"""Dashboard cards of the criminal linkage: transfers and their deadlines, risk flags (R-LNK-2, R-LNK-3)."""

from __future__ import annotations

from django.utils import timezone

from jiandu.core.scope import has_permission
from jiandu.core.ui import Widget
from jiandu.linkage import rules, selectors
from jiandu.linkage.nav import sees_jurisdiction


def widgets(user, today) -> list[Widget]:
    result: list[Widget] = []
    if has_permission(user, rules.POLICE):
        queue = selectors.transfers_received(user)
        waiting = queue.filter(status__in=[rules.SENT, rules.ACCEPTED, rules.RECONSIDERING]).order_by("next_due_at", "id")
        result.append(Widget("移送案件受理", "linkage/widgets/queue.html", {
            "counts": selectors.transfer_counts(queue), "waiting": list(waiting[:5]), "now": timezone.now(),
        }, order=15, size=12))
    if has_permission(user, rules.UNIT) or sees_jurisdiction(user):
        transfers = selectors.transfers_sent(user)
        flags = selectors.flags_visible(user)
        result.append(Widget("两法衔接", "linkage/widgets/linkage.html", {
            "counts": selectors.transfer_counts(transfers), "flag_counts": selectors.flag_counts(flags),
            "flags": list(flags.filter(status="open")[:5]),
            "overdue": list(transfers.filter(is_overdue=True).order_by("next_due_at", "id")[:5]),
            "supervision": sees_jurisdiction(user),
        }, order=30, size=6))
    return result
