"""Periodic tasks. django-tasks has no scheduler of its own: ``manage.py run_scheduler`` enqueues
each periodic task once per slot, claiming the slot with an insert that only one scheduler can win
(``ScheduledRun`` unique on task and slot), so several schedulers never double-enqueue."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def sweep_deadlines_task() -> dict:
    from jiandu.core.sweeps import run_all

    return run_all(timezone.localdate())


# name → (task, interval in minutes)
PERIODIC = {
    "sweep_deadlines": (sweep_deadlines_task, 60),
}
