"""The deadline sweep (R-PLT-5, R-LNK-2, R-SUP-1/3): one entry point for every app's deadlines.

Each app that tracks deadlines has ``sweeps.py`` with ``sweep(today, calendar) -> dict[str, int]``
(counts of what it flagged or notified). A sweep must be idempotent: state changes are
compare-and-swap updates and notifications carry a ``dedupe_key``, so running it twice, or on two
workers at once, sends nothing twice.

Run by ``manage.py sweep_deadlines`` and by the periodic task ``core.tasks.sweep_deadlines_task``
(enqueued by ``manage.py run_scheduler``).
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction

from jiandu.core import audit, holidays
from jiandu.core.ui import _modules

logger = logging.getLogger("jiandu.sweeps")


def run_all(today: date) -> dict[str, dict[str, int]]:
    calendar = holidays.load_calendar()
    results: dict[str, dict[str, int]] = {}
    for module in _modules("sweeps"):
        if module.__name__ == __name__:
            continue
        app = module.__name__.split(".")[1]
        results[app] = module.sweep(today, calendar)
        logger.info("sweep %s: %s", app, results[app])
        if any(results[app].values()):
            # What the sweep flagged, in the audit chain as one system event per app and run (the
            # rows it changed carry their own flags; a second run changes nothing and records nothing).
            with transaction.atomic():
                audit.record(actor=None, action="sweep.run", object_type=f"{app}.sweep", object_id=today.isoformat(),
                             after=results[app], reason="期限巡检")
    return results
