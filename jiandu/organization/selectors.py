"""Reads of the organization, always through the scope mechanism."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from jiandu.core import policy, scope
from jiandu.organization.models import LegalBody, LegalStaff, Unit, User


def units_visible(user) -> QuerySet[Unit]:
    return scope.visible(Unit.objects.all(), user)


def unit_get(user, unit_id) -> Unit:
    return scope.get_visible(Unit.objects.select_related("parent"), user, id=unit_id)


def enforcement_units(user) -> QuerySet[Unit]:
    return units_visible(user).filter(is_enforcement_unit=True, is_active=True)


@dataclass(frozen=True)
class StaffingReport:
    agency: Unit | None
    agency_full_time: int
    agency_minimum: int
    units_without_legal_body: list[Unit]
    units_without_legal_staff: list[Unit]

    @property
    def agency_shortfall(self) -> int:
        return max(0, self.agency_minimum - self.agency_full_time)


def staffing_report(user, *, on: date) -> StaffingReport:
    """R-ORG-2/3: every enforcement unit has a legal body with named staff; the agency has its
    minimum of full-time staff (a dated parameter)."""
    units = enforcement_units(user).annotate(
        staff_count=Count("legal_body__staff", filter=Q(legal_body__staff__is_active=True))
    )
    without_body = [u for u in units.filter(legal_body__isnull=True).order_by("sort_order", "id")]
    without_staff = [u for u in units.filter(legal_body__isnull=False, staff_count=0).order_by("sort_order", "id")]
    agency = units_visible(user).filter(kind=Unit.Kind.AGENCY).order_by("depth").first()
    if agency is None:
        return StaffingReport(None, 0, 0, without_body, without_staff)
    full_time = LegalStaff.objects.filter(legal_body__unit=agency, is_full_time=True, is_active=True).count()
    minimum = int(policy.value("organization.agency_min_full_time_staff", on=on, jurisdiction=agency))
    return StaffingReport(agency, full_time, minimum, without_body, without_staff)


def legal_body_for_duty(unit: Unit, duty: str) -> LegalBody | None:
    """R-ORG-4: the body that holds ``duty`` for ``unit``: the unit's own legal body when it holds
    the duty, otherwise the nearest holder above it (ending at the supervision agency)."""
    ids = list(reversed(unit.ancestor_ids()))
    bodies = {b.unit_id: b for b in LegalBody.objects.filter(unit_id__in=ids).select_related("unit")}
    for uid in ids:
        body = bodies.get(uid)
        if body is not None and duty in body.duties:
            return body
    jurisdiction = unit.jurisdiction()
    if jurisdiction is not None:
        agency_body = (
            LegalBody.objects.filter(unit__kind=Unit.Kind.AGENCY, unit__path__startswith=jurisdiction.path)
            .select_related("unit").first()
        )
        if agency_body is not None and duty in agency_body.duties:
            return agency_body
    return None


def users_for_duty(unit: Unit, duty: str) -> list[User]:
    """Accounts to notify about a task of ``duty`` for ``unit`` (the staff of the routed body)."""
    body = legal_body_for_duty(unit, duty)
    if body is None:
        return []
    return list(User.objects.filter(legal_staff__legal_body=body, legal_staff__is_active=True, is_active=True))


def users_with_role(role: str, *, unit: Unit | None = None, within: Unit | None = None) -> QuerySet[User]:
    qs = User.objects.filter(roles__role=role, is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    return qs.distinct()
