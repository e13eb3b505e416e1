"""Clue referrals, training and closed-book tests (R-PER-8, R-PER-9, R-PER-10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema, Status

from jiandu.core.errors import InvalidInput
from jiandu.personnel import selectors, services
from jiandu.personnel.api._common import (
    DocumentOut,
    _officer,
    _today,
    _unit,
)
from jiandu.personnel.models import (
    ClosedBookResult,
    ClosedBookTest,
    Referral,
    TrainingPlan,
    TrainingSession,
)

router = Router(tags=["执法队伍：培训、测试与线索移送"])


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
    return Status(201, _session_out(services.training_session_create(actor=request.user, unit=unit, **data)))


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
