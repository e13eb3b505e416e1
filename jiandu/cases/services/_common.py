"""Helpers shared by the case services: access checks, policy figures, deadlines, notifications."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Min
from django.utils import timezone

from jiandu.cases import rules
from jiandu.cases.models import Case, CaseDeadline, CaseOfficer, CasePause
from jiandu.core import holidays, notifications, policy, scope
from jiandu.core.errors import Forbidden, InvalidInput, NotFound
from jiandu.core.workdays import CalendarYearMissing, WorkCalendar
from jiandu.organization.roles import Role


def today() -> date:
    return timezone.localdate()


def require_on_case(actor, permissions: Iterable[str], case: Case) -> str:
    """Refuse unless ``actor`` holds one of ``permissions`` and can see ``case`` (own unit for a
    unit legal officer, own cases for an officer, the jurisdiction for the agency). A case out of
    reach answers ``NotFound`` exactly like a missing one. Returns the permission used."""
    held = [p for p in permissions if scope.has_permission(actor, p)]
    if not held:
        raise Forbidden()
    for permission in held:
        scope.require(actor, permission)
    if not scope.visible(Case.objects.filter(pk=case.pk), actor).exists():
        raise NotFound()
    return held[0]


def lock(case: Case) -> Case:
    """The case row locked for the rest of the transaction (two officers recording at once are
    serialized; SQLite serializes writers anyway)."""
    return Case.objects.select_for_update().select_related("unit", "item").get(pk=case.pk)


def figure(key: str, case_or_unit, on: date) -> Any:
    unit = getattr(case_or_unit, "unit", case_or_unit)
    return policy.value(key, on=on, jurisdiction=unit)


def reference(key: str, unit, on: date) -> tuple[Any, str]:
    r = policy.resolve(key, on=on, jurisdiction=unit)
    return r.value, r.legal_reference


def not_future(field: str, d: date | None, label: str) -> None:
    if d is not None and d > today():
        raise InvalidInput(details={field: f"{label}不能晚于今天。"})


# --- deadlines ------------------------------------------------------------------------------------


def pauses_of(case: Case) -> list[tuple[date, date | None]]:
    return list(CasePause.objects.filter(case=case).order_by("started_on").values_list("started_on", "ended_on"))


def compute_due(deadline: CaseDeadline, calendar: WorkCalendar, pauses) -> tuple[date | None, str]:
    """(due date, note). A working-day period reaching a year without calendar data has no due
    date yet and says so, rather than guessing or blocking the enforcement step."""
    try:
        due = rules.due_date(
            deadline.starts_on, deadline.days, deadline.counting, calendar=calendar,
            pauses=pauses if deadline.pausable else (), extension_days=deadline.extension_days,
        )
    except CalendarYearMissing as exc:
        return None, f"工作日历缺少{exc.year}年安排，期限待录入后计算"
    return due, ("期限中止计算中" if due is None else "")


def deadline_open(
    case: Case, kind: str, *, starts_on: date, days_key: str, counting: str, pausable: bool = False,
    calendar: WorkCalendar | None = None,
) -> CaseDeadline:
    days, legal_reference = reference(days_key, case.unit, starts_on)
    deadline = CaseDeadline(
        case=case, kind=kind, starts_on=starts_on, days=int(days), counting=counting, pausable=pausable,
        legal_reference=legal_reference[:200],
    )
    deadline.due_on, deadline.note = compute_due(deadline, calendar or holidays.load_calendar(), pauses_of(case))
    deadline.save()
    return deadline


def deadline_done(case: Case, kinds: Iterable[str], done_on: date) -> list[CaseDeadline]:
    done = list(CaseDeadline.objects.filter(case=case, kind__in=list(kinds), status__in=CaseDeadline.ACTIVE))
    for d in done:
        CaseDeadline.objects.filter(pk=d.pk, status__in=CaseDeadline.ACTIVE).update(status=CaseDeadline.Status.DONE, done_on=done_on)
        d.status, d.done_on = CaseDeadline.Status.DONE, done_on
    return done


def deadline_cancel(case: Case, kinds: Iterable[str] | None = None) -> int:
    qs = CaseDeadline.objects.filter(case=case, status__in=CaseDeadline.ACTIVE)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs.update(status=CaseDeadline.Status.CANCELLED)


def refresh_deadlines(case: Case, calendar: WorkCalendar | None = None) -> None:
    """Recompute the due dates of the case's pausable (or still undated) active deadlines after a
    pause or an extension, and the case's denormalized ``next_due_on`` and ``is_overdue``."""
    calendar = calendar or holidays.load_calendar()
    pauses = pauses_of(case)
    for d in CaseDeadline.objects.filter(case=case, status__in=CaseDeadline.ACTIVE):
        due, note = compute_due(d, calendar, pauses)
        status = d.status
        if due is None or due >= today():
            status = CaseDeadline.Status.OPEN  # a pause or an extension can bring an overdue step back in time
        if (due, note, status) != (d.due_on, d.note, d.status):
            CaseDeadline.objects.filter(pk=d.pk).update(due_on=due, note=note, status=status)
    refresh_case_summary(case)


def refresh_case_summary(case: Case) -> None:
    active = CaseDeadline.objects.filter(case=case, status__in=CaseDeadline.ACTIVE)
    next_due = active.aggregate(m=Min("due_on"))["m"]
    overdue = active.filter(status=CaseDeadline.Status.OVERDUE).exists()
    Case.objects.filter(pk=case.pk).update(next_due_on=next_due, is_overdue=overdue)
    case.next_due_on, case.is_overdue = next_due, overdue


# --- people ------------------------------------------------------------------------------------------


def responsible_users(case: Case) -> list:
    """Who is told about a case's deadlines: its officers (with an account) and the unit's legal
    officers."""
    from jiandu.organization.selectors import users_with_role

    officers = [
        a.officer.user for a in CaseOfficer.objects.filter(case=case, released_on__isnull=True).select_related("officer__user")
        if a.officer.user_id and a.officer.user.is_active
    ]
    legal = list(users_with_role(Role.UNIT_LEGAL_OFFICER, unit=case.unit))
    return list({u.pk: u for u in officers + legal}.values())


def notify_case(case: Case, users, *, title: str, body: str = "", dedupe_key: str | None = None) -> int:
    return notifications.notify(users, title=title, body=body, link=f"/cases/{case.pk}/", category="cases",
                                dedupe_key=dedupe_key)


def active_officer_ids(case: Case) -> list[int]:
    return list(CaseOfficer.objects.filter(case=case, released_on__isnull=True).values_list("officer_id", flat=True))
