"""The periodic scheduler claims each slot once, however many schedulers run."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from jiandu.core.models import ScheduledRun


def test_two_schedulers_enqueue_a_slot_once(world):
    call_command("run_scheduler", "--once", stdout=StringIO())
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert ScheduledRun.objects.filter(name="sweep_deadlines").count() == 1


def test_sweep_deadlines_command_runs_every_app_sweep(world):
    out = StringIO()
    call_command("sweep_deadlines", "--today", "2026-11-25", stdout=out)
    assert "期限扫描完成（2026-11-25）" in out.getvalue()
