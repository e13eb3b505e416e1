"""The supervision deadlines in the platform's daily sweep (R-SUP-1/2/3, R-PLT-5).

Overdue steps are flagged by compare-and-swap (``filter(pk=…, flag=False).update(flag=True)``):
only the worker whose update changed the row sends the alert, and the alert carries a
``dedupe_key`` naming the deadline, so running the sweep twice (or on two workers at once)
sends nothing twice. Reminders before a deadline are keyed the same way. A deadline that moves
(a rectification sent back with a new date, a letter followed up) gets a new key and a new alert.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from jiandu.core import notifications, policy
from jiandu.core.workdays import CalendarYearMissing, WorkCalendar
from jiandu.organization.models import User
from jiandu.oversight.models import Complaint, OpinionLetter, Rectification
from jiandu.oversight.rules import deadlines
from jiandu.oversight.services._common import agency_staff, link, unit_staff
from jiandu.oversight.services.complaints import due_or_undated

COMPLAINT_STAGES = (
    # (flag, due field, statuses waiting for the step, Chinese name of the step)
    ("accept_overdue", "accept_due_on", (Complaint.Status.RECEIVED,), "受理"),
    ("handle_overdue", "handle_due_on", (Complaint.Status.ACCEPTED, Complaint.Status.ASSIGNED), "办理"),
    ("reply_overdue", "reply_due_on", (Complaint.Status.HANDLED,), "反馈"),
)


def _handlers(complaint: Complaint) -> list[User]:
    """Who acts on the complaint now: the handling body's staff once assigned, else the agency."""
    people = agency_staff(complaint.agency)
    if complaint.handling_body_id:
        people += list(User.objects.filter(legal_staff__legal_body_id=complaint.handling_body_id,
                                           legal_staff__is_active=True, is_active=True))
    return people


def _flag(model, pk: int, flag: str) -> bool:
    """Compare-and-swap: True only for the one caller that turned the flag on."""
    return model.objects.filter(pk=pk, **{flag: False}).update(**{flag: True}) == 1


def _overdue_complaints(today: date, calendar: WorkCalendar) -> dict[str, int]:
    counts = {}
    for flag, due_field, statuses, step in COMPLAINT_STAGES:
        flagged = 0
        candidates = (Complaint.objects.filter(status__in=statuses, **{f"{due_field}__lt": today, flag: False})
                      .select_related("agency", "unit").order_by("id"))
        for complaint in candidates.iterator():
            due = getattr(complaint, due_field)
            with transaction.atomic():
                if not _flag(Complaint, complaint.pk, flag):
                    continue
                days = deadlines.working_days_overdue(due, today, calendar)
                notifications.notify(
                    _handlers(complaint), title=f"投诉举报{step}已超期：{complaint.title}",
                    body=f"{complaint.number}，{step}期限为{due:%Y年%m月%d日}，已超期 {days} 个工作日。",
                    link=link("complaint", complaint.pk), category="oversight.overdue",
                    dedupe_key=f"oversight:complaint:{complaint.pk}:{flag}:{due}",
                )
                flagged += 1
        counts[f"complaint_{flag}"] = flagged
    return counts


def _overdue_letters(today: date, calendar: WorkCalendar) -> int:
    flagged = 0
    candidates = OpinionLetter.objects.filter(status=OpinionLetter.Status.ISSUED, reply_due_on__lt=today,
                                              reply_overdue=False).select_related("unit").order_by("id")
    for letter in candidates.iterator():
        with transaction.atomic():
            if not _flag(OpinionLetter, letter.pk, "reply_overdue"):
                continue
            days = deadlines.working_days_overdue(letter.reply_due_on, today, calendar)
            notifications.notify(
                unit_staff(letter.unit) + agency_staff(letter.unit),
                title=f"{letter.get_kind_display()}回复已超期：{letter.unit.display_name}",
                body=f"{letter.title}，回复期限为{letter.reply_due_on:%Y年%m月%d日}，已超期 {days} 个工作日。",
                link=link("letter", letter.pk), category="oversight.overdue",
                dedupe_key=f"oversight:letter:{letter.pk}:reply_overdue:{letter.reply_due_on}",
            )
            flagged += 1
    return flagged


def _overdue_rectifications(today: date, calendar: WorkCalendar) -> int:
    flagged = 0
    candidates = Rectification.objects.filter(status__in=Rectification.WORKING, deadline__lt=today,
                                              is_overdue=False).select_related("unit").order_by("id")
    for item in candidates.iterator():
        with transaction.atomic():
            if not _flag(Rectification, item.pk, "is_overdue"):
                continue
            days = deadlines.working_days_overdue(item.deadline, today, calendar)
            notifications.notify(
                unit_staff(item.unit) + agency_staff(item.unit),
                title=f"整改事项已逾期：{item.unit.display_name}",
                body=f"{item.number}：{item.problem[:60]}。整改期限为{item.deadline:%Y年%m月%d日}，已逾期 {days} 个工作日。",
                link=link("rectification", item.pk), category="oversight.overdue",
                dedupe_key=f"oversight:rectification:{item.pk}:overdue:{item.deadline}",
            )
            flagged += 1
    return flagged


def _remind(rows: Iterable[tuple[list[User], str, str, str, date]], today: date, within: int,
            calendar: WorkCalendar) -> int:
    sent = 0
    for recipients, title, url, key, due in rows:
        try:
            soon = deadlines.is_due_soon(due, today, within, calendar)
        except CalendarYearMissing:
            # A deadline in a year the calendar does not know yet: the admin dashboard already
            # asks for that year; the reminder comes once it is entered.
            continue
        if soon:
            left = deadlines.working_days_left(due, today, calendar)
            when = "今天到期" if left == 0 else f"还剩 {left} 个工作日"
            sent += notifications.notify(recipients, title=f"{title}（{when}）", body=f"期限：{due:%Y年%m月%d日}",
                                         link=url, category="oversight.reminder", dedupe_key=f"{key}:due_soon:{due}") > 0
    return sent


def _reminders(today: date, calendar: WorkCalendar) -> int:
    within = int(policy.value("oversight.reminder_working_days", on=today))
    # Candidates are narrowed in SQL to deadlines in the coming weeks; the working-day test is exact.
    horizon = today.toordinal() + within * 3 + 14
    horizon_day = date.fromordinal(horizon)
    rows = []
    for flag, due_field, statuses, step in COMPLAINT_STAGES:
        qs = Complaint.objects.filter(status__in=statuses, **{f"{due_field}__gte": today, f"{due_field}__lte": horizon_day})
        for c in qs.select_related("agency").iterator():
            rows.append((_handlers(c), f"投诉举报{step}期限临近：{c.title}", link("complaint", c.pk),
                         f"oversight:complaint:{c.pk}:{flag}", getattr(c, due_field)))
    for letter in OpinionLetter.objects.filter(status=OpinionLetter.Status.ISSUED, reply_due_on__gte=today,
                                               reply_due_on__lte=horizon_day).select_related("unit").iterator():
        rows.append((unit_staff(letter.unit), f"{letter.get_kind_display()}回复期限临近：{letter.title}",
                     link("letter", letter.pk), f"oversight:letter:{letter.pk}", letter.reply_due_on))
    for item in Rectification.objects.filter(status__in=Rectification.WORKING, deadline__gte=today,
                                             deadline__lte=horizon_day).select_related("unit").iterator():
        rows.append((unit_staff(item.unit), f"整改期限临近：{item.problem[:30]}", link("rectification", item.pk),
                     f"oversight:rectification:{item.pk}", item.deadline))
    return _remind(rows, today, within, calendar)


def _date_undated_complaints() -> int:
    """Handling and reply deadlines left undated for want of next year's calendar, dated now that
    the year is entered (compare-and-swap: a second run finds nothing)."""
    dated = 0
    stages = ((("handle_due_on", "accepted_on", deadlines.complaint_handle_due),
               (Complaint.Status.ACCEPTED, Complaint.Status.ASSIGNED)),
              (("reply_due_on", "handled_on", deadlines.complaint_reply_due), (Complaint.Status.HANDLED,)))
    for (due_field, start_field, compute), statuses in stages:
        waiting = (Complaint.objects.filter(status__in=statuses, **{f"{due_field}__isnull": True,
                                                                    f"{start_field}__isnull": False})
                   .select_related("agency").order_by("id"))
        for complaint in waiting.iterator():
            due = due_or_undated(compute, getattr(complaint, start_field), complaint.agency)
            if due is not None:
                dated += Complaint.objects.filter(pk=complaint.pk, **{f"{due_field}__isnull": True}).update(**{due_field: due})
    return dated


def sweep(today: date, calendar: WorkCalendar) -> dict[str, int]:
    dated = _date_undated_complaints()
    counts = _overdue_complaints(today, calendar)
    counts["complaint_deadlines_dated"] = dated
    counts["letter_reply_overdue"] = _overdue_letters(today, calendar)
    counts["rectification_overdue"] = _overdue_rectifications(today, calendar)
    counts["reminders"] = _reminders(today, calendar)
    return counts


__all__ = ["sweep"]
