"""Deadline sweep of the personnel app (run by ``manage.py sweep_deadlines``): overdue receipts
of clue referrals (R-PER-8) and overdue transfers off enforcement posts (R-PER-7). Idempotent:
compare-and-swap on ``overdue_notified_on`` and notifications with a dedupe key."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jiandu.core.workdays import WorkCalendar
from jiandu.personnel.models import TransferTask
from jiandu.personnel.services._common import notify_agency, notify_unit, officer_link
from jiandu.personnel.services.referrals import referral_flag_overdue


def sweep(today: date, calendar: WorkCalendar) -> dict[str, int]:
    transfers = 0
    for task in TransferTask.objects.filter(status=TransferTask.Status.OPEN, due_on__lt=today,
                                            overdue_notified_on__isnull=True).select_related("officer", "unit"):
        with transaction.atomic():
            if not TransferTask.objects.filter(pk=task.pk, overdue_notified_on__isnull=True).update(overdue_notified_on=today):
                continue
            title = f"逾期未调离：{task.officer.name}应于{task.due_on:%Y-%m-%d}前调离执法岗位"
            link = officer_link(task.officer)
            notify_unit(task.unit, title=title, link=link, dedupe_key=f"transfer_task:{task.pk}:overdue")
            notify_agency(task.unit, title=title, link=link, dedupe_key=f"transfer_task:{task.pk}:overdue")
            transfers += 1
    return {"referrals_overdue": referral_flag_overdue(on=today), "transfers_overdue": transfers}
