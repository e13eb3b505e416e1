"""Helpers shared by the linkage services: who acts, who is told, policy figures, file digests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jiandu.core import policy
from jiandu.core.errors import InvalidInput
from jiandu.organization.models import Unit, User
from jiandu.organization.roles import Role, permissions

MAX_BYTES = 200 * 1024 * 1024  # a transfer package is documents and scans, not video


def now() -> datetime:
    return timezone.now()


def permissions_of(user) -> frozenset[str]:
    if getattr(user, "is_superuser", False):
        from jiandu.linkage import rules

        return frozenset({rules.UNIT, rules.POLICE, rules.PROCURATORATE})
    return permissions(getattr(user, "role_codes", frozenset()))


def figure(key: str, unit, on: date) -> Any:
    return policy.value(key, on=on, jurisdiction=unit)


def reference(key: str, unit, on: date) -> tuple[Any, str]:
    resolved = policy.resolve(key, on=on, jurisdiction=unit)
    return resolved.value, resolved.legal_reference


def jurisdiction_of(unit: Unit) -> Unit:
    return unit.jurisdiction() or unit


def in_jurisdiction(unit: Unit, jurisdiction: Unit) -> bool:
    return unit.path.startswith(jurisdiction.path)


def users_with_role(role: str, *, unit: Unit | None = None, jurisdiction: Unit | None = None) -> QuerySet[User]:
    qs = User.objects.filter(roles__role=role, is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if jurisdiction is not None:
        qs = qs.filter(unit__path__startswith=jurisdiction.path)
    return qs.distinct()


def unit_legal_officers(unit: Unit) -> QuerySet[User]:
    return users_with_role(Role.UNIT_LEGAL_OFFICER, unit=unit)


def police_liaisons(unit: Unit) -> QuerySet[User]:
    return users_with_role(Role.POLICE_LIAISON, unit=unit)


def procuratorate_liaisons(unit: Unit) -> QuerySet[User]:
    return users_with_role(Role.PROCURATORATE_LIAISON, jurisdiction=jurisdiction_of(unit))


def agency_officers(unit: Unit) -> QuerySet[User]:
    return users_with_role(Role.AGENCY_OFFICER, jurisdiction=jurisdiction_of(unit))


def liaison_users_of(unit: Unit) -> QuerySet[User]:
    """The people of ``unit`` who answer for linkage work: legal officers and liaisons."""
    return User.objects.filter(
        Q(roles__role__in=[Role.UNIT_LEGAL_OFFICER, Role.POLICE_LIAISON, Role.PROCURATORATE_LIAISON,
                           Role.AGENCY_OFFICER]),
        unit=unit, is_active=True,
    ).distinct()


def text(value: str | None, field: str, message: str, *, max_length: int | None = None) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise InvalidInput(details={field: message})
    if max_length is not None and len(cleaned) > max_length:
        raise InvalidInput(details={field: f"内容过长（不超过{max_length}字）。"})
    return cleaned


def instant(value: datetime | None, field: str, *, not_before: datetime | None = None,
            not_before_label: str = "上一环节") -> datetime:
    """An act's instant: now when not given; never in the future, never before the previous step."""
    current = now()
    if value is None:
        value = current
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > current + timedelta(minutes=5):
        raise InvalidInput(details={field: "时间不能晚于当前时间。"})
    if not_before is not None and value < not_before:
        raise InvalidInput(details={field: f"时间不能早于{not_before_label}（{timezone.localtime(not_before):%Y-%m-%d %H:%M}）。"})
    return value
