"""The linkage part of the deadline sweep (R-LNK-2, R-LNK-3, R-LNK-4), discovered by
``core.sweeps.run_all``. Idempotent: compare-and-swap updates and notification dedupe keys."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from jiandu.core import policy
from jiandu.core.workdays import WorkCalendar
from jiandu.linkage.services import meetings, risk, transfers


def reference_instant(today: date) -> datetime:
    """The instant deadlines are compared with: now when sweeping today; otherwise the start of
    ``today`` (everything due before that day is overdue) — so a test or a catch-up run for a
    given day is reproducible."""
    if today == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(today, time.min))


def sweep(today: date, calendar: WorkCalendar) -> dict[str, int]:
    # ``calendar`` is unused: transfer deadlines were fixed as instants when each step opened them.
    now = reference_instant(today)
    remind_hours = int(policy.value("linkage.deadline.remind_hours", on=today))
    counts: dict[str, int] = {}
    counts.update(transfers.sweep_deadlines(now, remind_hours))
    counts.update(risk.sweep_risk(today))
    counts.update(meetings.sweep_tasks(today))
    return counts
