from __future__ import annotations

from ninja import Router, Schema
from django.utils import timezone

from jiandu.core.scope import get_visible
from jiandu.organization import selectors
from jiandu.organization.models import Unit

router = Router(tags=["机构与用户"])


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    kind: str
    level: str
    parent_id: int | None
    is_enforcement_unit: bool
    is_key_department: bool
    has_legal_body: bool


def _unit_out(u: Unit) -> dict:
    return {
        "id": u.id, "name": u.name, "short_name": u.short_name, "code": u.code, "kind": u.kind, "level": u.level,
        "parent_id": u.parent_id, "is_enforcement_unit": u.is_enforcement_unit,
        "is_key_department": u.is_key_department, "has_legal_body": hasattr(u, "legal_body"),
    }


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    unit: UnitOut | None
    roles: list[str]


@router.get("/me", response=MeOut, summary="当前用户")
def me(request):
    user = request.user
    return {"id": user.id, "username": user.username, "full_name": user.full_name,
            "unit": _unit_out(user.unit) if user.unit_id else None, "roles": sorted(user.role_codes)}


@router.get("/units", response=list[UnitOut], summary="可见单位列表")
def unit_list(request):
    return [_unit_out(u) for u in selectors.units_visible(request.user).select_related("legal_body").order_by("path")]


@router.get("/units/{unit_id}", response=UnitOut, summary="单位详情")
def unit_detail(request, unit_id: int):
    return _unit_out(get_visible(Unit.objects.select_related("legal_body"), request.user, id=unit_id))


class StaffingOut(Schema):
    agency_full_time: int
    agency_minimum: int
    agency_shortfall: int
    units_without_legal_body: list[str]
    units_without_legal_staff: list[str]


@router.get("/staffing", response=StaffingOut, summary="机构与人员配备检查（R-ORG-2、R-ORG-3）")
def staffing(request):
    r = selectors.staffing_report(request.user, on=timezone.localdate())
    return {
        "agency_full_time": r.agency_full_time, "agency_minimum": r.agency_minimum,
        "agency_shortfall": r.agency_shortfall,
        "units_without_legal_body": [u.name for u in r.units_without_legal_body],
        "units_without_legal_staff": [u.name for u in r.units_without_legal_staff],
    }
