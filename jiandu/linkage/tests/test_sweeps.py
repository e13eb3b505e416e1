"""The linkage sweep as discovered by core.sweeps.run_all (R-LNK-2, R-PLT-5)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from jiandu.core import sweeps
from jiandu.linkage.sweeps import reference_instant

pytestmark = pytest.mark.django_db


def test_run_all_includes_the_linkage_sweep_with_its_counts(world):
    result = sweeps.run_all(timezone.localdate())
    assert set(result["linkage"]) == {"transfer_overdue", "transfer_lapsed", "transfer_reminded", "risk_flagged",
                                      "task_overdue"}


def test_a_sweep_for_another_day_compares_with_the_start_of_that_day_and_today_with_now():
    """R-LNK-2: a catch-up run for a given day is reproducible."""
    assert reference_instant(date(2026, 10, 9)) == timezone.make_aware(datetime.combine(date(2026, 10, 9), time.min))
    assert abs((reference_instant(timezone.localdate()) - timezone.now()).total_seconds()) < 5
