"""Certificate applications and the three-level review (R-PER-2, R-PER-3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema, Status

from jiandu.personnel import rules, selectors, services
from jiandu.personnel.api._common import (
    CertificateOut,
    _certificate_out,
    _officer,
    _page,
)
from jiandu.personnel.models import (
    CertificateApplication,
)

router = Router(tags=["执法队伍：执法证申领与审查"])


# --- applications and reviews --------------------------------------------------------------------


class ReviewOut(Schema):
    step: str
    seat: str
    verdict: str
    reason: str
    score: Decimal | None
    reviewer: str
    reviewer_unit: str
    acted_on: date


class ApplicationOut(Schema):
    id: int
    officer_id: int
    officer_name: str
    unit_id: int
    status: str
    status_label: str
    enforcement_domain: str
    submitted_on: date
    required_seats: list[str]
    pending_seats: list[str]
    exam_on: date | None
    exam_score: Decimal | None
    certificate_number: str | None
    closing_reason: str
    reviews: list[ReviewOut]


def _application_out(a: CertificateApplication) -> dict[str, Any]:
    reviews = list(a.reviews.select_related("reviewer", "reviewer_unit"))
    signed = {r.seat for r in reviews if r.step == rules.STEP_DISTRICT}
    pending = [s for s in a.required_seats if s not in signed] if a.status == rules.DISTRICT_REVIEW else []
    return {
        "id": a.pk, "officer_id": a.officer_id, "officer_name": a.officer.name, "unit_id": a.unit_id, "status": a.status,
        "status_label": rules.APPLICATION_STATUS_LABELS[a.status], "enforcement_domain": a.enforcement_domain,
        "submitted_on": a.submitted_on, "required_seats": a.required_seats, "pending_seats": pending,
        "exam_on": a.exam_on, "exam_score": a.exam_score,
        "certificate_number": a.certificate.number if a.certificate_id else None, "closing_reason": a.closing_reason,
        "reviews": [{"step": r.step, "seat": r.seat, "verdict": r.verdict, "reason": r.reason, "score": r.score,
                     "reviewer": r.reviewer.display_name, "reviewer_unit": r.reviewer_unit.name, "acted_on": r.acted_on}
                    for r in reviews],
    }


class ApplicationIn(Schema):
    officer_id: int
    enforcement_domain: str = ""
    note: str = ""


class ReviewIn(Schema):
    approve: bool
    reason: str = ""
    step: str | None = Field(None, description="district/city/province；不填取本单位审查席位对应的环节")
    acted_on: date | None = None


class ExamIn(Schema):
    score: Decimal
    exam_on: date


class IssueIn(Schema):
    number: str = ""
    issued_on: date | None = None


class ReasonIn(Schema):
    reason: str


def _application(request, application_id: int) -> CertificateApplication:
    return selectors.application_get(request.user, application_id)


@router.get("/applications", response=list[ApplicationOut], summary="执法证申领申请（本单位及审查范围）")
def application_list(request, status: str = "", limit: int = 50, offset: int = 0):
    qs = selectors.applications_visible(request.user).select_related("certificate").order_by("-submitted_at", "-id")
    if status:
        qs = qs.filter(status=status)
    _, rows = _page(qs, limit, offset)
    return [_application_out(a) for a in rows]


@router.post("/applications", response={201: ApplicationOut}, summary="提交执法证申领申请（不符合条件时逐项说明）")
def application_submit(request, payload: ApplicationIn):
    officer = _officer(request, payload.officer_id)
    application = services.application_submit(actor=request.user, officer=officer,
                                              enforcement_domain=payload.enforcement_domain, note=payload.note)
    return Status(201, _application_out(application))


@router.get("/applications/{application_id}", response=ApplicationOut, summary="申领申请详情及各环节审查记录")
def application_detail(request, application_id: int):
    return _application_out(_application(request, application_id))


@router.post("/applications/{application_id}/reviews", response=ApplicationOut,
             summary="签署资格审查意见（区级初审/市级复审/省级复核，按本单位席位）")
def application_review(request, application_id: int, payload: ReviewIn):
    application = services.application_review(actor=request.user, application=_application(request, application_id),
                                              **payload.dict())
    return _application_out(application)


@router.post("/applications/{application_id}/exam", response=ApplicationOut, summary="登记执法资格考试成绩")
def application_exam(request, application_id: int, payload: ExamIn):
    application = services.application_record_exam(actor=request.user, application=_application(request, application_id),
                                                   **payload.dict())
    return _application_out(application)


@router.post("/applications/{application_id}/issue", response={201: CertificateOut}, summary="颁发行政执法证")
def application_issue(request, application_id: int, payload: IssueIn):
    cert = services.application_issue(actor=request.user, application=_application(request, application_id),
                                      **payload.dict())
    return Status(201, _certificate_out(cert))


@router.post("/applications/{application_id}/withdraw", response=ApplicationOut, summary="撤回申请")
def application_withdraw(request, application_id: int, payload: ReasonIn):
    application = services.application_withdraw(actor=request.user, application=_application(request, application_id),
                                                reason=payload.reason)
    return _application_out(application)


@router.get("/reviews/queue", response=list[ApplicationOut], summary="我的审查待办（按本单位审查席位）")
def review_queue(request):
    return [_application_out(a) for a in selectors.review_queue(request.user)[:200]]
