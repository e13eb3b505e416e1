"""Helpers shared by the services: dates, figures, permissions, recipients, files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone

from jiandu.core.files import sha256_of
from jiandu.core import holidays, policy, scope
from jiandu.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from jiandu.core.scope import require
from jiandu.core.workdays import WorkCalendar
from jiandu.organization.models import Unit, User
from jiandu.organization.roles import Role
from jiandu.organization.selectors import users_with_role
from jiandu.oversight.rules import attachments, deadlines


@dataclass(frozen=True)
class Anonymous:
    """The actor of a public submission, as the audit chain names it (no account)."""

    display_name: str = "社会公众（网上投诉举报）"
    pk: None = None


def today() -> date:
    return timezone.localdate()


def calendar() -> WorkCalendar:
    return holidays.load_calendar()


def figure(key: str, *, on: date, unit: Unit | None) -> Any:
    return policy.value(key, on=on, jurisdiction=unit)


def working_days(key: str, *, on: date, unit: Unit | None) -> int:
    return int(figure(key, on=on, unit=unit))


def step_date(on: date | None, *, not_before: date | None, label: str, field: str = "on") -> date:
    """The date of a step: today by default; a past date is allowed, never a future one nor one
    before the step it follows (``rules.deadlines.check_step_date``)."""
    day = on or today()
    problem = deadlines.check_step_date(day, today=today(), not_before=not_before, label=label)
    if problem:
        raise InvalidInput(problem, details={field: problem})
    return day


def required_text(value: str | None, *, field: str, label: str, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"请填写{label}。", details={field: f"请填写{label}。"})
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(details={field: f"{label}不能超过 {max_length} 个字。"})
    return text


def require_any(actor, permissions: Iterable[str], *, unit: Unit | None) -> None:
    """Refuse unless one of ``permissions`` is held with scope over ``unit``.

    Out of scope answers ``NotFound`` (as if the record did not exist), no permission at all
    answers ``Forbidden``.
    """
    error: DomainError | None = None
    for permission in permissions:
        try:
            require(actor, permission, unit=unit, area="oversight")
            return
        except NotFound as exc:
            error = exc
        except Forbidden as exc:
            error = error or exc
    raise error or Forbidden()


def ensure_visible(obj: models.Model, actor) -> None:
    """Refuse with ``NotFound`` when ``actor`` cannot see ``obj`` — checked before anything about
    the object (its state included) is revealed in an error message."""
    if not scope.visible(type(obj).objects.filter(pk=obj.pk), actor, area="oversight").exists():
        raise NotFound()


def agency_of(unit: Unit) -> Unit:
    """The supervision agency of ``unit``'s jurisdiction (R-ORG-0: the county justice bureau)."""
    if unit.kind == Unit.Kind.AGENCY:
        return unit
    jurisdiction = unit.jurisdiction()
    agency = None
    if jurisdiction is not None:
        agency = (
            Unit.objects.filter(kind=Unit.Kind.AGENCY, path__startswith=jurisdiction.path, is_active=True)
            .order_by("depth", "id").first()
        )
    if agency is None:
        raise Conflict("no_supervision_agency", f"“{unit.name}”所在辖区未设置行政执法监督机构，无法办理。")
    return agency


def actor_agency(actor) -> Unit:
    """The agency the acting officer works for (their unit must be, or sit under, the agency)."""
    if actor is None or actor.unit_id is None:
        raise Forbidden()
    return agency_of(actor.unit)


def agency_staff(unit: Unit) -> list[User]:
    """Supervision officers of ``unit``'s jurisdiction: they hear of every overdue step."""
    jurisdiction = unit.jurisdiction()
    if jurisdiction is None:
        return []
    return list(users_with_role(Role.AGENCY_OFFICER, within=jurisdiction))


def unit_staff(unit: Unit) -> list[User]:
    """The unit's legal officers (who answer letters and rectifications for it)."""
    return list(users_with_role(Role.UNIT_LEGAL_OFFICER, unit=unit))


def link(name: str, pk: int) -> str:
    return reverse(f"oversight:{name}", args=[pk])


def check_files(files: Iterable[Any]) -> list[tuple[Any, str]]:
    """Check every uploaded file first (type by content, size, count): all or nothing."""
    files = [f for f in files if f]
    problem = attachments.check_count(len(files))
    if problem:
        raise InvalidInput(problem, details={"files": problem})
    checked = []
    for f in files:
        head = f.read(2048)
        f.seek(0)
        result = attachments.check(getattr(f, "name", ""), head, getattr(f, "size", 0) or 0)
        if not result.ok:
            raise InvalidInput(result.reason, details={"files": result.reason})
        checked.append((f, result.content_type))
    return checked


def store_files(checked: list[tuple[Any, str]], model: type[models.Model], **owner: Any) -> list[models.Model]:
    stored = []
    for f, content_type in checked:
        sha256, size = sha256_of(f)
        obj = model(name=str(f.name)[:200], content_type=content_type, size=size, sha256=sha256, **owner)
        obj.file.save(f"{sha256[:16]}-{obj.name}", f, save=False)
        obj.save()
        stored.append(obj)
    return stored
