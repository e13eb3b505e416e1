"""HTTP API of the personnel app, mounted at /api/v1/personnel/ (R-PLT-6).

Every page action is here with the same services and selectors, so the same refusals come back
as JSON ``{"code", "message", "details"}`` (wired in ``jiandu/api.py``). Objects outside the
caller's scope answer 404 exactly like missing ones.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from jiandu.core.errors import InvalidInput, NotFound
from jiandu.organization.models import Unit
from jiandu.personnel import rules, selectors, services
from jiandu.personnel.models import (
    Certificate,
    CertificateApplication,
    ClosedBookResult,
    ClosedBookTest,
    ConductRecord,
    Officer,
    Referral,
    TrainingPlan,
    TrainingSession,
    TransferTask,
)

router = Router(tags=["执法队伍"])


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


class OfficerPatch(Schema):
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    category: str | None = None
    on_establishment: bool | None = None
    fiscally_funded: bool | None = None
    joined_on: date | None = None


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


# --- officers ------------------------------------------------------------------------------------


@router.get("/officers", response=OfficerPage, summary="执法人员名册（按数据范围，可筛选）")
def officer_list(request, unit: int | None = None, category: str = "", cert_status: str = "", status: str = "",
                 shortfall: bool = False, q: str = "", limit: int = 50, offset: int = 0):
    filters = selectors.OfficerFilters.from_params({"unit": unit, "category": category, "cert_status": cert_status,
                                                    "status": status, "shortfall": "1" if shortfall else "", "q": q})
    count, rows = _page(selectors.officer_list(request.user, filters, on=_today()), limit, offset)
    return {"count": count, "items": [_officer_out(o) for o in rows]}


@router.post("/officers", response={201: OfficerOut}, summary="登记执法人员（校验身份证号，重号拒绝）")
def officer_create(request, payload: OfficerIn):
    data = payload.dict()
    unit = _unit(data.pop("unit_id"))
    officer = services.officer_create(actor=request.user, unit=unit, **data)
    return Status(201, _officer_out(officer))


@router.get("/officers/{officer_id}", response=OfficerOut, summary="执法人员详情")
def officer_detail(request, officer_id: int):
    return _officer_out(_officer(request, officer_id))


@router.patch("/officers/{officer_id}", response=OfficerOut, summary="修改人员信息（岗位请用岗位变动）")
def officer_update(request, officer_id: int, payload: OfficerPatch):
    changes = payload.dict(exclude_unset=True)
    return _officer_out(services.officer_update(actor=request.user, officer=_officer(request, officer_id), **changes))


@router.post("/officers/{officer_id}/post-changes", response=OfficerOut, summary="岗位变动")
def officer_change_post(request, officer_id: int, payload: PostChangeIn):
    officer = _officer(request, officer_id)
    data = payload.dict()
    services.officer_change_post(actor=request.user, officer=officer, unit=_unit(data.pop("unit_id")), **data)
    officer.refresh_from_db()
    return _officer_out(officer)


@router.post("/officers/{officer_id}/leave", response=OfficerOut, summary="离职（注销执法证）")
def officer_leave(request, officer_id: int, payload: LeaveIn):
    return _officer_out(services.officer_leave(actor=request.user, officer=_officer(request, officer_id), **payload.dict()))


@router.get("/officers/{officer_id}/certificates", response=list[CertificateOut], summary="人员的执法证及其变动")
def officer_certificates(request, officer_id: int):
    officer = _officer(request, officer_id)
    return [_certificate_out(c) for c in Certificate.objects.filter(officer=officer)]


@router.post("/officers/{officer_id}/certificates", response={201: CertificateOut}, summary="登记平台启用前已颁发的执法证")
def certificate_register(request, officer_id: int, payload: CertificateRegisterIn):
    cert = services.certificate_register(actor=request.user, officer=_officer(request, officer_id), **payload.dict())
    return Status(201, _certificate_out(cert))


@router.get("/officers/{officer_id}/documents", response=list[DocumentOut], summary="人员相关法律文书")
def officer_documents(request, officer_id: int):
    file = selectors.officer_file(request.user, officer_id, on=_today())
    return [{"id": d.pk, "number": d.number, "kind": d.kind, "kind_label": d.kind_label, "title": d.title,
             "issued_at": d.issued_at, "download_url": f"/personnel/officers/{officer_id}/documents/{d.pk}/"}
            for d in file.documents]


@router.get("/certificates", response=list[CertificateOut], summary="按证号查询执法证（按数据范围）")
def certificate_search(request, number: str):
    return [_certificate_out(c) for c in selectors.certificates_visible(request.user).filter(number=number.strip())]


@router.get("/certified-on", response=dict[int, str], summary="某日是否持有有效执法证（空字符串为有效，否则为原因）")
def certified_on(request, officer_ids: str, on: date):
    try:
        ids = [int(x) for x in officer_ids.split(",") if x.strip()]
    except ValueError:
        raise InvalidInput(details={"officer_ids": "应为以逗号分隔的人员编号。"}) from None
    visible = set(selectors.officers_visible(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    answer = selectors.officers_certified_on(visible, on)
    return {i: answer.get(i, "执法人员不存在。") for i in ids}


# --- sanctions and assessments -------------------------------------------------------------------


class ConductIn(Schema):
    occurred_on: date
    description: str
    source: str = ""


class ConductOut(Schema):
    id: int
    officer_id: int
    occurred_on: date
    description: str
    sanction: str
    sanction_label: str
    ordinal_in_window: int
    window_start: date
    document_id: int
    document_number: str


def _conduct_out(c: ConductRecord) -> dict[str, Any]:
    return {"id": c.pk, "officer_id": c.officer_id, "occurred_on": c.occurred_on, "description": c.description,
            "sanction": c.sanction, "sanction_label": c.get_sanction_display(), "ordinal_in_window": c.ordinal_in_window,
            "window_start": c.window_start, "document_id": c.document_id, "document_number": c.document.number}


@router.get("/officers/{officer_id}/conduct-records", response=list[ConductOut], summary="不规范执法记录")
def conduct_list(request, officer_id: int):
    officer = _officer(request, officer_id)
    return [_conduct_out(c) for c in officer.conduct_records.select_related("document").order_by("occurred_on", "id")]


@router.post("/officers/{officer_id}/conduct-records", response={201: ConductOut},
             summary="记录不规范执法行为（第一次谈话提醒，第二次通报批评，自动生成文书）")
def conduct_create(request, officer_id: int, payload: ConductIn):
    record = services.conduct_record(actor=request.user, officer=_officer(request, officer_id), **payload.dict())
    return Status(201, _conduct_out(record))


class AssessmentIn(Schema):
    year: int
    grade: str = Field(description="excellent/competent/basically_competent/incompetent")
    decided_on: date
    note: str = ""


class AssessmentOut(Schema):
    id: int
    officer_id: int
    year: int
    grade: str
    decided_on: date
    consequence: str


@router.post("/officers/{officer_id}/assessments", response={201: AssessmentOut},
             summary="登记年度考核（不称职依规暂扣或收回执法证）")
def assessment_create(request, officer_id: int, payload: AssessmentIn):
    a = services.assessment_record(actor=request.user, officer=_officer(request, officer_id), **payload.dict())
    return Status(201, {"id": a.pk, "officer_id": a.officer_id, "year": a.year, "grade": a.grade, "decided_on": a.decided_on,
                        "consequence": a.consequence})


class RevokeIn(Schema):
    trigger: str = Field(description="criminal_punishment/expulsion/serious_consequences/brutal_enforcement/abuse_of_power")
    reason: str
    effective_on: date | None = None


@router.post("/officers/{officer_id}/revocations", response=OfficerOut, summary="收回执法证、取消执法资格（依查实的情形）")
def officer_revoke(request, officer_id: int, payload: RevokeIn):
    return _officer_out(services.officer_revoke(actor=request.user, officer=_officer(request, officer_id), **payload.dict()))


@router.post("/officers/{officer_id}/certificate-return", response=OfficerOut,
             summary="核查并发还暂扣的执法证（不符合条件时说明所缺条件）")
def certificate_return(request, officer_id: int):
    officer = _officer(request, officer_id)
    services.certificate_return(actor=request.user, officer=officer)
    return _officer_out(officer)


class TransferTaskOut(Schema):
    id: int
    officer_id: int
    officer_name: str
    unit_id: int
    trigger: str
    reason: str
    opened_on: date
    due_on: date
    status: str
    done_on: date | None


def _task_out(t: TransferTask) -> dict[str, Any]:
    return {"id": t.pk, "officer_id": t.officer_id, "officer_name": t.officer.name, "unit_id": t.unit_id,
            "trigger": t.trigger, "reason": t.reason, "opened_on": t.opened_on, "due_on": t.due_on, "status": t.status,
            "done_on": t.done_on}


@router.get("/transfer-tasks", response=list[TransferTaskOut], summary="调离执法岗位任务")
def transfer_tasks(request, status: str = ""):
    qs = selectors.transfer_tasks_visible(request.user)
    if status:
        qs = qs.filter(status=status)
    return [_task_out(t) for t in qs[:500]]


class NoteIn(Schema):
    note: str = ""


@router.post("/transfer-tasks/{task_id}/complete", response=TransferTaskOut, summary="办结调离任务")
def transfer_task_complete(request, task_id: int, payload: NoteIn):
    task = selectors.transfer_task_get(request.user, task_id)
    return _task_out(services.transfer_task_complete(actor=request.user, task=task, note=payload.note))


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


# --- referrals -------------------------------------------------------------------------------------


class ReferralIn(Schema):
    officer_id: int
    facts: str
    legal_basis: str = ""
    referred_on: date | None = None


class ReferralOut(Schema):
    id: int
    officer_id: int
    officer_name: str
    unit_id: int
    recipient: str
    facts: str
    referred_on: date
    due_on: date
    status: str
    overdue: bool
    document_number: str
    received_on: date | None
    outcome: str
    outcome_note: str
    concluded_on: date | None


def _referral_out(r: Referral) -> dict[str, Any]:
    return {"id": r.pk, "officer_id": r.officer_id, "officer_name": r.officer.name, "unit_id": r.unit_id,
            "recipient": r.recipient.name, "facts": r.facts, "referred_on": r.referred_on, "due_on": r.due_on,
            "status": r.status, "overdue": r.is_overdue(_today()), "document_number": r.document.number,
            "received_on": r.received_on, "outcome": r.outcome, "outcome_note": r.outcome_note,
            "concluded_on": r.concluded_on}


class ReceiveIn(Schema):
    received_on: date | None = None
    note: str = ""


class ConcludeIn(Schema):
    outcome: str = Field(description="filed/sanctioned/admonished/no_action/transferred")
    outcome_note: str
    concluded_on: date | None = None


@router.get("/referrals", response=list[ReferralOut], summary="违法违纪线索移送")
def referral_list(request, status: str = ""):
    qs = selectors.referrals_visible(request.user)
    if status:
        qs = qs.filter(status=status)
    return [_referral_out(r) for r in qs[:500]]


@router.post("/referrals", response={201: ReferralOut}, summary="向纪检监察机关移送线索（生成移送函）")
def referral_create(request, payload: ReferralIn):
    data = payload.dict()
    officer = _officer(request, data.pop("officer_id"))
    return Status(201, _referral_out(services.referral_create(actor=request.user, officer=officer, **data)))


@router.post("/referrals/{referral_id}/receive", response=ReferralOut, summary="纪检监察机关登记接收")
def referral_receive(request, referral_id: int, payload: ReceiveIn):
    referral = selectors.referral_get(request.user, referral_id)
    return _referral_out(services.referral_receive(actor=request.user, referral=referral, **payload.dict()))


@router.post("/referrals/{referral_id}/conclude", response=ReferralOut, summary="纪检监察机关反馈处理结果")
def referral_conclude(request, referral_id: int, payload: ConcludeIn):
    referral = selectors.referral_get(request.user, referral_id)
    return _referral_out(services.referral_conclude(actor=request.user, referral=referral, **payload.dict()))


# --- training ---------------------------------------------------------------------------------------


class PlanIn(Schema):
    unit_id: int
    year: int
    title: str
    content: str = ""
    planned_sessions: int = 0
    target_hours: Decimal | None = None


class PlanOut(Schema):
    id: int
    unit_id: int
    year: int
    title: str
    planned_sessions: int
    target_hours: Decimal


def _plan_out(p: TrainingPlan) -> dict[str, Any]:
    return {"id": p.pk, "unit_id": p.unit_id, "year": p.year, "title": p.title, "planned_sessions": p.planned_sessions,
            "target_hours": p.target_hours}


@router.get("/training/plans", response=list[PlanOut], summary="培训计划")
def plan_list(request, year: int | None = None):
    qs = selectors.plans_visible(request.user)
    if year:
        qs = qs.filter(year=year)
    return [_plan_out(p) for p in qs[:500]]


@router.post("/training/plans", response={201: PlanOut}, summary="保存年度培训计划（每单位每年一份）")
def plan_save(request, payload: PlanIn):
    data = payload.dict()
    plan = services.training_plan_save(actor=request.user, unit=_unit(data.pop("unit_id")), **data)
    return Status(201, _plan_out(plan))


class SessionIn(Schema):
    unit_id: int
    title: str
    method: str = Field(description="statute_study/expert_lecture/case_study/court_hearing/exam/other")
    held_on: date
    hours: Decimal
    is_centralized: bool = True
    location: str = ""
    lecturer: str = ""


class SessionOut(Schema):
    id: int
    unit_id: int
    title: str
    method: str
    held_on: date
    hours: Decimal
    is_centralized: bool
    attendance_count: int


def _session_out(s: TrainingSession) -> dict[str, Any]:
    return {"id": s.pk, "unit_id": s.unit_id, "title": s.title, "method": s.method, "held_on": s.held_on,
            "hours": s.hours, "is_centralized": s.is_centralized, "attendance_count": s.attendances.count()}


@router.get("/training/sessions", response=list[SessionOut], summary="培训场次")
def session_list(request, year: int | None = None):
    qs = selectors.sessions_visible(request.user)
    if year:
        qs = qs.filter(held_on__year=year)
    return [_session_out(s) for s in qs[:500]]


@router.post("/training/sessions", response={201: SessionOut}, summary="登记培训场次")
def session_create(request, payload: SessionIn):
    data = payload.dict()
    unit = _unit(data.pop("unit_id"))
    plan = selectors.plans_visible(request.user).filter(unit=unit, year=data["held_on"].year).first()
    return Status(201, _session_out(services.training_session_create(actor=request.user, unit=unit, plan=plan, **data)))


class AttendanceItem(Schema):
    officer_id: int
    hours: Decimal | None = None


class AttendanceIn(Schema):
    entries: list[AttendanceItem]


@router.post("/training/sessions/{session_id}/attendance", response=SessionOut,
             summary="登记参训人员学时（含辅助人员；整批校验，有错则全部不登记）")
def session_attendance(request, session_id: int, payload: AttendanceIn):
    session = selectors.session_get(request.user, session_id)
    officers = {o.pk: o for o in selectors.officers_visible(request.user).filter(
        pk__in=[e.officer_id for e in payload.entries])}
    unknown = [{"row": i, "field": "officer_id", "message": "未找到该人员（或不在您的管理范围内）。"}
               for i, e in enumerate(payload.entries, start=1) if e.officer_id not in officers]
    if unknown:
        raise InvalidInput(f"共有{len(unknown)}处错误，本批学时均未登记，请修改后重新提交。", details=unknown)
    entries = [services.AttendanceEntry(officer=officers[e.officer_id], hours=e.hours) for e in payload.entries]
    services.training_attendance_record(actor=request.user, session=session, entries=entries)
    return _session_out(session)


class UnitComplianceOut(Schema):
    unit_id: int
    unit_name: str
    people: int
    compliant: int
    short: int
    behind_pace: int
    rate: int


class ComplianceOut(Schema):
    year: int
    target: Decimal
    expected_to_date: Decimal
    units: list[UnitComplianceOut]


@router.get("/training/compliance", response=ComplianceOut, summary="学时达标情况（按单位；全年目标与截至今日的进度）")
def training_compliance(request, year: int | None = None):
    today = _today()
    year = year or today.year
    target, expected, rows = selectors.training_by_unit(request.user, year=year, on=min(today, date(year, 12, 31)))
    return {"year": year, "target": target, "expected_to_date": expected, "units": [
        {"unit_id": r.unit_id, "unit_name": r.unit_name, "people": r.compliance.people, "compliant": r.compliance.compliant,
         "short": r.compliance.short, "behind_pace": r.compliance.behind_pace, "rate": r.compliance.rate} for r in rows]}


# --- closed-book tests -------------------------------------------------------------------------------


class ClosedBookTestIn(Schema):
    title: str
    held_on: date
    pass_score: Decimal | None = None


class ResultOut(Schema):
    officer_id: int
    officer_name: str
    attempt: int
    taken_on: date
    score: Decimal
    passed: bool


class ClosedBookTestOut(Schema):
    id: int
    title: str
    held_on: date
    pass_score: Decimal
    notice_number: str | None
    results: list[ResultOut]


def _closed_book_test_out(request, t: ClosedBookTest) -> dict[str, Any]:
    results = selectors.closed_book_results_visible(request.user, t).order_by("officer_id", "attempt")
    return {"id": t.pk, "title": t.title, "held_on": t.held_on, "pass_score": t.pass_score,
            "notice_number": t.notice_document.number if t.notice_document_id else None,
            "results": [_result_out(r) for r in results]}


def _result_out(r: ClosedBookResult) -> dict[str, Any]:
    return {"officer_id": r.officer_id, "officer_name": r.officer.name, "attempt": r.attempt, "taken_on": r.taken_on,
            "score": r.score, "passed": r.passed}


class ScoreItem(Schema):
    officer_id: int
    score: Decimal


class ResultsIn(Schema):
    entries: list[ScoreItem]


class RetakeIn(Schema):
    officer_id: int
    score: Decimal
    taken_on: date


@router.get("/tests", response=list[ClosedBookTestOut], summary="全区执法能力闭卷测试")
def closed_book_test_list(request):
    return [_closed_book_test_out(request, t) for t in selectors.tests_visible(request.user)[:100]]


@router.post("/tests", response={201: ClosedBookTestOut}, summary="组织闭卷测试（监督机构）")
def closed_book_test_create(request, payload: ClosedBookTestIn):
    return Status(201, _closed_book_test_out(request, services.closed_book_test_create(actor=request.user, **payload.dict())))


@router.get("/tests/{test_id}", response=ClosedBookTestOut, summary="测试及成绩")
def closed_book_test_detail(request, test_id: int):
    return _closed_book_test_out(request, selectors.closed_book_test_get(request.user, test_id))


@router.post("/tests/{test_id}/results", response=ClosedBookTestOut, summary="登记首次成绩（整批校验）")
def closed_book_test_results(request, test_id: int, payload: ResultsIn):
    test = selectors.closed_book_test_get(request.user, test_id)
    officers = {o.pk: o for o in selectors.officers_visible(request.user).filter(
        pk__in=[e.officer_id for e in payload.entries])}
    unknown = [{"row": i, "field": "officer_id", "message": "未找到该人员（或不在您的管理范围内）。"}
               for i, e in enumerate(payload.entries, start=1) if e.officer_id not in officers]
    if unknown:
        raise InvalidInput(f"共有{len(unknown)}处错误，本批成绩均未登记，请修改后重新提交。", details=unknown)
    services.closed_book_test_record_results(actor=request.user, test=test, entries=[
        services.ScoreEntry(officer=officers[e.officer_id], score=e.score, row=i) for i, e in enumerate(payload.entries, 1)])
    return _closed_book_test_out(request, test)


@router.post("/tests/{test_id}/retakes", response=ResultOut, summary="登记补考成绩（补考仍不合格依规暂扣）")
def closed_book_test_retake(request, test_id: int, payload: RetakeIn):
    test = selectors.closed_book_test_get(request.user, test_id)
    result = services.closed_book_test_record_retake(actor=request.user, test=test,
                                                     officer=_officer(request, payload.officer_id),
                                                     score=payload.score, taken_on=payload.taken_on)
    return _result_out(result)


@router.post("/tests/{test_id}/notice", response={201: DocumentOut}, summary="印发不合格人员全区通报")
def closed_book_test_notice(request, test_id: int):
    test = selectors.closed_book_test_get(request.user, test_id)
    d = services.closed_book_test_publish_notice(actor=request.user, test=test)
    return Status(201, {"id": d.pk, "number": d.number, "kind": d.kind, "kind_label": d.kind_label, "title": d.title,
                        "issued_at": d.issued_at, "download_url": f"/documents/{d.pk}/download/"})


# --- public check -----------------------------------------------------------------------------------


class PublicCertificateOut(Schema):
    number: str
    name: str
    unit: str
    status: str
    status_label: str
    issuer: str
    issued_on: date
    valid_until: date


@router.get("/public/certificate-check", response=PublicCertificateOut, auth=None,
            summary="公众核验执法证（证号 → 姓名、单位、状态、有效期；限频）")
def public_certificate_check(request, number: str):
    from jiandu.core.errors import DomainError
    from jiandu.personnel.views.public import allow_lookup

    if not allow_lookup(request):
        raise DomainError("rate_limited", "查询过于频繁，请稍后再试。", status=429)
    found = selectors.public_certificate(number, on=_today())
    if found is None:
        raise NotFound("未查询到该证件编号，请核对后重新输入。")
    return found
