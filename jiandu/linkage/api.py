"""HTTP API of the criminal linkage under /api/v1/linkage/ (R-LNK-1…4, R-PLT-6).

Handlers parse, call one selector or service, and shape the answer; refusals come back as
``{"code","message","details"}`` with a 4xx status (jiandu/api.py).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from jiandu.cases.models import Case
from jiandu.core import scope
from jiandu.core.errors import InvalidInput
from jiandu.linkage import rules, selectors, services
from jiandu.linkage.models import JointMeeting, MeetingTask, RiskFlag, RiskRule, Transfer, TransferDeadline
from jiandu.organization.models import Unit

router = Router(tags=["两法衔接"])
MAX_LIMIT = 100


def _page(qs, limit: int, offset: int):
    limit = max(1, min(limit, MAX_LIMIT))
    return list(qs[max(0, offset): max(0, offset) + limit])


def _unit(unit_id: int | None, field: str) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise InvalidInput(details={field: "单位不存在。"})
    return unit


# --- schemas --------------------------------------------------------------------------------------------


class DeadlineOut(Schema):
    kind: str
    label: str
    side: str
    period: str
    starts_at: datetime
    due_at: datetime
    status: str
    done_at: datetime | None
    legal_reference: str


class MaterialOut(Schema):
    id: int
    kind: str
    title: str
    original_name: str
    size: int
    sha256: str
    is_supplement: bool
    added_at: datetime


class StepOut(Schema):
    action: str
    label: str
    from_status: str
    to_status: str
    occurred_at: datetime
    note: str
    actor: str


class TransferOut(Schema):
    id: int
    number: str
    status: str
    status_label: str
    case_id: int
    case_number: str
    unit_id: int
    unit: str
    police_unit_id: int
    police_unit: str
    suspected_offence: str
    proposed_at: datetime
    approved_at: datetime | None
    sent_at: datetime | None
    received_at: datetime | None
    decided_at: datetime | None
    filed_at: datetime | None
    handed_over_at: datetime | None
    finished_at: datetime | None
    next_due_at: datetime | None
    is_overdue: bool


class SupervisionOut(Schema):
    kind: str
    content: str
    recorded_on: date
    recorded_by: str


class TransferDetailOut(TransferOut):
    grounds: str
    approver_name: str
    police_reference: str
    last_reason: str
    outcome: str
    has_inspection: bool
    deadlines: list[DeadlineOut]
    materials: list[MaterialOut]
    steps: list[StepOut]
    supervision: list[SupervisionOut]
    allowed_actions: list[str]


def _transfer_out(t: Transfer) -> dict:
    return {
        "id": t.id, "number": t.number, "status": t.status, "status_label": t.get_status_display(),
        "case_id": t.case_id, "case_number": t.case.number, "unit_id": t.unit_id, "unit": t.unit.name,
        "police_unit_id": t.police_unit_id, "police_unit": t.police_unit.name, "suspected_offence": t.suspected_offence,
        "proposed_at": t.proposed_at, "approved_at": t.approved_at, "sent_at": t.sent_at, "received_at": t.received_at,
        "decided_at": t.decided_at, "filed_at": t.filed_at, "handed_over_at": t.handed_over_at,
        "finished_at": t.finished_at, "next_due_at": t.next_due_at, "is_overdue": t.is_overdue,
    }


def _deadline_out(d: TransferDeadline) -> dict:
    return {"kind": d.kind, "label": d.get_kind_display(), "side": d.get_side_display(), "period": d.period_label,
            "starts_at": d.starts_at, "due_at": d.due_at, "status": d.status, "done_at": d.done_at,
            "legal_reference": d.legal_reference}


def _detail_out(user, t: Transfer) -> dict:
    detail = selectors.transfer_detail(t)
    return {
        **_transfer_out(t), "grounds": t.grounds, "approver_name": t.approver_name,
        "police_reference": t.police_reference, "last_reason": t.last_reason, "outcome": t.outcome,
        "has_inspection": t.has_inspection,
        "deadlines": [_deadline_out(d) for d in detail["deadlines"]],
        "materials": [{"id": m.id, "kind": m.kind, "title": m.title, "original_name": m.original_name, "size": m.size,
                       "sha256": m.sha256, "is_supplement": m.is_supplement, "added_at": m.added_at}
                      for m in detail["materials"]],
        "steps": [{"action": s.action, "label": s.label, "from_status": s.from_status, "to_status": s.to_status,
                   "occurred_at": s.occurred_at, "note": s.note, "actor": getattr(s.actor, "display_name", "系统")}
                  for s in detail["timeline"]],
        "supervision": [{"kind": r.kind, "content": r.content, "recorded_on": r.recorded_on,
                         "recorded_by": r.recorded_by.display_name} for r in detail["supervision"]],
        "allowed_actions": [a for a, _ in selectors.transfer_actions_for(user, t)],
    }


class TransferIn(Schema):
    case_id: int
    suspected_offence: str
    grounds: str
    police_unit_id: int | None = None
    has_inspection: bool = False
    items_note: str = ""
    proposed_at: datetime | None = None


class ActionIn(Schema):
    reason: str = ""
    occurred_at: datetime | None = None
    approver_name: str = ""
    police_reference: str = ""


class SupervisionIn(Schema):
    kind: str
    content: str
    recorded_on: date | None = None


# --- transfers ------------------------------------------------------------------------------------------


@router.get("/transfers", response=list[TransferOut], summary="可见的移送案件（移送单位、公安机关、检察院视角）")
def transfer_list(request, status: str = "", overdue: bool = False, received: bool = False, limit: int = 50,
                  offset: int = 0):
    qs = selectors.transfers_received(request.user) if received else selectors.transfers_visible(request.user)
    qs = selectors.filter_transfers(qs, selectors.TransferFilters(status=status if status in rules.STATUS_LABELS else "",
                                                                  overdue=overdue))
    return [_transfer_out(t) for t in _page(qs.order_by("-proposed_at", "-id"), limit, offset)]


@router.post("/transfers", response={201: TransferDetailOut}, summary="提请移送涉嫌犯罪案件（第五条）")
def transfer_propose(request, payload: TransferIn):
    case = scope.get_visible(Case.objects.all(), request.user, area="linkage", pk=payload.case_id)
    transfer = services.transfer_propose(
        actor=request.user, case=case, suspected_offence=payload.suspected_offence, grounds=payload.grounds,
        police_unit=_unit(payload.police_unit_id, "police_unit_id"), has_inspection=payload.has_inspection,
        items_note=payload.items_note, proposed_at=payload.proposed_at,
    )
    return Status(201, _detail_out(request.user, selectors.transfer_get(request.user, transfer.pk)))


@router.get("/transfers/{transfer_id}", response=TransferDetailOut, summary="移送案件详情（期限、材料、过程、监督）")
def transfer_detail(request, transfer_id: int):
    return _detail_out(request.user, selectors.transfer_get(request.user, transfer_id))


@router.post("/transfers/{transfer_id}/actions/{action}", response=TransferDetailOut,
             summary="办理一个环节：approve、reject、withdraw、send、accept、decline、file、not_file、"
                     "request_reconsideration、reconsider_file、reconsider_uphold、request_supervision、"
                     "supervision_file、supervision_uphold、close、hand_over、conclude")
def transfer_act(request, transfer_id: int, action: str, payload: ActionIn):
    transfer = selectors.transfer_get(request.user, transfer_id)
    transfer = services.transfer_act(actor=request.user, transfer=transfer, action=action, reason=payload.reason,
                                     occurred_at=payload.occurred_at, approver_name=payload.approver_name,
                                     police_reference=payload.police_reference)
    return _detail_out(request.user, selectors.transfer_get(request.user, transfer.pk))


@router.post("/transfers/{transfer_id}/materials", response={201: MaterialOut}, summary="上传移送材料（第六条，记录 SHA-256）")
def material_add(request, transfer_id: int, kind: Form[str], file: File[UploadedFile], title: Form[str] = ""):
    transfer = selectors.transfer_get(request.user, transfer_id)
    m = services.transfer_material_add(actor=request.user, transfer=transfer, kind=kind, title=title, upload=file)
    return Status(201, {"id": m.id, "kind": m.kind, "title": m.title, "original_name": m.original_name,
                        "size": m.size, "sha256": m.sha256, "is_supplement": m.is_supplement, "added_at": m.added_at})


@router.post("/transfers/{transfer_id}/supervision", response={201: SupervisionOut}, summary="记录检察监督意见")
def supervision_add(request, transfer_id: int, payload: SupervisionIn):
    transfer = selectors.transfer_get(request.user, transfer_id)
    r = services.supervision_record(actor=request.user, transfer=transfer, kind=payload.kind, content=payload.content,
                                    recorded_on=payload.recorded_on)
    return Status(201, {"kind": r.kind, "content": r.content, "recorded_on": r.recorded_on, "recorded_by": r.recorded_by.display_name})


# --- risk --------------------------------------------------------------------------------------------------


class FlagOut(Schema):
    id: int
    case_id: int
    case_number: str
    unit: str
    kind: str
    kind_label: str
    reasons: list[str]
    suspected_offence: str
    status: str
    flagged_at: datetime
    resolution: str
    resolution_reason: str
    transfer_id: int | None
    resolved_at: datetime | None


def _flag_out(f: RiskFlag) -> dict:
    return {"id": f.id, "case_id": f.case_id, "case_number": f.case.number, "unit": f.unit.name, "kind": f.kind,
            "kind_label": f.get_kind_display(), "reasons": f.reasons, "suspected_offence": f.rule.suspected_offence,
            "status": f.status, "flagged_at": f.flagged_at, "resolution": f.resolution,
            "resolution_reason": f.resolution_reason, "transfer_id": f.transfer_id, "resolved_at": f.resolved_at}


class ResolveIn(Schema):
    resolution: str
    reason: str
    transfer_id: int | None = None


class QuantityIn(Schema):
    quantity: Decimal
    quantity_unit: str
    note: str = ""


class RuleIn(Schema):
    unit_id: int
    item_code: str
    suspected_offence: str
    legal_reference: str
    effective_from: date
    effective_until: date | None = None
    amount_field: str = ""
    amount_threshold: Decimal | None = None
    quantity_threshold: Decimal | None = None
    quantity_unit: str = ""
    repeat_count: int | None = None
    repeat_window_days: int | None = None


class RuleOut(Schema):
    id: int
    unit_id: int
    unit: str
    item_code: str
    item_name: str
    suspected_offence: str
    amount_field: str
    amount_threshold: Decimal | None
    quantity_threshold: Decimal | None
    quantity_unit: str
    repeat_count: int | None
    repeat_window_days: int | None
    legal_reference: str
    effective_from: date
    effective_until: date | None
    is_active: bool


def _rule_out(r: RiskRule) -> dict:
    return {**{f: getattr(r, f) for f in RuleOut.model_fields if f != "unit"}, "unit": r.unit.name}


@router.get("/flags", response=list[FlagOut], summary="涉刑风险提示（以罚代刑、有案不移）")
def flag_list(request, status: str = "open", limit: int = 50, offset: int = 0):
    qs = selectors.flags_visible(request.user)
    if status in RiskFlag.Status.values:
        qs = qs.filter(status=status)
    return [_flag_out(f) for f in _page(qs, limit, offset)]


@router.get("/flags/{flag_id}", response=FlagOut, summary="涉刑风险提示详情")
def flag_detail(request, flag_id: int):
    return _flag_out(selectors.flag_get(request.user, flag_id))


@router.post("/flags/{flag_id}/resolve", response=FlagOut, summary="处理风险提示：已移送，或书面说明不需移送")
def flag_resolve(request, flag_id: int, payload: ResolveIn):
    flag = selectors.flag_get(request.user, flag_id)
    transfer = selectors.transfer_get(request.user, payload.transfer_id) if payload.transfer_id else None
    flag = services.risk_flag_resolve(actor=request.user, flag=flag, resolution=payload.resolution,
                                      reason=payload.reason, transfer=transfer)
    return _flag_out(flag)


@router.post("/cases/{case_id}/evaluate", response=list[FlagOut], summary="重新评估案件的涉刑风险，返回新发现的风险提示")
def case_evaluate(request, case_id: int):
    case = scope.get_visible(Case.objects.select_related("unit", "item"), request.user, area="linkage", pk=case_id)
    return [_flag_out(f) for f in services.risk_evaluate_case(actor=request.user, case=case)]


@router.put("/cases/{case_id}/quantity", response=list[FlagOut], summary="记录案件涉案数量并重新评估，返回该案的风险提示")
def case_quantity(request, case_id: int, payload: QuantityIn):
    case = scope.get_visible(Case.objects.select_related("unit", "item"), request.user, area="linkage", pk=case_id)
    services.case_quantity_record(actor=request.user, case=case, quantity=payload.quantity,
                                  quantity_unit=payload.quantity_unit, note=payload.note)
    return [_flag_out(f) for f in selectors.flags_visible(request.user).filter(case=case)]


@router.get("/rules", response=list[RuleOut], summary="涉刑风险规则（按执法事项）")
def rule_list(request, limit: int = 100, offset: int = 0):
    return [_rule_out(r) for r in _page(selectors.rules_visible(request.user), limit, offset)]


@router.post("/rules", response={201: RuleOut}, summary="新增涉刑风险规则")
def rule_create(request, payload: RuleIn):
    data = payload.dict()
    unit = _unit(data.pop("unit_id"), "unit_id")
    rule = services.risk_rule_create(actor=request.user, unit=unit, **data)
    return Status(201, _rule_out(rule))


# --- joint meetings --------------------------------------------------------------------------------------


class TaskOut(Schema):
    id: int
    description: str
    owner_unit_id: int
    owner_unit: str
    due_on: date
    status: str
    is_overdue: bool
    done_on: date | None
    done_note: str


class MeetingOut(Schema):
    id: int
    title: str
    held_on: date
    location: str
    convener: str
    attendee_units: list[str]
    attendees_note: str
    topics: str
    decisions: str
    tasks: list[TaskOut]


def _task_out(t: MeetingTask) -> dict:
    return {"id": t.id, "description": t.description, "owner_unit_id": t.owner_unit_id,
            "owner_unit": t.owner_unit.name, "due_on": t.due_on, "status": t.status, "is_overdue": t.is_overdue,
            "done_on": t.done_on, "done_note": t.done_note}


def _meeting_out(m: JointMeeting) -> dict:
    return {"id": m.id, "title": m.title, "held_on": m.held_on, "location": m.location, "convener": m.convener.name,
            "attendee_units": [u.name for u in m.attendee_units.all()], "attendees_note": m.attendees_note,
            "topics": m.topics, "decisions": m.decisions,
            "tasks": [_task_out(t) for t in m.tasks.select_related("owner_unit")]}


class MeetingIn(Schema):
    title: str
    held_on: date
    attendee_unit_ids: list[int]
    topics: str
    decisions: str
    location: str = ""
    attendees_note: str = ""


class TaskIn(Schema):
    description: str
    owner_unit_id: int
    due_on: date


class TaskDoneIn(Schema):
    done_on: date
    note: str


@router.get("/meetings", response=list[MeetingOut], summary="联席会议")
def meeting_list(request, limit: int = 50, offset: int = 0):
    qs = selectors.meetings_visible(request.user).prefetch_related("attendee_units")
    return [_meeting_out(m) for m in _page(qs, limit, offset)]


@router.post("/meetings", response={201: MeetingOut}, summary="登记联席会议")
def meeting_create(request, payload: MeetingIn):
    units = list(Unit.objects.filter(pk__in=payload.attendee_unit_ids))
    if len(units) != len(set(payload.attendee_unit_ids)):
        raise InvalidInput(details={"attendee_unit_ids": "参会单位不存在。"})
    meeting = services.meeting_record(actor=request.user, title=payload.title, held_on=payload.held_on,
                                      attendee_units=units, topics=payload.topics, decisions=payload.decisions,
                                      location=payload.location, attendees_note=payload.attendees_note)
    return Status(201, _meeting_out(meeting))


@router.get("/meetings/{meeting_id}", response=MeetingOut, summary="联席会议详情及议定任务")
def meeting_detail(request, meeting_id: int):
    return _meeting_out(selectors.meeting_get(request.user, meeting_id))


@router.post("/meetings/{meeting_id}/tasks", response={201: TaskOut}, summary="添加议定任务")
def task_add(request, meeting_id: int, payload: TaskIn):
    meeting = selectors.meeting_get(request.user, meeting_id)
    task = services.meeting_task_add(actor=request.user, meeting=meeting, description=payload.description,
                                     owner_unit=_unit(payload.owner_unit_id, "owner_unit_id"), due_on=payload.due_on)
    return Status(201, _task_out(task))


@router.post("/tasks/{task_id}/done", response=TaskOut, summary="办结议定任务")
def task_done(request, task_id: int, payload: TaskDoneIn):
    task = selectors.task_get(request.user, task_id)
    task = services.meeting_task_complete(actor=request.user, task=task, done_on=payload.done_on, note=payload.note)
    return _task_out(task)

