"""The deadline sweep: due-soon and overdue notices to the responsible people, flags set by
compare-and-swap, idempotent (run twice → nothing twice), officers losing their certificate."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from jiandu.cases.models import Case, CaseDeadline
from jiandu.cases.sweeps import sweep
from jiandu.cases.tests import factories as f
from jiandu.cases.tests.calendars import CAL
from jiandu.core.models import Notification


def test_an_overdue_decision_deadline_flags_the_case_and_tells_its_officers_and_legal_officers_once(world):
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, officers=f.pair(unit, with_user=world.scjg_officer), filed_on=date(2026, 6, 1))
    deadline = case.deadlines.get(kind="decision")
    assert deadline.due_on == date(2026, 8, 30)
    first = sweep(date(2026, 8, 31), CAL)
    assert first["overdue"] == 1 and first["overdue_notices"] == 2
    deadline.refresh_from_db()
    assert deadline.status == "overdue" and Case.objects.get(pk=case.pk).is_overdue
    notes = Notification.objects.filter(dedupe_key=f"cases:deadline:{deadline.pk}:overdue")
    assert sorted(n.recipient.username for n in notes) == ["scjg_legal", "scjg_officer"]
    assert "已超期" in notes[0].title and notes[0].link == f"/cases/{case.pk}/"
    second = sweep(date(2026, 8, 31), CAL)
    assert second["overdue"] == 0 and second["overdue_notices"] == 0
    assert notes.count() == 2


def test_a_deadline_within_three_working_days_is_announced_once(world):
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, kind="licensing", filed_on=date(2026, 9, 21))
    deadline = case.deadlines.get()
    assert deadline.due_on == date(2026, 10, 26)
    assert sweep(date(2026, 10, 20), CAL)["due_soon_notices"] == 0  # 4 working days ahead
    assert sweep(date(2026, 10, 21), CAL)["due_soon_notices"] == 1  # Oct 22, 23, 26
    assert sweep(date(2026, 10, 22), CAL)["due_soon_notices"] == 0
    assert Notification.objects.filter(dedupe_key=f"cases:deadline:{deadline.pk}:soon").count() == 1


def test_the_last_day_is_not_yet_overdue(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"), filed_on=date(2026, 6, 1))
    assert sweep(date(2026, 8, 30), CAL)["overdue"] == 0
    assert case.deadlines.get().status == "open"


def test_a_closed_hearing_window_ends_quietly(world):
    from jiandu.cases import services

    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    services.case_step(actor=world.scjg_legal, case=case, action="investigate", occurred_on=date(2026, 9, 2))
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 3), hearing_rights_notified=True)
    counts = sweep(date(2026, 9, 14), CAL)
    assert counts["hearing_windows_closed"] == 1 and counts["overdue"] == 0
    assert case.deadlines.get(kind="hearing_request").status == "done"


def test_an_officer_who_loses_the_certificate_mid_case_is_flagged_on_each_open_case(world):
    """R-CAS-3: an open case whose officer loses the certificate is flagged, and the unit told once."""
    unit = world.unit("scjg")
    officers = f.pair(unit)
    a = f.file_case(world.scjg_legal, unit, officers=officers)
    b = f.file_case(world.scjg_legal, unit, officers=officers)
    closed = f.file_case(world.scjg_legal, unit, officers=officers)
    Case.objects.filter(pk=closed.pk).update(status="closed")
    assert sweep(date(2026, 10, 1), CAL)["officer_flags"] == 0
    f.suspend(officers[1], date(2026, 10, 2))
    counts = sweep(date(2026, 10, 3), CAL)
    assert counts["officer_flags"] == 2
    assert Case.objects.get(pk=a.pk).officer_flag and Case.objects.get(pk=b.pk).officer_flag
    assert not Case.objects.get(pk=closed.pk).officer_flag
    assignment = a.assignments.get(officer=officers[1])
    assert "暂扣" in assignment.flagged_reason
    notices = Notification.objects.filter(dedupe_key__startswith=f"cases:officer:{officers[1].pk}:")
    assert [n.recipient.username for n in notices] == ["scjg_legal"]
    assert sweep(date(2026, 10, 4), CAL)["officer_flags"] == 0
    assert notices.count() == 1


def test_sweeping_twice_changes_nothing_the_second_time(world):
    """Idempotent (several workers may run it): the second pass counts zero everywhere."""
    unit = world.unit("scjg")
    f.file_case(world.scjg_legal, unit, filed_on=date(2026, 6, 1))
    f.file_case(world.scjg_legal, unit, kind="licensing", filed_on=date(2026, 9, 21))
    sweep(date(2026, 10, 21), CAL)
    before = Notification.objects.count()
    again = sweep(date(2026, 10, 21), CAL)
    assert again == {k: 0 for k in again}
    assert Notification.objects.count() == before


def test_the_command_runs_the_cases_sweep(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"), filed_on=date(2026, 6, 1))
    out = StringIO()
    call_command("sweep_deadlines", "--today", "2026-09-01", stdout=out)
    assert "cases: overdue=1" in out.getvalue()
    assert case.deadlines.get().status == CaseDeadline.Status.OVERDUE


def test_a_sweep_that_changed_something_leaves_one_system_audit_event_and_a_second_run_none(world):
    """R-PLT-2: what the sweep flagged is in the audit chain (one system event per app and run, with
    its counts); the idempotent second run records nothing."""
    from jiandu.core import sweeps
    from jiandu.core.models import AuditEvent

    f.file_case(world.scjg_legal, world.unit("scjg"), filed_on=date(2026, 6, 1))
    sweeps.run_all(date(2026, 9, 1))
    event = AuditEvent.objects.get(action="sweep.run", object_type="cases.sweep")
    assert event.actor_id is None and event.object_id == "2026-09-01" and event.after["overdue"] == 1
    sweeps.run_all(date(2026, 9, 1))
    assert AuditEvent.objects.filter(action="sweep.run", object_type="cases.sweep").count() == 1
