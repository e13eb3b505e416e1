"""HTTP API of the cases app, mounted at /api/v1/cases/ (R-PLT-6): the officers' app and other
systems do everything the pages do. Handlers: parse → one selector or service → schema."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlparse

from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from jiandu.cases import rules, selectors, services
from jiandu.cases.models import Case, CasePause, Challenge, Disclosure, Evidence, LegalReview, PostEvaluation
from jiandu.core import scope
from jiandu.core.errors import NotFound
from jiandu.organization.models import Unit
from jiandu.personnel.models import Officer
from jiandu.standards.models import EnforcementItem

try:  # django-ninja ≥ 1.6 wants Status(...) instead of a (status, body) tuple
    from ninja import Status
except ImportError:  # pragma: no cover - older django-ninja
    def Status(code, body):  # noqa: N802
        return code, body

router = Router(tags=["执法案件"])


# --- schemas ---------------------------------------------------------------------------------------


class PartyIn(Schema):
    kind: str
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""
    legal_representative: str = ""


class CaseIn(Schema):
    unit_id: int
    kind: str
    item_id: int
    procedure: str = "general"
    title: str
    party: PartyIn
    filed_on: date
    officer_ids: list[int]
    lead_officer_id: int | None = None
    is_major: bool = False
    facts: str = ""
    violation_ended_on: date | None = None
    discovered_on: date | None = None
    harm_to_life_or_finance: bool = False
    circumstance: str = ""


class CaseRow(Schema):
    id: int
    number: str
    title: str
    kind: str
    procedure: str
    status: str
    status_label: str
    unit_id: int
    unit_name: str
    party_name: str
    filed_on: date
    decided_on: date | None
    next_due_on: date | None
    fine_amount: Decimal | None
    is_major: bool
    flags: list[str]


class CasePage(Schema):
    items: list[CaseRow]
    next_after: str | None
    count: int | None
    count_is_estimate: bool


class DeadlineOut(Schema):
    id: int
    case_id: int
    kind: str
    label: str
    starts_on: date
    days: int
    counting: str
    extension_days: int
    due_on: date | None
    status: str
    done_on: date | None
    legal_reference: str
    note: str


class StepOut(Schema):
    action: str
    label: str
    from_status: str
    to_status: str
    occurred_on: date
    officer_ids: list[int]
    note: str
    data: dict


class CheckOut(Schema):
    code: str
    label: str
    level: str
    ok: bool
    reason: str


class ReviewOut(Schema):
    id: int
    case_id: int
    case_number: str
    status: str
    requested_on: date
    proposed_penalties: list[str]
    proposed_fine: Decimal | None
    circumstance: str
    conclusion: str
    opinion: str
    reviewed_on: date | None
    reviewer: str
    checks: list[CheckOut]
    outside_benchmark: bool


class EvidenceOut(Schema):
    id: int
    kind: str
    title: str
    original_name: str
    size: int
    sha256: str
    collected_on: date | None
    added_after_decision: bool
    removed: bool
    verified_ok: bool | None


class CaseDetail(CaseRow):
    item_id: int
    item_name: str
    facts: str
    outcome: str
    penalties: list[str]
    decision_number: str
    parties: list[PartyIn]
    officers: list[dict]
    deadlines: list[DeadlineOut]
    steps: list[StepOut]
    reviews: list[ReviewOut]
    evidence: list[EvidenceOut]
    disclosures: list[dict]
    allowed_actions: list[dict]


def _row(c: Case) -> dict[str, Any]:
    return {
        "id": c.id, "number": c.number, "title": c.title, "kind": c.kind, "procedure": c.procedure, "status": c.status,
        "status_label": c.get_status_display(), "unit_id": c.unit_id, "unit_name": c.unit.display_name,
        "party_name": c.party_name, "filed_on": c.filed_on, "decided_on": c.decided_on, "next_due_on": c.next_due_on,
        "fine_amount": c.fine_amount, "is_major": c.is_major, "flags": c.flags,
    }


def _deadline(d) -> dict[str, Any]:
    return {"id": d.id, "case_id": d.case_id, "kind": d.kind, "label": d.get_kind_display(), "starts_on": d.starts_on,
            "days": d.days, "counting": d.counting, "extension_days": d.extension_days, "due_on": d.due_on, "status": d.status,
            "done_on": d.done_on, "legal_reference": d.legal_reference, "note": d.note}


def _review(r: LegalReview) -> dict[str, Any]:
    return {"id": r.id, "case_id": r.case_id, "case_number": r.case.number, "status": r.status, "requested_on": r.requested_on,
            "proposed_penalties": r.proposed_penalties, "proposed_fine": r.proposed_fine, "circumstance": r.circumstance,
            "conclusion": r.conclusion, "opinion": r.opinion, "reviewed_on": r.reviewed_on,
            "reviewer": r.reviewer.display_name if r.reviewer_id else "", "checks": r.checks,
            "outside_benchmark": r.outside_benchmark}


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"id": e.id, "kind": e.kind, "title": e.title, "original_name": e.original_name, "size": e.size, "sha256": e.sha256,
            "collected_on": e.collected_on, "added_after_decision": e.added_after_decision, "removed": e.removed_at is not None,
            "verified_ok": e.verified_ok}


def _detail(request, case: Case) -> dict[str, Any]:
    d = selectors.case_detail(case)
    flow = rules.flow_of(case.kind, case.procedure)
    return {
        **_row(case), "item_id": case.item_id, "item_name": case.item.name, "facts": case.facts, "outcome": case.outcome,
        "penalties": case.penalties, "decision_number": case.decision_number,
        "parties": [{"kind": p.kind, "name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address,
                     "legal_representative": p.legal_representative} for p in d["parties"]],
        "officers": [{"officer_id": a.officer_id, "name": a.officer.name, "role": a.role, "assigned_on": a.assigned_on,
                      "released_on": a.released_on, "flagged_reason": a.flagged_reason} for a in d["assignments"]],
        "deadlines": [_deadline(x) for x in d["deadlines"]],
        "steps": [{"action": s.action, "label": rules.ACTION_LABELS.get(s.action, "立案" if s.action == "file" else s.action),
                   "from_status": s.from_status, "to_status": s.to_status, "occurred_on": s.occurred_on,
                   "officer_ids": s.officer_ids, "note": s.note, "data": s.data} for s in d["steps"]],
        "reviews": [_review(r) for r in d["reviews"]],
        "evidence": [_evidence(e) for e in d["evidence"]],
        "disclosures": [{"id": x.id, "status": x.status, "due_on": x.due_on, "published_on": x.published_on,
                         "is_late": x.is_late, "withdrawn_on": x.withdrawn_on} for x in d["disclosures"]],
        "allowed_actions": [{"action": a, "label": t.label} for a, t in rules.actions_from(flow, case.status)
                            if any(scope.has_permission(request.user, p) for p in t.permissions)],
    }


# --- cases -------------------------------------------------------------------------------------------


@router.get("/cases", response=CasePage, summary="案件列表（键集分页，不做精确计数）")
def case_list(request, unit: int | None = None, kind: str = "", status: str = "", procedure: str = "",
              overdue: bool = False, flagged: bool = False, major: bool = False, q: str = "", after: str = "",
              per_page: int = 20):
    filters = selectors.CaseFilters(unit=unit, kind=kind if kind in Case.Kind.values else "",
                                    status=status if status in Case.Status.values else "",
                                    procedure=procedure if procedure in Case.Procedure.values else "",
                                    overdue=overdue, flagged=flagged, major=major, q=q.strip()[:60])
    qs = selectors.case_list(request.user, filters).select_related("unit")
    page = selectors.case_page(request, qs, per_page=max(1, min(per_page, 100)))
    next_after = parse_qs(urlparse(page.next_url).query).get("after", [None])[0] if page.next_url else None
    count, estimated = (None, False) if after else selectors.estimate_count(qs)
    return {"items": [_row(c) for c in page.items], "next_after": next_after, "count": count, "count_is_estimate": estimated}


@router.post("/cases", response={201: CaseDetail}, summary="立案（受理）")
def case_create(request, payload: CaseIn):
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    item = EnforcementItem.objects.filter(pk=payload.item_id).first()
    case = services.case_create(
        actor=request.user, unit=unit, kind=payload.kind, item=item, procedure=payload.procedure, title=payload.title,
        party=payload.party.dict(), filed_on=payload.filed_on, officer_ids=payload.officer_ids,
        lead_officer_id=payload.lead_officer_id, is_major=payload.is_major, facts=payload.facts,
        violation_ended_on=payload.violation_ended_on, discovered_on=payload.discovered_on,
        harm_to_life_or_finance=payload.harm_to_life_or_finance, circumstance=payload.circumstance,
    )
    return Status(201, _detail(request, selectors.case_get(request.user, case.pk)))


@router.get("/cases/{case_id}", response=CaseDetail, summary="案件详情（含环节、期限、审核、记录）")
def case_detail(request, case_id: int):
    return _detail(request, selectors.case_get(request.user, case_id))


class StepIn(Schema):
    action: str
    occurred_on: date
    officer_ids: list[int] | None = None
    note: str = ""
    hearing_rights_notified: bool | None = None
    hearing_waived: bool | None = None
    hearing_notice_on: date | None = None
    hearing_on: date | None = None
    hearing_held_on: date | None = None
    chair: str | None = None
    proposed_penalties: list[str] | None = None
    proposed_fine: Decimal | None = None
    illegal_gain: Decimal | None = None
    goods_value: Decimal | None = None
    circumstance: str | None = None
    submission_note: str | None = None
    outcome: str | None = None
    penalties: list[str] | None = None
    fine_amount: Decimal | None = None
    confiscated_amount: Decimal | None = None
    decision_number: str | None = None
    decision_text: str | None = None
    legal_basis: str | None = None
    approval: str | None = None
    paid_on: date | None = None
    method: str | None = None
    reason: str | None = None


@router.post("/cases/{case_id}/steps", response=CaseDetail, summary="办理环节（按流转表；决定前须法制审核）")
def case_step(request, case_id: int, payload: StepIn):
    case = selectors.case_get(request.user, case_id)
    fields = {k: v for k, v in payload.dict().items() if v is not None and k not in ("action", "occurred_on", "officer_ids", "note")}
    services.case_step(actor=request.user, case=case, action=payload.action, occurred_on=payload.occurred_on,
                       officer_ids=payload.officer_ids, note=payload.note, **fields)
    return _detail(request, selectors.case_get(request.user, case_id))


class AssignIn(Schema):
    officer_id: int
    assigned_on: date
    role: str = "assist"


@router.post("/cases/{case_id}/officers", response=CaseDetail, summary="指派执法人员（须持有效执法证）")
def case_assign(request, case_id: int, payload: AssignIn):
    case = selectors.case_get(request.user, case_id)
    officer = Officer.objects.filter(pk=payload.officer_id, unit=case.unit).first()
    if officer is None:
        raise NotFound("执法人员不存在或不属于本单位。")
    services.case_assign_officer(actor=request.user, case=case, officer=officer, assigned_on=payload.assigned_on, role=payload.role)
    return _detail(request, selectors.case_get(request.user, case_id))


class PauseIn(Schema):
    reason: str
    started_on: date
    note: str = ""


class PauseEndIn(Schema):
    ended_on: date


@router.post("/cases/{case_id}/pauses", response=CaseDetail, summary="期限中止（听证、检测、鉴定等不计入期限）")
def pause_start(request, case_id: int, payload: PauseIn):
    case = selectors.case_get(request.user, case_id)
    services.case_pause_start(actor=request.user, case=case, reason=payload.reason, started_on=payload.started_on, note=payload.note)
    return _detail(request, selectors.case_get(request.user, case_id))


@router.post("/pauses/{pause_id}/end", response=CaseDetail, summary="期限恢复计算")
def pause_end(request, pause_id: int, payload: PauseEndIn):
    pause = scope.get_visible(CasePause.objects.select_related("case"), request.user, id=pause_id)
    services.case_pause_end(actor=request.user, pause=pause, ended_on=payload.ended_on)
    return _detail(request, selectors.case_get(request.user, pause.case_id))


# --- legal review ----------------------------------------------------------------------------------


@router.get("/reviews", response=list[ReviewOut], summary="法制审核待办")
def review_queue(request):
    return [_review(r) for r in selectors.review_queue(request.user)[:200]]


@router.get("/reviews/{review_id}/checks", response=list[CheckOut], summary="审核前预览自动校验结果")
def review_preview(request, review_id: int):
    review = selectors.review_get(request.user, review_id)
    return [c.as_dict() for c in services.review_checks(review.case, review, date.today())]


class OpinionIn(Schema):
    conclusion: str
    opinion: str
    reviewed_on: date


@router.post("/reviews/{review_id}", response=ReviewOut, summary="出具书面法制审核意见")
def review_record(request, review_id: int, payload: OpinionIn):
    review = selectors.review_get(request.user, review_id)
    review = services.legal_review_record(actor=request.user, review=review, conclusion=payload.conclusion,
                                          opinion=payload.opinion, reviewed_on=payload.reviewed_on)
    return _review(review)


# --- evidence ----------------------------------------------------------------------------------------


@router.post("/cases/{case_id}/evidence", response={201: EvidenceOut}, summary="上传执法全过程记录（SHA-256）")
def evidence_add(request, case_id: int, file: UploadedFile = File(...), kind: str = Form(...), title: str = Form(...),
                 collected_on: date | None = Form(None)):
    case = selectors.case_get(request.user, case_id)
    evidence = services.evidence_add(actor=request.user, case=case, kind=kind, title=title, upload=file,
                                     collected_on=collected_on)
    return Status(201, _evidence(evidence))


class RemoveIn(Schema):
    reason: str


@router.post("/evidence/{evidence_id}/remove", response=EvidenceOut, summary="撤回记录（决定后拒绝并记入审计）")
def evidence_remove(request, evidence_id: int, payload: RemoveIn):
    evidence = scope.get_visible(Evidence.objects.select_related("case"), request.user, id=evidence_id)
    return _evidence(services.evidence_remove(actor=request.user, evidence=evidence, reason=payload.reason))


class VerifyOut(Schema):
    checked: int
    ok: int
    tampered: list[dict]
    missing: list[dict]


@router.post("/cases/{case_id}/evidence/verify", response=VerifyOut, summary="校验全部记录的 SHA-256")
def evidence_verify(request, case_id: int):
    report = services.evidence_verify(actor=request.user, case=selectors.case_get(request.user, case_id))
    return {"checked": report.checked, "ok": report.ok, "tampered": report.tampered, "missing": report.missing}


# --- disclosure, evaluation, challenges --------------------------------------------------------------


class PublishIn(Schema):
    published_on: date | None = None


class WithdrawIn(Schema):
    reason: str
    withdrawn_on: date | None = None


class DisclosureOut(Schema):
    id: int
    case_id: int
    status: str
    due_on: date | None
    published_on: date | None
    is_late: bool
    party_display: str
    withdraw_due_on: date | None
    withdrawn_on: date | None
    withdraw_reason: str


@router.post("/disclosures/{disclosure_id}/publish", response=DisclosureOut, summary="公示决定（个人信息脱敏）")
def disclosure_publish(request, disclosure_id: int, payload: PublishIn):
    d = scope.get_visible(Disclosure.objects.select_related("case"), request.user, id=disclosure_id)
    return services.disclosure_publish(actor=request.user, disclosure=d, published_on=payload.published_on)


@router.post("/disclosures/{disclosure_id}/withdraw", response=DisclosureOut, summary="撤回公示并说明理由")
def disclosure_withdraw(request, disclosure_id: int, payload: WithdrawIn):
    d = scope.get_visible(Disclosure.objects.select_related("case"), request.user, id=disclosure_id)
    return services.disclosure_withdraw(actor=request.user, disclosure=d, reason=payload.reason, withdrawn_on=payload.withdrawn_on)


class EvaluationIn(Schema):
    rating: str
    opinion: str
    evaluated_on: date


@router.post("/evaluations/{evaluation_id}", summary="执法后评估意见")
def evaluation_record(request, evaluation_id: int, payload: EvaluationIn):
    ev = scope.get_visible(PostEvaluation.objects.select_related("case"), request.user, id=evaluation_id)
    ev = services.post_evaluation_record(actor=request.user, evaluation=ev, rating=payload.rating, opinion=payload.opinion,
                                         evaluated_on=payload.evaluated_on)
    return {"id": ev.id, "status": ev.status, "rating": ev.rating, "evaluated_on": ev.evaluated_on}


class ChallengeIn(Schema):
    kind: str
    body: str
    filed_on: date
    reference: str = ""
    note: str = ""


class OutcomeIn(Schema):
    outcome: str
    decided_on: date
    note: str = ""


class ChallengeOut(Schema):
    id: int
    case_id: int
    kind: str
    body: str
    filed_on: date
    reference: str
    outcome: str
    decided_on: date | None
    is_correction: bool


@router.post("/cases/{case_id}/challenges", response={201: ChallengeOut}, summary="登记行政复议或行政诉讼")
def challenge_record(request, case_id: int, payload: ChallengeIn):
    case = selectors.case_get(request.user, case_id)
    return Status(201, services.challenge_record(actor=request.user, case=case, **payload.dict()))


@router.post("/challenges/{challenge_id}/outcome", response=ChallengeOut, summary="登记复议决定或裁判结果")
def challenge_decide(request, challenge_id: int, payload: OutcomeIn):
    ch = scope.get_visible(Challenge.objects.select_related("case"), request.user, id=challenge_id)
    return services.challenge_decide(actor=request.user, challenge=ch, **payload.dict())


@router.get("/stats/correction-rate", summary="复议诉讼纠错率")
def correction_rate(request, year: int, unit: int | None = None):
    unit_obj = scope.get_visible(Unit.objects.all(), request.user, area="cases", id=unit) if unit else None
    return selectors.correction_rate(request.user, year=year, unit=unit_obj)


# --- an officer's work ---------------------------------------------------------------------------------


@router.get("/my/cases", response=list[CaseRow], summary="我的案件（在办在前）")
def my_cases(request):
    qs = selectors.my_cases(request.user).order_by("closed_on", "-filed_on", "-id")[:200]
    return [_row(c) for c in qs]


@router.get("/my/deadlines", response=list[DeadlineOut], summary="我的期限（最近在前）")
def my_deadlines(request):
    return [_deadline(d) for d in selectors.my_deadlines(request.user)[:200]]


# --- bulk intake ------------------------------------------------------------------------------------------


class ImportIn(Schema):
    source_system: str
    rows: list[dict[str, Any]]


class BatchOut(Schema):
    id: int
    source_system: str
    channel: str
    status: str
    digest: str
    total_rows: int
    created_count: int
    skipped_count: int
    errors: Any = None
    seconds: float | None


@router.post("/imports", response={201: BatchOut}, summary="批量导入案件（幂等；整批校验，一行有误整批不导入）")
def import_cases(request, payload: ImportIn):
    batch = services.case_import(actor=request.user, source_system=payload.source_system, rows=payload.rows, channel="api")
    return Status(201, batch)


@router.get("/imports/{batch_id}", response=BatchOut, summary="导入批次结果")
def import_batch(request, batch_id: int):
    return scope.get_visible(selectors.import_batches(request.user), request.user, id=batch_id)
