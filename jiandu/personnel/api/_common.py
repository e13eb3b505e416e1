"""Helpers and schemas shared by the personnel API modules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from jiandu.core.errors import InvalidInput, NotFound
from jiandu.organization.models import Unit
from jiandu.personnel import rules, selectors
from jiandu.personnel.models import (
    Certificate,
    Officer,
)

# --- helpers -----------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _unit(unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound()
    return unit


def _account(request, user_id: int | None):
    """A login account the caller may see (organization scope), or ``NotFound``."""
    from jiandu.core.scope import get_visible
    from jiandu.organization.models import User

    return None if user_id is None else get_visible(User.objects.select_related("unit"), request.user, id=user_id)


def _officer(request, officer_id: int) -> Officer:
    return selectors.officer_get(request.user, officer_id)


def _page(qs, limit: int, offset: int) -> tuple[int, list]:
    if not 1 <= limit <= 200 or offset < 0:
        raise InvalidInput(details={"limit": "每页条数应在1至200之间，起始位置不能为负数。"})
    return qs.count(), list(qs[offset:offset + limit])


# --- schemas -------------------------------------------------------------------------------------


class CertificateBrief(Schema):
    id: int
    number: str
    status: str = Field(description="valid/suspended/revoked/cancelled/expired")
    valid_until: date


class OfficerOut(Schema):
    id: int
    name: str
    gender: str
    id_number: str
    unit_id: int
    unit_name: str
    category: str
    post: str
    is_enforcement_post: bool
    on_establishment: bool
    fiscally_funded: bool
    status: str
    joined_on: date | None
    left_on: date | None
    qualification_cancelled_on: date | None
    certificate: CertificateBrief | None
    hours_this_year: Decimal | None = None


def _officer_out(o: Officer, *, on: date | None = None) -> dict[str, Any]:
    on = on or _today()
    cert = getattr(o, "_live", None)
    if cert is None:
        cert = Certificate.objects.filter(officer=o).order_by("-issued_on", "-id").first()
    return {
        "id": o.pk, "name": o.name, "gender": o.gender, "id_number": o.id_number, "unit_id": o.unit_id,
        "unit_name": o.unit.name, "category": o.category, "post": o.post, "is_enforcement_post": o.is_enforcement_post,
        "on_establishment": o.on_establishment, "fiscally_funded": o.fiscally_funded, "status": o.status,
        "joined_on": o.joined_on, "left_on": o.left_on, "qualification_cancelled_on": o.qualification_cancelled_on,
        "certificate": {"id": cert.pk, "number": cert.number, "valid_until": cert.valid_until,
                        "status": rules.current_status(cert.status, valid_until=cert.valid_until, on=on)} if cert else None,
        "hours_this_year": getattr(o, "hours_year", None),
    }


class OfficerPage(Schema):
    count: int
    items: list[OfficerOut]


class OfficerIn(Schema):
    unit_id: int
    name: str
    id_number: str
    post: str
    category: str = Officer.Category.OFFICER
    is_enforcement_post: bool = True
    on_establishment: bool = True
    fiscally_funded: bool = True
    phone: str = ""
    joined_on: date | None = None
    user_id: int | None = Field(None, description="本人登录账号（须属于同一单位）")


class OfficerPatch(Schema):
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    category: str | None = None
    on_establishment: bool | None = None
    fiscally_funded: bool | None = None
    joined_on: date | None = None
    user_id: int | None = None


class PostChangeIn(Schema):
    post: str
    is_enforcement_post: bool
    started_on: date
    reason: str
    unit_id: int | None = Field(None, description="调入单位；不填为本单位内调整")


class LeaveIn(Schema):
    left_on: date
    reason: str


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    effective_on: date
    reason: str
    legal_basis: str
    ground: str
    document_number: str | None


class CertificateOut(Schema):
    id: int
    officer_id: int
    number: str
    issuer: str
    enforcement_domain: str
    issued_on: date
    valid_until: date
    status: str
    events: list[EventOut]


def _certificate_out(c: Certificate) -> dict[str, Any]:
    return {
        "id": c.pk, "officer_id": c.officer_id, "number": c.number, "issuer": c.issuer,
        "enforcement_domain": c.enforcement_domain, "issued_on": c.issued_on, "valid_until": c.valid_until,
        "status": rules.current_status(c.status, valid_until=c.valid_until, on=_today()),
        "events": [{"action": e.action, "from_status": e.from_status, "to_status": e.to_status,
                    "effective_on": e.effective_on, "reason": e.reason, "legal_basis": e.legal_basis, "ground": e.ground,
                    "document_number": e.document.number if e.document_id else None}
                   for e in c.events.select_related("document").order_by("effective_on", "id")],
    }


class CertificateRegisterIn(Schema):
    number: str
    issued_on: date
    valid_until: date | None = None
    enforcement_domain: str = ""


class DocumentOut(Schema):
    id: int
    number: str
    kind: str
    kind_label: str
    title: str
    issued_at: Any
    download_url: str
