"""Working-day deadlines of the supervision workflows (R-SUP-1/2/3, R-PLT-4).

Every figure is an argument (the service reads the dated parameter and passes it in) and every
count is in working days through a ``core.workdays.WorkCalendar``, in the legal reading used
platform-wide: "within N working days of D" ends on the N-th working day *after* D.

Edge cases (tested in ``tests/test_rules_deadlines.py``):
- a complaint received on a holiday or a weekend: counting starts with the next working day,
  so 7 working days from Thu 2026-10-01 (国庆) end on Thu 2026-10-15, the make-up Saturday
  2026-10-10 counting as one of them;
- a step done on its due date is on time; a step done after it is late (``done_late``);
- an open step is overdue from the first day after its due date (``is_overdue``), and the days
  overdue are counted in working days (so a holiday week adds nothing);
- a year the calendar does not know raises ``CalendarYearMissing`` (never a silent guess).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jiandu.core.workdays import WorkCalendar


def due_after(start: date, working_days: int, calendar: WorkCalendar) -> date:
    """The deadline ``working_days`` working days after ``start``."""
    if working_days < 0:
        raise ValueError("working_days must be >= 0")
    return calendar.add_working_days(start, int(working_days))


@dataclass(frozen=True)
class ComplaintLimits:
    """The three statutory limits of a complaint, in working days (dated parameters)."""

    accept: int  # 受理: 市场监督管理投诉举报处理暂行办法 art. 14 (7)
    handle: int  # 办理: counted from acceptance
    reply: int  # 反馈: art. 31 (5), counted from the handling decision


def complaint_accept_due(received_on: date, limits: ComplaintLimits, calendar: WorkCalendar) -> date:
    return due_after(received_on, limits.accept, calendar)


def complaint_handle_due(accepted_on: date, limits: ComplaintLimits, calendar: WorkCalendar) -> date:
    return due_after(accepted_on, limits.handle, calendar)


def complaint_reply_due(handled_on: date, limits: ComplaintLimits, calendar: WorkCalendar) -> date:
    return due_after(handled_on, limits.reply, calendar)


def is_overdue(due_on: date | None, today: date) -> bool:
    """An open step is overdue from the day after its due date."""
    return due_on is not None and today > due_on


def done_late(due_on: date | None, done_on: date) -> bool:
    """A step done on its due date is on time; later is late."""
    return due_on is not None and done_on > due_on


def working_days_overdue(due_on: date, today: date, calendar: WorkCalendar) -> int:
    """How many working days past ``due_on`` ``today`` is (0 when not overdue)."""
    if today <= due_on:
        return 0
    return calendar.working_days_between(due_on, today)


def working_days_left(due_on: date, today: date, calendar: WorkCalendar) -> int:
    """Working days from ``today`` up to and including ``due_on`` (0 on the day, negative after)."""
    return calendar.working_days_between(today, due_on)


def is_due_soon(due_on: date | None, today: date, within: int, calendar: WorkCalendar) -> bool:
    """Not yet overdue, and at most ``within`` working days left (the reminder window)."""
    if due_on is None or today > due_on:
        return False
    return working_days_left(due_on, today, calendar) <= within


def check_step_date(on: date, *, today: date, not_before: date | None, label: str) -> str | None:
    """Why a step may not be dated ``on`` (in Chinese), or ``None`` when it may.

    Staff often record a step after the fact (a letter received last week), so a past date is
    allowed, but never a future one nor one before the step it follows.
    """
    if on > today:
        return f"{label}不能晚于今天（{today:%Y年%m月%d日}）。"
    if not_before is not None and on < not_before:
        return f"{label}不能早于上一环节的日期（{not_before:%Y年%m月%d日}）。"
    return None
