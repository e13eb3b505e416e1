"""R-SUP-1/2/3, R-PLT-5, issue #5 point 2: the sweep flags overdue steps by compare-and-swap and
notifies once; running it twice sends nothing twice; a moved deadline gets a new alert."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from jiandu.core.models import Notification
from jiandu.oversight import sweeps
from jiandu.oversight.models import Complaint, OpinionLetter, Rectification
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.services import rectification_open
from jiandu.oversight.services.letters import letter_issue
from jiandu.oversight.services.rectifications import rectification_send_back, rectification_submit
from jiandu.oversight.tests.factories import public_complaint


def _world_of_deadlines(world, fixed_today):
    """A complaint not accepted in time, one not handled, a letter not answered, a rectification late."""
    fixed_today(date(2026, 9, 1))
    late_accept, _ = public_complaint(world, title="待受理超期")  # due Sep 10
    late_handle, _ = public_complaint(world, title="办理超期")
    cs.complaint_accept(complaint=late_handle, actor=world.agency)  # handle due 45 working days later: Mon Nov 9
    cs.complaint_assign(complaint=late_handle, actor=world.agency, unit=world.unit("scjg"))
    letter = letter_issue(actor=world.agency, unit=world.unit("cgj"), kind="supervision_suggestion",
                          source_type="other", source_label="日常监督", title="监督建议书", problems="p", requirements="r")
    item = rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="案卷未归档",
                              deadline=date(2026, 9, 30), actor=world.agency)
    return late_accept, late_handle, letter, item


def test_the_sweep_flags_each_overdue_step_and_notifies_the_people_who_act(world, fixed_today, cal):
    late_accept, late_handle, letter, item = _world_of_deadlines(world, fixed_today)
    counts = sweeps.sweep(date(2026, 11, 10), cal)
    assert counts["complaint_accept_overdue"] >= 1 and counts["complaint_handle_overdue"] >= 1
    assert counts["letter_reply_overdue"] >= 1 and counts["rectification_overdue"] >= 1
    assert Complaint.objects.get(pk=late_accept.pk).accept_overdue
    assert Complaint.objects.get(pk=late_handle.pk).handle_overdue
    assert OpinionLetter.objects.get(pk=letter.pk).reply_overdue
    assert Rectification.objects.get(pk=item.pk).is_overdue
    handle_alert = Notification.objects.get(recipient=world.scjg_legal, dedupe_key__startswith=f"oversight:complaint:{late_handle.pk}:handle_overdue")
    assert "已超期 1 个工作日" in handle_alert.body  # due Mon Nov 9, swept Tue Nov 10
    assert Notification.objects.filter(recipient=world.cgj_legal, title__startswith="行政执法监督建议书回复已超期").exists()
    # Sep 30 → Nov 10: Oct 8, 9, 10 (make-up), then 12–16, 19–23, 26–30, Nov 2–6, 9–10 → 25 working days.
    assert "已逾期 25 个工作日" in Notification.objects.get(recipient=world.scjg_legal,
                                                        dedupe_key=f"oversight:rectification:{item.pk}:overdue:2026-09-30").body


def test_running_the_sweep_twice_sends_no_duplicate_notice(world, fixed_today, cal):
    """Issue #5 point 2."""
    _world_of_deadlines(world, fixed_today)
    sweeps.sweep(date(2026, 11, 10), cal)
    before = Notification.objects.count()
    again = sweeps.sweep(date(2026, 11, 10), cal)
    assert Notification.objects.count() == before
    assert again["complaint_accept_overdue"] == again["letter_reply_overdue"] == again["rectification_overdue"] == 0
    assert again["reminders"] == 0


def test_a_flag_already_set_by_another_worker_is_not_notified_again(world, fixed_today, cal):
    """Compare-and-swap: the worker that loses the race sends nothing."""
    late_accept, *_ = _world_of_deadlines(world, fixed_today)
    Complaint.objects.filter(pk=late_accept.pk).update(accept_overdue=True)  # the other worker won
    sweeps.sweep(date(2026, 11, 10), cal)
    assert not Notification.objects.filter(dedupe_key__startswith=f"oversight:complaint:{late_accept.pk}:accept_overdue").exists()


def test_a_new_deadline_after_a_send_back_gets_its_own_alert(world, fixed_today, cal):
    *_, item = _world_of_deadlines(world, fixed_today)
    sweeps.sweep(date(2026, 10, 8), cal)
    fixed_today(date(2026, 10, 9))
    rectification_submit(rectification=item, actor=world.scjg_legal, measures="m", evidence="e")
    rectification_send_back(rectification=item, actor=world.agency, reason="材料不全", new_deadline=date(2026, 10, 20))
    sweeps.sweep(date(2026, 10, 21), cal)
    keys = set(Notification.objects.filter(recipient=world.scjg_legal, dedupe_key__contains=f"rectification:{item.pk}:overdue")
               .values_list("dedupe_key", flat=True))
    assert keys == {f"oversight:rectification:{item.pk}:overdue:2026-09-30",
                    f"oversight:rectification:{item.pk}:overdue:2026-10-20"}


def test_reminders_go_out_once_within_the_working_day_window_before_a_deadline(world, fixed_today, cal):
    """The window (2 working days, a dated parameter) counts working days: on Wed Sep 30 a
    rectification due Fri Oct 9 is two working days away (Oct 8, 9) across 国庆."""
    fixed_today(date(2026, 9, 28))
    item = rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="p",
                              deadline=date(2026, 10, 9), actor=world.agency)
    sweeps.sweep(date(2026, 9, 29), cal)
    assert not Notification.objects.filter(dedupe_key__startswith=f"oversight:rectification:{item.pk}:due_soon").exists()
    sweeps.sweep(date(2026, 9, 30), cal)
    sweeps.sweep(date(2026, 10, 8), cal)
    reminders = Notification.objects.filter(recipient=world.scjg_legal,
                                            dedupe_key=f"oversight:rectification:{item.pk}:due_soon:2026-10-09")
    assert reminders.count() == 1 and "还剩 2 个工作日" in reminders.get().title


def test_a_reminder_for_a_deadline_in_an_unknown_year_is_skipped_not_crashed(world, fixed_today, cal):
    fixed_today(date(2026, 12, 28))
    rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="跨年期限",
                       deadline=date(2027, 1, 4), actor=world.agency)
    assert sweeps.sweep(date(2026, 12, 30), cal)["reminders"] == 0


def test_the_platform_sweep_command_runs_this_sweep(world, fixed_today):
    _world_of_deadlines(world, fixed_today)
    out = StringIO()
    call_command("sweep_deadlines", "--today", "2026-11-10", stdout=out)
    assert "oversight: complaint_accept_overdue=" in out.getvalue()
    assert Complaint.objects.filter(accept_overdue=True).exists()
