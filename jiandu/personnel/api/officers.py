"""Officers, certificates, sanctions, assessments, transfer tasks and the public check (R-PER-1, 4…7, R-PUB-2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Field, Router, Schema, Status

from jiandu.core.errors import InvalidInput, NotFound
from jiandu.personnel import selectors, services
from jiandu.personnel.api._common import (
    CertificateOut,
    CertificateRegisterIn,
    DocumentOut,
    LeaveIn,
    OfficerIn,
    OfficerOut,
    OfficerPage,
    OfficerPatch,
    PostChangeIn,
    _account,
    _certificate_out,
    _officer,
    _officer_out,
    _page,
    _today,
    _unit,
)
from jiandu.personnel.models import (
    Certificate,
    ConductRecord,
    TransferTask,
)

router = Router(tags=["执法队伍：人员与执法证"])


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
    officer = services.officer_create(actor=request.user, unit=unit, user=_account(request, data.pop("user_id")), **data)
    return Status(201, _officer_out(officer))


@router.get("/officers/{officer_id}", response=OfficerOut, summary="执法人员详情")
def officer_detail(request, officer_id: int):
    return _officer_out(_officer(request, officer_id))


@router.patch("/officers/{officer_id}", response=OfficerOut, summary="修改人员信息（岗位请用岗位变动）")
def officer_update(request, officer_id: int, payload: OfficerPatch):
    changes = payload.dict(exclude_unset=True)
    if "user_id" in changes:
        changes["user"] = _account(request, changes.pop("user_id"))
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
