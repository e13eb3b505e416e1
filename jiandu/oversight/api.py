"""HTTP API of the supervision app under /api/v1/oversight/ (R-PLT-6, R-SUP-1…8).

Handlers parse, call one service or selector, and answer a schema. Reads are scoped like the
pages (404 when out of scope, as for a missing record); refusals are ``{"code","message","details"}``.
Two endpoints are public (no authentication): the tracking-code lookup and the draw verification.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Body, Router, Schema

from jiandu.cases.models import Case
from jiandu.core import scope
from jiandu.core.errors import NotFound
from jiandu.organization.models import Unit
from jiandu.oversight import selectors
from jiandu.oversight.models import Complaint, ReviewFile
from jiandu.oversight.rules import draw as draw_rules
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.services import inspections as ins
from jiandu.oversight.services import letters as ls
from jiandu.oversight.services import rectifications as rs
from jiandu.oversight.services import reviews as rv
from jiandu.oversight.services import supervision as ss

router = Router(tags=["执法监督"])

try:  # django-ninja ≥ 1.5 wants an explicit Status; older versions take a (status, body) tuple
    from ninja.responses import Status as _Status
except ImportError:  # pragma: no cover - depends on the installed version
    def _Status(code: int, value):  # type: ignore[no-redef]
        return code, value


def _created(value):
    return _Status(201, value)


def _unit(user, unit_id: int) -> Unit:
    """A unit the caller may act on (out of scope: 404)."""
    return scope.get_visible(Unit.objects.all(), user, area="oversight", id=unit_id)


def _page(qs, limit: int, offset: int):
    limit = max(1, min(limit, 200))
    return list(qs[offset: offset + limit])


# --- complaints (R-SUP-1, R-SUP-7) -------------------------------------------------------------------


class ComplaintOut(Schema):
    id: int
    number: str
    kind: str
    channel: str
    status: str
    status_label: str
    title: str
    subject_unit_id: int | None
    unit_id: int
    handling_body: str | None
    received_on: date
    accept_due_on: date
    accepted_on: date | None
    handle_due_on: date | None
    assigned_on: date | None
    handled_on: date | None
    finding: str
    reply_due_on: date | None
    replied_on: date | None
    reply: str
    current_due_on: date | None
    late: bool


def _complaint(c: Complaint) -> dict[str, Any]:
    return {
        "id": c.id, "number": c.number, "kind": c.kind, "channel": c.channel, "status": c.status,
        "status_label": c.get_status_display(), "title": c.title, "subject_unit_id": c.subject_unit_id,
        "unit_id": c.unit_id, "handling_body": c.handling_body.name if c.handling_body_id else None,
        "received_on": c.received_on, "accept_due_on": c.accept_due_on, "accepted_on": c.accepted_on,
        "handle_due_on": c.handle_due_on, "assigned_on": c.assigned_on, "handled_on": c.handled_on,
        "finding": c.finding, "reply_due_on": c.reply_due_on, "replied_on": c.replied_on, "reply": c.reply,
        "current_due_on": c.current_due_on, "late": c.is_late,
    }


class ComplaintIn(Schema):
    channel: str
    kind: str
    anonymous: bool = False
    filer_name: str = ""
    filer_phone: str = ""
    filer_address: str = ""
    subject_unit_id: int
    title: str
    content: str
    request: str = ""
    occurred_on: date | None = None
    received_on: date | None = None


class ComplaintCreated(Schema):
    complaint: ComplaintOut
    tracking_code: str


class NoteIn(Schema):
    note: str = ""
    on: date | None = None


class ReasonIn(Schema):
    reason: str
    on: date | None = None


class AssignIn(Schema):
    unit_id: int
    on: date | None = None


class HandleIn(Schema):
    finding: str
    result: str
    on: date | None = None


class ReplyIn(Schema):
    reply: str
    on: date | None = None


@router.get("/complaints", response=list[ComplaintOut], summary="投诉举报列表（可按状态、类别、渠道、单位、超期筛选）")
def complaint_list(request, status: str = "", kind: str = "", channel: str = "", unit: str = "", overdue: bool = False,
                   q: str = "", limit: int = 50, offset: int = 0):
    params = {"status": status, "kind": kind, "channel": channel, "unit": unit, "overdue": overdue, "q": q}
    qs = selectors.filter_complaints(selectors.complaints_visible(request.user), params, timezone.localdate())
    return [_complaint(c) for c in _page(qs.order_by("-received_on", "-id"), limit, offset)]


@router.get("/complaints/summary", summary="投诉举报按状态统计及超期数")
def complaint_summary(request):
    s = selectors.complaint_summary(request.user, timezone.localdate())
    return {"states": {v: n for v, _, n in s["states"]}, "overdue": s["overdue"], "open": s["open"]}


@router.get("/complaints/{complaint_id}", response=ComplaintOut, summary="投诉举报详情")
def complaint_detail(request, complaint_id: int):
    return _complaint(selectors.complaint_get(request.user, complaint_id))


@router.post("/complaints", response={201: ComplaintCreated}, summary="登记电话、来信、来访、12345 转办的投诉举报")
def complaint_register(request, payload: ComplaintIn):
    data = payload.dict()
    unit = _unit(request.user, data.pop("subject_unit_id"))
    complaint, code = cs.complaint_register(actor=request.user, subject_unit=unit, **data)
    return _created({"complaint": _complaint(complaint), "tracking_code": code})


@router.post("/complaints/{complaint_id}/accept", response=ComplaintOut, summary="受理")
def complaint_accept(request, complaint_id: int, payload: NoteIn):
    c = selectors.complaint_get(request.user, complaint_id)
    return _complaint(cs.complaint_accept(complaint=c, actor=request.user, note=payload.note, on=payload.on))


@router.post("/complaints/{complaint_id}/reject", response=ComplaintOut, summary="不予受理（理由告知投诉举报人）")
def complaint_reject(request, complaint_id: int, payload: ReasonIn):
    c = selectors.complaint_get(request.user, complaint_id)
    return _complaint(cs.complaint_reject(complaint=c, actor=request.user, reason=payload.reason, on=payload.on))


@router.post("/complaints/{complaint_id}/assign", response=ComplaintOut, summary="交办（转至承担投诉举报受理职责的法制机构）")
def complaint_assign(request, complaint_id: int, payload: AssignIn):
    c = selectors.complaint_get(request.user, complaint_id)
    unit = _unit(request.user, payload.unit_id)
    return _complaint(cs.complaint_assign(complaint=c, actor=request.user, unit=unit, on=payload.on))


@router.post("/complaints/{complaint_id}/handle", response=ComplaintOut, summary="办结（核查结论与办理情况）")
def complaint_handle(request, complaint_id: int, payload: HandleIn):
    c = selectors.complaint_get(request.user, complaint_id)
    return _complaint(cs.complaint_handle(complaint=c, actor=request.user, finding=payload.finding, result=payload.result,
                                          on=payload.on))


@router.post("/complaints/{complaint_id}/reply", response=ComplaintOut, summary="反馈（投诉举报人凭查询码可见）")
def complaint_reply(request, complaint_id: int, payload: ReplyIn):
    c = selectors.complaint_get(request.user, complaint_id)
    return _complaint(cs.complaint_reply(complaint=c, actor=request.user, reply=payload.reply, on=payload.on))


class TrackIn(Schema):
    code: str


class TrackOut(Schema):
    number: str
    kind: str
    title: str
    subject_unit: str
    received_on: date
    status: str
    status_label: str
    due_on: date | None
    steps: list[tuple[str, date | None]]
    finding: str
    reply: str
    replied_on: date | None
    rejection_reason: str


@router.post("/public/track", auth=None, response=TrackOut, summary="凭查询码查询办理进度（公开，限频）")
def public_track(request, payload: TrackIn):
    from jiandu.core.errors import DomainError
    from jiandu.oversight.views.public import TRACK_LIMIT, rate_limited

    if rate_limited(request, "track", TRACK_LIMIT):
        raise DomainError("rate_limited", "查询过于频繁，请十分钟后再试。", status=429)
    complaint = cs.complaint_by_code(payload.code)
    if complaint is None:
        raise NotFound("未找到与该查询码对应的投诉举报。")
    return cs.public_view(complaint)


class ObservationIn(Schema):
    title: str
    content: str
    unit_id: int | None = None
    occurred_on: date | None = None


@router.get("/observations", response=list[ComplaintOut], summary="我提交的监督意见（社会监督员）")
def observation_list(request, limit: int = 50, offset: int = 0):
    return [_complaint(c) for c in _page(selectors.observations_of(request.user).order_by("-received_on", "-id"), limit, offset)]


@router.post("/observations", response={201: ComplaintOut}, summary="社会监督员提交监督意见（进入投诉举报流程）")
def observation_submit(request, payload: ObservationIn):
    unit = get_object_or_404(Unit, pk=payload.unit_id) if payload.unit_id else None
    complaint, _ = cs.observation_submit(actor=request.user, title=payload.title, content=payload.content, unit=unit,
                                         occurred_on=payload.occurred_on)
    return _created(_complaint(complaint))


# --- opinion letters (R-SUP-2) ------------------------------------------------------------------------


class LetterOut(Schema):
    id: int
    number: str
    kind: str
    title: str
    unit_id: int
    source_type: str
    source_id: str
    source_label: str
    status: str
    issued_on: date
    reply_due_on: date
    replied_on: date | None
    reply: str
    follow_up_count: int
    closed_on: date | None
    document_id: int | None


def _letter(letter) -> dict[str, Any]:
    return {"id": letter.id, "number": letter.number, "kind": letter.kind, "title": letter.title, "unit_id": letter.unit_id,
            "source_type": letter.source_type, "source_id": letter.source_id, "source_label": letter.source_label,
            "status": letter.status, "issued_on": letter.issued_on, "reply_due_on": letter.reply_due_on,
            "replied_on": letter.replied_on, "reply": letter.reply, "follow_up_count": letter.follow_up_count,
            "closed_on": letter.closed_on, "document_id": letter.document_id}


class LetterIn(Schema):
    unit_id: int
    kind: str
    source_type: str
    source_id: str = ""
    source_label: str = ""
    title: str
    problems: str
    requirements: str
    open_rectification: bool = False


@router.get("/letters", response=list[LetterOut], summary="监督意见书（建议书）列表")
def letter_list(request, status: str = "", limit: int = 50, offset: int = 0):
    qs = selectors.letters_visible(request.user)
    if status:
        qs = qs.filter(status=status)
    return [_letter(x) for x in _page(qs.order_by("-issued_on", "-id"), limit, offset)]


@router.get("/letters/{letter_id}", response=LetterOut, summary="监督意见书详情")
def letter_detail(request, letter_id: int):
    return _letter(selectors.letter_get(request.user, letter_id))


@router.post("/letters", response={201: LetterOut}, summary="制发监督意见书（建议书）或行政复议意见书（建议书）")
def letter_issue(request, payload: LetterIn):
    data = payload.dict()
    unit = _unit(request.user, data.pop("unit_id"))
    return _created(_letter(ls.letter_issue(actor=request.user, unit=unit, **data)))


@router.post("/letters/{letter_id}/reply", response=LetterOut, summary="主送单位书面回复")
def letter_reply(request, letter_id: int, payload: ReplyIn):
    letter = selectors.letter_get(request.user, letter_id)
    return _letter(ls.letter_reply(letter=letter, actor=request.user, reply=payload.reply, on=payload.on))


@router.post("/letters/{letter_id}/close", response=LetterOut, summary="办结")
def letter_close(request, letter_id: int, payload: NoteIn):
    letter = selectors.letter_get(request.user, letter_id)
    return _letter(ls.letter_close(letter=letter, actor=request.user, note=payload.note, on=payload.on))


@router.post("/letters/{letter_id}/follow-up", response=LetterOut, summary="督办（要求重新回复）")
def letter_follow_up(request, letter_id: int, payload: ReasonIn):
    letter = selectors.letter_get(request.user, letter_id)
    return _letter(ls.letter_follow_up(letter=letter, actor=request.user, note=payload.reason, on=payload.on))


# --- rectification ledger (R-SUP-3) ---------------------------------------------------------------------


class RectificationOut(Schema):
    id: int
    number: str
    unit_id: int
    source_type: str
    source_id: str
    source_label: str
    problem: str
    found_on: date
    deadline: date
    status: str
    measures: str
    evidence: str
    submitted_on: date | None
    closed_on: date | None
    returned_count: int
    overdue: bool


def _rect(r) -> dict[str, Any]:
    today = timezone.localdate()
    return {"id": r.id, "number": r.number, "unit_id": r.unit_id, "source_type": r.source_type, "source_id": r.source_id,
            "source_label": r.source_label, "problem": r.problem, "found_on": r.found_on, "deadline": r.deadline,
            "status": r.status, "measures": r.measures, "evidence": r.evidence, "submitted_on": r.submitted_on,
            "closed_on": r.closed_on, "returned_count": r.returned_count,
            "overdue": r.status in ("open", "returned") and today > r.deadline}


class RectificationIn(Schema):
    unit_id: int
    source_type: str
    source_id: str = ""
    source_label: str = ""
    problem: str
    deadline: date | None = None


class SubmitIn(Schema):
    measures: str
    evidence: str
    on: date | None = None


class SendBackIn(Schema):
    reason: str
    new_deadline: date | None = None


class UnitLedgerOut(Schema):
    unit_id: int
    unit_name: str
    total: int
    open: int
    submitted: int
    overdue: int
    closed: int


@router.get("/rectifications", response=list[RectificationOut], summary="整改台账（各来源统一列表）")
def rectification_list(request, source: str = "", status: str = "", unit: str = "", overdue: bool = False,
                       limit: int = 50, offset: int = 0):
    params = {"source": source, "status": status, "unit": unit, "overdue": overdue}
    qs = selectors.filter_rectifications(selectors.rectifications_visible(request.user), params, timezone.localdate())
    return [_rect(r) for r in _page(qs.order_by("deadline", "id"), limit, offset)]


@router.get("/rectifications/by-unit", response=list[UnitLedgerOut], summary="各单位整改事项统计（含逾期数）")
def rectification_by_unit(request):
    return [r.__dict__ for r in selectors.ledger_by_unit(request.user, timezone.localdate())]


@router.get("/rectifications/{rectification_id}", response=RectificationOut, summary="整改事项详情")
def rectification_detail(request, rectification_id: int):
    return _rect(selectors.rectification_get(request.user, rectification_id))


@router.post("/rectifications", response={201: RectificationOut}, summary="列入整改台账（其他系统亦可调用）")
def rectification_open(request, payload: RectificationIn):
    data = payload.dict()
    unit = _unit(request.user, data.pop("unit_id"))
    return _created(_rect(rs.rectification_open(actor=request.user, unit=unit, **data)))


@router.post("/rectifications/{rectification_id}/submit", response=RectificationOut, summary="报送整改情况")
def rectification_submit(request, rectification_id: int, payload: SubmitIn):
    item = selectors.rectification_get(request.user, rectification_id)
    return _rect(rs.rectification_submit(rectification=item, actor=request.user, measures=payload.measures,
                                         evidence=payload.evidence, on=payload.on))


@router.post("/rectifications/{rectification_id}/close-out", response=RectificationOut, summary="销号（仅监督机构）")
def rectification_close_out(request, rectification_id: int, payload: NoteIn):
    item = selectors.rectification_get(request.user, rectification_id)
    return _rect(rs.rectification_close_out(rectification=item, actor=request.user, note=payload.note, on=payload.on))


@router.post("/rectifications/{rectification_id}/send-back", response=RectificationOut, summary="退回重新整改")
def rectification_send_back(request, rectification_id: int, payload: SendBackIn):
    item = selectors.rectification_get(request.user, rectification_id)
    return _rect(rs.rectification_send_back(rectification=item, actor=request.user, reason=payload.reason,
                                            new_deadline=payload.new_deadline))


# --- inspections and campaigns (R-SUP-4, R-SUP-5) --------------------------------------------------------


class InspectionOut(Schema):
    id: int
    year: int
    title: str
    status: str
    starts_on: date
    ends_on: date
    targets: list[int]
    published_on: date | None
    notice_number: str | None


def _inspection(i) -> dict[str, Any]:
    return {"id": i.id, "year": i.year, "title": i.title, "status": i.status, "starts_on": i.starts_on,
            "ends_on": i.ends_on, "targets": list(i.targets.values_list("unit_id", flat=True)),
            "published_on": i.published_on, "notice_number": i.notice_document.number if i.notice_document_id else None}


class InspectionIn(Schema):
    title: str
    year: int
    plan: str
    starts_on: date
    ends_on: date
    target_unit_ids: list[int]


class StepIn(Schema):
    unit_id: int
    kind: str
    summary: str
    done_on: date | None = None
    participants: str = ""


class FindingIn(Schema):
    unit_id: int
    problem: str
    deadline: date | None = None


class NoticeIn(Schema):
    notice_title: str
    notice_summary: str


class YearCountOut(Schema):
    year: int
    count: int
    minimum: int
    maximum: int | None
    status: str


@router.get("/inspections", response=list[InspectionOut], summary="法治督察列表")
def inspection_list(request, year: int | None = None):
    qs = selectors.inspections_visible(request.user)
    if year:
        qs = qs.filter(year=year)
    return [_inspection(i) for i in qs.select_related("notice_document")[:200]]


@router.get("/inspections/year-count", response=YearCountOut, summary="年度法治督察次数与参数（每年 1–2 次）")
def inspection_year_count(request, year: int):
    c = selectors.inspection_year_count(request.user, year, request.user.unit)
    return {"year": c.year, "count": c.count, "minimum": c.minimum, "maximum": c.maximum, "status": c.status}


@router.post("/inspections", response={201: InspectionOut}, summary="制定法治督察方案")
def inspection_plan(request, payload: InspectionIn):
    data = payload.dict()
    units = [_unit(request.user, pk) for pk in data.pop("target_unit_ids")]
    return _created(_inspection(ins.inspection_plan(actor=request.user, target_units=units, **data)))


@router.post("/inspections/{inspection_id}/steps", summary="记录一听二查三问四反环节")
def inspection_step(request, inspection_id: int, payload: StepIn):
    inspection = selectors.inspection_get(request.user, inspection_id)
    step = ins.inspection_record_step(inspection=inspection, actor=request.user, target_unit=_unit(request.user, payload.unit_id),
                                      kind=payload.kind, summary=payload.summary, done_on=payload.done_on,
                                      participants=payload.participants)
    return {"id": step.id, "kind": step.kind, "done_on": step.done_on}


@router.post("/inspections/{inspection_id}/findings", response={201: RectificationOut}, summary="登记督察发现的问题（列入整改台账）")
def inspection_finding(request, inspection_id: int, payload: FindingIn):
    inspection = selectors.inspection_get(request.user, inspection_id)
    return _created(_rect(ins.inspection_add_finding(inspection=inspection, actor=request.user,
                                                     target_unit=_unit(request.user, payload.unit_id),
                                                     problem=payload.problem, deadline=payload.deadline)))


@router.post("/inspections/{inspection_id}/conclude", response=InspectionOut, summary="完成督察")
def inspection_conclude(request, inspection_id: int):
    inspection = selectors.inspection_get(request.user, inspection_id)
    return _inspection(ins.inspection_conclude(inspection=inspection, actor=request.user))


@router.post("/inspections/{inspection_id}/publish", response=InspectionOut, summary="发布督察通报")
def inspection_publish(request, inspection_id: int, payload: NoticeIn):
    inspection = selectors.inspection_get(request.user, inspection_id)
    return _inspection(ins.inspection_publish(inspection=inspection, actor=request.user, **payload.dict()))


class CampaignIn(Schema):
    title: str
    year: int
    focus: list[str]
    description: str
    starts_on: date
    ends_on: date


class CampaignOut(Schema):
    id: int
    year: int
    title: str
    focus: list[str]
    status: str
    starts_on: date
    ends_on: date


def _campaign(c) -> dict[str, Any]:
    return {"id": c.id, "year": c.year, "title": c.title, "focus": c.focus, "status": c.status, "starts_on": c.starts_on,
            "ends_on": c.ends_on}


@router.get("/campaigns", response=list[CampaignOut], summary="专项整治列表")
def campaign_list(request):
    return [_campaign(c) for c in selectors.campaigns_visible(request.user)[:200]]


@router.post("/campaigns", response={201: CampaignOut}, summary="启动专项整治")
def campaign_launch(request, payload: CampaignIn):
    return _created(_campaign(ins.campaign_launch(actor=request.user, **payload.dict())))


@router.post("/campaigns/{campaign_id}/problems", response={201: RectificationOut}, summary="登记专项整治发现的问题")
def campaign_problem(request, campaign_id: int, payload: FindingIn):
    campaign = selectors.campaign_get(request.user, campaign_id)
    return _created(_rect(ins.campaign_add_problem(campaign=campaign, actor=request.user,
                                                   unit=_unit(request.user, payload.unit_id), problem=payload.problem,
                                                   deadline=payload.deadline)))


class SummaryIn(Schema):
    summary: str


@router.post("/campaigns/{campaign_id}/conclude", response=CampaignOut, summary="结束专项整治")
def campaign_conclude(request, campaign_id: int, payload: SummaryIn):
    campaign = selectors.campaign_get(request.user, campaign_id)
    return _campaign(ins.campaign_conclude(campaign=campaign, actor=request.user, summary=payload.summary))


# --- case-file review (R-SUP-6) ---------------------------------------------------------------------------


class ReviewOut(Schema):
    id: int
    year: int
    title: str
    status: str
    categories: list[str]
    rubric: dict
    seed: str
    sample_size: int | None
    population_digest: str
    draw: dict[str, list[int]] | None


def _review(r) -> dict[str, Any]:
    return {"id": r.id, "year": r.year, "title": r.title, "status": r.status, "categories": r.categories, "rubric": r.rubric,
            "seed": r.seed, "sample_size": r.sample_size, "population_digest": r.population_digest, "draw": r.draw_result}


class ReviewIn(Schema):
    year: int
    title: str
    self_review_due_on: date


class DrawIn(Schema):
    size: int
    seed: str | None = None


class SelfReviewIn(Schema):
    case_ids: list[int]
    score: Decimal | None = None
    problems: str = ""


class ScoreIn(Schema):
    failed_vetoes: list[str] = []
    awarded: dict[str, Decimal]
    problems: str = ""
    rectification_deadline: date | None = None


class ReviewFileOut(Schema):
    id: int
    case_id: int
    case_number: str
    unit_id: int
    category: str
    rank: int
    status: str
    total: Decimal | None
    grade: str
    failed_vetoes: list[str]
    rectification_id: int | None


def _file(f: ReviewFile) -> dict[str, Any]:
    return {"id": f.id, "case_id": f.case_id, "case_number": f.case.number, "unit_id": f.unit_id, "category": f.category,
            "rank": f.rank, "status": f.status, "total": f.total, "grade": f.grade, "failed_vetoes": f.failed_vetoes,
            "rectification_id": f.rectification_id}


class CoverageOut(Schema):
    unit_id: int
    unit_name: str
    files: int
    reviewed: int
    percent: Decimal | None


class VerifyOut(Schema):
    review_id: int
    seed: str
    sample_size: int
    draw_reproduced: bool
    population_unchanged: bool
    digest_matches_record: bool
    recorded_digest: str
    current_digest: str
    recomputed: dict[str, list[int]]
    changes: list[dict]


@router.get("/reviews", response=list[ReviewOut], summary="案卷评查列表")
def review_list(request):
    manage = scope.has_permission(request.user, "oversight.manage")
    qs = selectors.reviews_visible(request.user) if manage else selectors.reviews_for_unit(request.user)
    return [_review(r) for r in qs[:100]]


@router.post("/reviews", response={201: ReviewOut}, summary="启动年度案卷评查")
def review_launch(request, payload: ReviewIn):
    return _created(_review(rv.review_launch(actor=request.user, **payload.dict())))


@router.get("/reviews/{review_id}", response=ReviewOut, summary="案卷评查详情")
def review_detail(request, review_id: int):
    return _review(selectors.review_get(request.user, review_id))


@router.put("/reviews/{review_id}/rubric", response=ReviewOut, summary="修改评分标准（抽取前）")
def review_rubric(request, review_id: int, payload: dict = Body(...)):
    campaign = selectors.review_get(request.user, review_id)
    return _review(rv.review_rubric_set(campaign=campaign, actor=request.user, rubric=payload))


@router.get("/reviews/{review_id}/coverage", response=list[CoverageOut], summary="各单位自评覆盖率")
def review_coverage(request, review_id: int):
    campaign = selectors.review_get(request.user, review_id)
    return [c.__dict__ for c in rv.coverage_by_unit(campaign)]


@router.post("/reviews/{review_id}/self-reviews", summary="登记本单位案卷自评")
def review_self(request, review_id: int, payload: SelfReviewIn):
    campaign = selectors.reviews_for_unit(request.user).filter(pk=review_id).first()
    if campaign is None:
        raise NotFound()
    cases = list(scope.visible(Case.objects.filter(pk__in=payload.case_ids), request.user, area="oversight"))
    if len(cases) != len(set(payload.case_ids)):
        raise NotFound()
    count = rv.self_review_bulk(campaign=campaign, cases=cases, actor=request.user, score=payload.score,
                                problems=payload.problems)
    return {"recorded": count}


@router.post("/reviews/{review_id}/draw", response=ReviewOut, summary="随机抽取案卷（记录种子与抽取总体）")
def review_draw(request, review_id: int, payload: DrawIn):
    campaign = selectors.review_get(request.user, review_id)
    return _review(rv.review_draw(campaign=campaign, actor=request.user, size=payload.size, seed=payload.seed))


@router.get("/reviews/{review_id}/files", response=list[ReviewFileOut], summary="抽中的案卷及评分")
def review_files(request, review_id: int):
    return [_file(f) for f in scope.visible(ReviewFile.objects.filter(campaign_id=review_id), request.user)
            .select_related("case")]


@router.post("/reviews/files/{file_id}/score", response=ReviewFileOut, summary="评分（否决项 + 各项得分）")
def review_score(request, file_id: int, payload: ScoreIn):
    item = scope.get_visible(ReviewFile.objects.select_related("case"), request.user, id=file_id)
    return _file(rv.review_score(review_file=item, actor=request.user, failed_vetoes=payload.failed_vetoes,
                                 awarded=payload.awarded, problems=payload.problems,
                                 rectification_deadline=payload.rectification_deadline))


@router.post("/reviews/{review_id}/conclude", response=ReviewOut, summary="完成评查")
def review_conclude(request, review_id: int):
    campaign = selectors.review_get(request.user, review_id)
    return _review(rv.review_conclude(campaign=campaign, actor=request.user))


@router.post("/reviews/{review_id}/publish", response=ReviewOut, summary="发布评查结果通报")
def review_publish(request, review_id: int, payload: NoticeIn):
    campaign = selectors.review_get(request.user, review_id)
    return _review(rv.review_publish(campaign=campaign, actor=request.user, **payload.dict()))


@router.get("/public/reviews/{review_id}/verify", auth=None, response=VerifyOut, summary="公开核验随机抽取（任何人可调用）")
def review_verify(request, review_id: int):
    campaign = selectors.drawn_reviews().filter(pk=review_id).first()
    if campaign is None:
        raise NotFound()
    result = rv.review_verify(campaign)
    return {"review_id": campaign.pk, "seed": campaign.seed, "sample_size": campaign.sample_size,
            "draw_reproduced": result.draw_reproduced, "population_unchanged": result.population_unchanged,
            "digest_matches_record": result.digest_matches_record, "recorded_digest": result.recorded_digest,
            "current_digest": result.current_digest, "recomputed": draw_rules.to_json(result.recomputed),
            "changes": [{"stratum": draw_rules.stratum_key(c.stratum), "added": list(c.added), "removed": list(c.removed)}
                        for c in result.changes]}


# --- social supervisors and joint inputs (R-SUP-7, R-SUP-8) -------------------------------------------------


class SupervisorOut(Schema):
    id: int
    unit_id: int
    name: str
    category: str
    organisation: str
    term_start: date
    term_end: date
    duties: str
    status: str
    user_id: int | None


def _supervisor(s) -> dict[str, Any]:
    return {"id": s.id, "unit_id": s.unit_id, "name": s.name, "category": s.category, "organisation": s.organisation,
            "term_start": s.term_start, "term_end": s.term_end, "duties": s.duties, "status": s.status,
            "user_id": s.user_id}


class SupervisorIn(Schema):
    unit_id: int
    name: str
    category: str
    organisation: str
    term_start: date
    term_end: date
    duties: str
    phone: str = ""


@router.get("/supervisors", response=list[SupervisorOut], summary="社会监督员列表")
def supervisor_list(request):
    return [_supervisor(s) for s in selectors.supervisors_visible(request.user)[:500]]


@router.post("/supervisors", response={201: SupervisorOut}, summary="聘任社会监督员")
def supervisor_appoint(request, payload: SupervisorIn):
    data = payload.dict()
    unit = _unit(request.user, data.pop("unit_id"))
    return _created(_supervisor(ss.supervisor_appoint(actor=request.user, unit=unit, **data)))


@router.post("/supervisors/{supervisor_id}/dismiss", response=SupervisorOut, summary="解聘社会监督员")
def supervisor_dismiss(request, supervisor_id: int, payload: ReasonIn):
    supervisor = selectors.supervisor_get(request.user, supervisor_id)
    return _supervisor(ss.supervisor_dismiss(supervisor=supervisor, actor=request.user, reason=payload.reason, on=payload.on))


class JointIn(Schema):
    unit_id: int
    source: str
    source_org: str
    document_kind: str
    summary: str
    received_on: date | None = None
    document_number: str = ""
    subject_type: str = ""
    subject_id: str = ""
    subject_label: str = ""
    reply_due_on: date | None = None


class JointOut(Schema):
    id: int
    unit_id: int
    source: str
    source_org: str
    document_kind: str
    document_number: str
    received_on: date
    subject_type: str
    subject_id: str
    subject_label: str
    status: str
    response: str


def _joint(j) -> dict[str, Any]:
    return {k: getattr(j, k) for k in ("id", "unit_id", "source", "source_org", "document_kind", "document_number",
                                       "received_on", "subject_type", "subject_id", "subject_label", "status", "response")}


class ResponseIn(Schema):
    response: str


@router.get("/joint-inputs", response=list[JointOut], summary="联合监督事项（人大、检察、监察、法院）")
def joint_list(request, subject_type: str = "", subject_id: str = ""):
    qs = selectors.joint_inputs_visible(request.user)
    if subject_type:
        qs = qs.filter(subject_type=subject_type, subject_id=subject_id)
    return [_joint(j) for j in qs[:500]]


@router.post("/joint-inputs", response={201: JointOut}, summary="登记联合监督事项")
def joint_record(request, payload: JointIn):
    data = payload.dict()
    unit = _unit(request.user, data.pop("unit_id"))
    return _created(_joint(ss.joint_input_record(actor=request.user, unit=unit, **data)))


@router.post("/joint-inputs/{joint_input_id}/respond", response=JointOut, summary="登记办理情况")
def joint_respond(request, joint_input_id: int, payload: ResponseIn):
    item = selectors.joint_input_get(request.user, joint_input_id)
    return _joint(ss.joint_input_respond(joint_input=item, actor=request.user, response=payload.response))
