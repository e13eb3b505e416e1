"""HTTP API of the standards app under /api/v1/standards/ (R-PLT-6): the same services and
selectors as the pages, the same scope (out of scope = 404) and Chinese JSON errors."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Router, Schema

from jiandu.core import scope
from jiandu.organization.models import Unit
from jiandu.personnel.models import Officer
from jiandu.standards import selectors
from jiandu.standards.models import (
    AvRecord,
    Benchmark,
    BenchmarkSet,
    EnforcementItem,
    Equipment,
    EquipmentLoan,
    Exemption,
    FourList,
    FourListEntry,
    ItemList,
)
from jiandu.standards.services import benchmarks as benchmark_services
from jiandu.standards.services import exemptions as exemption_services
from jiandu.standards.services import four_lists as four_list_services
from jiandu.standards.services import items as item_services
from jiandu.standards.services import ledgers as ledger_services

router = Router(tags=["规范执法"])


def _unit(request, unit_id: int) -> Unit:
    return scope.get_visible(Unit.objects.all(), request.user, area="standards", id=unit_id)


# --- item lists (R-STD-1) ---------------------------------------------------------------------------------


class ItemIn(Schema):
    code: str = Field(..., description="事项编码，本单位内唯一")
    name: str
    kind: str = Field(..., description="事项类别：行政处罚、行政强制……（中文名称或代码 penalty、coercion……）")
    law_name: str
    law_article: str = ""
    legal_basis: str = ""
    responsible_unit: str = Field("", description="实施主体的单位全称、简称或编码；空为本单位")
    domain: str = ""


class ItemOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    kind_label: str
    law_name: str
    law_article: str
    legal_basis: str
    responsible_unit_id: int
    domain: str


class ItemListOut(Schema):
    id: int
    unit_id: int
    unit: str
    version: int
    status: str
    published_at: datetime | None
    item_count: int


class ItemListDetailOut(ItemListOut):
    items: list[ItemOut]


class ImportIn(Schema):
    mode: str = Field("replace", description="replace：草稿以本批为准；append：追加到草稿")
    publish: bool = Field(False, description="校验通过后直接公布为新版本")
    rows: list[ItemIn]


class ImportOut(Schema):
    item_list_id: int
    version: int
    created: int
    published: bool
    summary: str


def _item_out(i: EnforcementItem) -> dict:
    return {"id": i.id, "code": i.code, "name": i.name, "kind": i.kind, "kind_label": i.get_kind_display(),
            "law_name": i.law_name, "law_article": i.law_article, "legal_basis": i.legal_basis,
            "responsible_unit_id": i.responsible_unit_id, "domain": i.domain}


def _list_out(lst, count: int) -> dict:
    return {"id": lst.id, "unit_id": lst.unit_id, "unit": lst.unit.name, "version": lst.version, "status": lst.status,
            "published_at": lst.published_at, "item_count": count}


@router.get("/item-lists", response=list[ItemListOut], summary="事项清单各版本（可按单位筛选）")
def item_lists(request, unit_id: int | None = None, status: str | None = None):
    qs = selectors.item_lists_visible(request.user)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if status:
        qs = qs.filter(status=status)
    from django.db.models import Count

    return [_list_out(lst, lst.n) for lst in qs.annotate(n=Count("items")).order_by("unit_id", "-version")[:500]]


@router.get("/item-lists/{list_id}", response=ItemListDetailOut, summary="一个版本的事项清单及其事项")
def item_list_detail(request, list_id: int):
    lst = scope.get_visible(ItemList.objects.select_related("unit"), request.user, id=list_id)
    items = [_item_out(i) for i in lst.items.order_by("code")]
    return {**_list_out(lst, len(items)), "items": items}


@router.post("/units/{unit_id}/item-list/import", response=ImportOut,
             summary="以 JSON 导入单位的事项清单（整批校验，任一行有误则整批不导入，返回逐行错误报告）")
def item_list_import(request, unit_id: int, payload: ImportIn):
    unit = _unit(request, unit_id)
    rows = [(n, row.dict()) for n, row in enumerate(payload.rows, start=1)]
    result = item_services.item_list_import(unit=unit, actor=request.user, rows=rows, mode=payload.mode,
                                            publish=payload.publish, source="接口导入")
    return {"item_list_id": result.item_list.pk, "version": result.item_list.version, "created": result.created,
            "published": result.published, "summary": result.summary}


@router.post("/units/{unit_id}/item-list/draft", response=ItemListOut, summary="打开（或新建）单位的事项清单草稿")
def item_list_open_draft(request, unit_id: int):
    draft = item_services.item_list_open_draft(unit=_unit(request, unit_id), actor=request.user)
    return _list_out(draft, draft.items.count())


@router.post("/item-lists/{list_id}/items", response={201: ItemOut}, summary="向草稿添加事项")
def item_add(request, list_id: int, payload: ItemIn):
    lst = scope.get_visible(ItemList.objects.select_related("unit"), request.user, id=list_id)
    return 201, _item_out(item_services.item_add(item_list=lst, actor=request.user, **payload.dict()))


@router.put("/items/{item_id}", response=ItemOut, summary="修改草稿中的事项")
def item_update(request, item_id: int, payload: ItemIn):
    item = selectors.item_get(request.user, item_id)
    return _item_out(item_services.item_update(item=item, actor=request.user, **payload.dict()))


@router.delete("/items/{item_id}", response={204: None}, summary="删除草稿中的事项")
def item_delete(request, item_id: int):
    item_services.item_delete(item=selectors.item_get(request.user, item_id), actor=request.user)
    return 204, None


@router.post("/item-lists/{list_id}/publish", response=ItemListOut, summary="公布事项清单草稿")
def item_list_publish(request, list_id: int):
    lst = scope.get_visible(ItemList.objects.select_related("unit"), request.user, id=list_id)
    lst = item_services.item_list_publish(item_list=lst, actor=request.user)
    return _list_out(lst, lst.items.count())


# --- four lists (R-STD-5) ---------------------------------------------------------------------------------


class EntryIn(Schema):
    kind: str = Field(..., description="no_penalty 不予处罚 / lighter_penalty 从轻处罚 / mitigated_penalty 减轻处罚 / coercion_exempt 免予行政强制")
    item_code: str
    conditions: str
    legal_basis: str
    sort_order: int = 0


class EntryOut(Schema):
    id: int
    kind: str
    kind_label: str
    item_id: int
    item_code: str
    item_name: str
    conditions: str
    legal_basis: str


class FourListOut(Schema):
    id: int
    unit_id: int
    unit: str
    version: int
    status: str
    published_at: datetime | None
    entries: list[EntryOut]


def _entry_out(e: FourListEntry) -> dict:
    return {"id": e.id, "kind": e.kind, "kind_label": e.get_kind_display(), "item_id": e.item_id, "item_code": e.item_code,
            "item_name": e.item_name, "conditions": e.conditions, "legal_basis": e.legal_basis}


def _four_list_out(fl: FourList) -> dict:
    return {"id": fl.id, "unit_id": fl.unit_id, "unit": fl.unit.name, "version": fl.version, "status": fl.status,
            "published_at": fl.published_at, "entries": [_entry_out(e) for e in fl.entries.all()]}


@router.get("/four-lists", response=list[FourListOut], summary="四张清单各版本")
def four_lists(request, unit_id: int | None = None, status: str | None = None):
    qs = selectors.four_lists_visible(request.user).prefetch_related("entries")
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if status:
        qs = qs.filter(status=status)
    return [_four_list_out(fl) for fl in qs.order_by("unit_id", "-version")[:200]]


@router.get("/four-lists/{list_id}", response=FourListOut, summary="一个版本的四张清单")
def four_list_detail(request, list_id: int):
    return _four_list_out(scope.get_visible(FourList.objects.select_related("unit"), request.user, id=list_id))


@router.post("/units/{unit_id}/four-list/draft", response=FourListOut, summary="打开（或新建）单位的四张清单草稿")
def four_list_open_draft(request, unit_id: int):
    return _four_list_out(four_list_services.four_list_open_draft(unit=_unit(request, unit_id), actor=request.user))


@router.post("/four-lists/{list_id}/entries", response={201: EntryOut},
             summary="添加四张清单条目（安全生产、食品药品安全、生态环保、卫生防疫等领域的事项被拒绝：four_lists_excluded_domain）")
def four_list_entry_add(request, list_id: int, payload: EntryIn):
    fl = scope.get_visible(FourList.objects.select_related("unit"), request.user, id=list_id)
    return 201, _entry_out(four_list_services.four_list_entry_add(four_list=fl, actor=request.user, **payload.dict()))


@router.delete("/four-list-entries/{entry_id}", response={204: None}, summary="删除草稿中的条目")
def four_list_entry_delete(request, entry_id: int):
    entry = scope.get_visible(FourListEntry.objects.select_related("four_list__unit"), request.user, id=entry_id)
    four_list_services.four_list_entry_delete(entry=entry, actor=request.user)
    return 204, None


@router.post("/four-lists/{list_id}/publish", response=FourListOut, summary="公布四张清单（谁编制、谁公示）")
def four_list_publish(request, list_id: int):
    fl = scope.get_visible(FourList.objects.select_related("unit"), request.user, id=list_id)
    return _four_list_out(four_list_services.four_list_publish(four_list=fl, actor=request.user))


# --- discretion benchmarks (R-STD-6) -----------------------------------------------------------------------


class CheckIn(Schema):
    item_id: int = Field(..., description="案件所涉执法事项（EnforcementItem）的编号")
    circumstance: str = Field(..., description="裁量等级，如“一般”")
    fine: Decimal | None = Field(None, description="拟罚款金额（元）")
    illegal_gain: Decimal | None = Field(None, description="违法所得（元），按违法所得倍数计罚时必填")
    goods_value: Decimal | None = Field(None, description="货值金额（元），按货值倍数计罚时必填")
    other_penalties: list[str] = Field(default_factory=list, description="拟并处的其他处罚，如 警告、没收违法所得")


class CheckOut(Schema):
    ok: bool
    tier_label: str
    reasons: list[str]
    fine_min: Decimal | None
    fine_max: Decimal | None
    range_text: str


@router.post("/benchmarks/check", response=CheckOut, summary="裁量基准检查：拟作出的处罚是否在该情形的裁量幅度内")
def benchmark_check(request, payload: CheckIn):
    item = selectors.item_get(request.user, payload.item_id)
    result = selectors.benchmark_check(item=item, circumstance=payload.circumstance, fine=payload.fine,
                                       illegal_gain=payload.illegal_gain, goods_value=payload.goods_value,
                                       other_penalties=payload.other_penalties)
    return {"ok": result.ok, "tier_label": result.tier_label, "reasons": result.reasons, "fine_min": result.fine_min,
            "fine_max": result.fine_max, "range_text": result.range_text}


class TierIn(Schema):
    label: str
    circumstances: str = ""
    fine_mode: str = Field("fixed", description="none / fixed / gain_multiple / value_multiple")
    fine_required: bool = True
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    min_inclusive: bool = True
    max_inclusive: bool = True
    floor_amount: Decimal | None = None
    cap_amount: Decimal | None = None
    other_penalties: list[str] = Field(default_factory=list)
    order: int = 0


class TierOut(TierIn):
    id: int


class BenchmarkIn(Schema):
    item_code: str
    legal_basis: str
    violation: str = ""
    note: str = ""


class BenchmarkOut(Schema):
    id: int
    item_id: int
    item_code: str
    item_name: str
    violation: str
    legal_basis: str
    tiers: list[TierOut]


class BenchmarkSetOut(Schema):
    id: int
    unit_id: int
    unit: str
    version: int
    status: str
    published_at: datetime | None
    benchmarks: list[BenchmarkOut]


def _tier_out(t) -> dict:
    return {f: getattr(t, f) for f in ("id", "label", "circumstances", "fine_mode", "fine_required", "min_value", "max_value",
                                       "min_inclusive", "max_inclusive", "floor_amount", "cap_amount", "other_penalties",
                                       "order")}


def _benchmark_out(b: Benchmark) -> dict:
    return {"id": b.id, "item_id": b.item_id, "item_code": b.item_code, "item_name": b.item_name, "violation": b.violation,
            "legal_basis": b.legal_basis, "tiers": [_tier_out(t) for t in b.tiers.all()]}


def _set_out(bs: BenchmarkSet) -> dict:
    return {"id": bs.id, "unit_id": bs.unit_id, "unit": bs.unit.name, "version": bs.version, "status": bs.status,
            "published_at": bs.published_at,
            "benchmarks": [_benchmark_out(b) for b in bs.benchmarks.prefetch_related("tiers")]}


@router.get("/benchmark-sets", response=list[BenchmarkSetOut], summary="裁量基准各版本")
def benchmark_sets(request, unit_id: int | None = None, status: str | None = None):
    qs = selectors.benchmark_sets_visible(request.user)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if status:
        qs = qs.filter(status=status)
    return [_set_out(bs) for bs in qs.order_by("unit_id", "-version")[:100]]


@router.get("/benchmark-sets/{set_id}", response=BenchmarkSetOut, summary="一个版本的裁量基准")
def benchmark_set_detail(request, set_id: int):
    return _set_out(scope.get_visible(BenchmarkSet.objects.select_related("unit"), request.user, id=set_id))


@router.post("/units/{unit_id}/benchmark-set/draft", response=BenchmarkSetOut, summary="打开（或新建）单位的裁量基准草稿")
def benchmark_set_open_draft(request, unit_id: int):
    return _set_out(benchmark_services.benchmark_set_open_draft(unit=_unit(request, unit_id), actor=request.user))


@router.post("/benchmark-sets/{set_id}/benchmarks", response={201: BenchmarkOut}, summary="为处罚事项添加裁量基准")
def benchmark_add(request, set_id: int, payload: BenchmarkIn):
    bs = scope.get_visible(BenchmarkSet.objects.select_related("unit"), request.user, id=set_id)
    return 201, _benchmark_out(benchmark_services.benchmark_add(benchmark_set=bs, actor=request.user, **payload.dict()))


@router.post("/benchmarks/{benchmark_id}/tiers", response={201: TierOut}, summary="添加裁量等级")
def tier_add(request, benchmark_id: int, payload: TierIn):
    b = scope.get_visible(Benchmark.objects.select_related("benchmark_set__unit"), request.user, id=benchmark_id)
    return 201, _tier_out(benchmark_services.benchmark_tier_add(benchmark=b, actor=request.user, **payload.dict()))


@router.post("/benchmark-sets/{set_id}/publish", response=BenchmarkSetOut, summary="公布裁量基准")
def benchmark_set_publish(request, set_id: int):
    bs = scope.get_visible(BenchmarkSet.objects.select_related("unit"), request.user, id=set_id)
    return _set_out(benchmark_services.benchmark_set_publish(benchmark_set=bs, actor=request.user))


# --- due-diligence exemptions (R-STD-2) ----------------------------------------------------------------------


class ExemptionIn(Schema):
    unit_id: int
    ground: str = Field(..., description="deregulation / four_lists / notification_commitment / technical_limits / business_environment")
    matter: str
    facts: str
    officer_id: int | None = None
    subject_type: str = Field("", description="关联对象类型，如 cases.case")
    subject_id: str = ""
    subject_label: str = ""


class DecisionIn(Schema):
    approve: bool
    reason: str


class ExemptionOut(Schema):
    id: int
    unit_id: int
    unit: str
    officer_id: int | None
    subject_type: str
    subject_id: str
    subject_label: str
    ground: str
    ground_label: str
    matter: str
    facts: str
    status: str
    status_label: str
    requested_at: datetime
    decided_at: datetime | None
    decision_reason: str


def _exemption_out(e: Exemption) -> dict:
    return {"id": e.id, "unit_id": e.unit_id, "unit": e.unit.name, "officer_id": e.officer_id, "subject_type": e.subject_type,
            "subject_id": e.subject_id, "subject_label": e.subject_label, "ground": e.ground,
            "ground_label": e.get_ground_display(), "matter": e.matter, "facts": e.facts, "status": e.status,
            "status_label": e.get_status_display(), "requested_at": e.requested_at, "decided_at": e.decided_at,
            "decision_reason": e.decision_reason}


@router.get("/exemptions", response=list[ExemptionOut], summary="尽职免责申请")
def exemptions(request, status: str | None = None, unit_id: int | None = None):
    qs = selectors.exemptions_visible(request.user)
    if status:
        qs = qs.filter(status=status)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return [_exemption_out(e) for e in qs[:200]]


@router.get("/exemptions/{exemption_id}", response=ExemptionOut, summary="一件尽职免责申请")
def exemption_detail(request, exemption_id: int):
    return _exemption_out(scope.get_visible(selectors.exemptions_visible(request.user), request.user, id=exemption_id))


@router.post("/exemptions", response={201: ExemptionOut}, summary="申请尽职免责（五种情形之一）")
def exemption_request(request, payload: ExemptionIn):
    unit = _unit(request, payload.unit_id)
    officer = None
    if payload.officer_id is not None:
        officer = scope.get_visible(Officer.objects.select_related("unit"), request.user, id=payload.officer_id)
    e = exemption_services.exemption_request(unit=unit, actor=request.user, ground=payload.ground, matter=payload.matter,
                                             facts=payload.facts, officer=officer, subject_type=payload.subject_type,
                                             subject_id=payload.subject_id, subject_label=payload.subject_label)
    return 201, _exemption_out(e)


@router.post("/exemptions/{exemption_id}/decision", response=ExemptionOut, summary="决定是否免责（区行政执法监督机构）")
def exemption_decide(request, exemption_id: int, payload: DecisionIn):
    e = scope.get_visible(Exemption.objects.select_related("unit"), request.user, id=exemption_id)
    return _exemption_out(exemption_services.exemption_decide(exemption=e, actor=request.user, approve=payload.approve,
                                                              reason=payload.reason))


# --- ledgers (R-STD-3, 7, 8, 9) ---------------------------------------------------------------------------


class CoverageOut(Schema):
    unit_id: int
    unit: str
    status: str
    label: str
    flagged: bool
    ends_on: date | None


@router.get("/advisors/coverage", response=list[CoverageOut], summary="各单位法律顾问聘用与合同情况（未聘或合同到期的标记 flagged）")
def advisor_coverage(request, flagged: bool = False):
    today = timezone.localdate()
    units = list(scope.visible(Unit.objects.filter(is_enforcement_unit=True, is_active=True), request.user, area="standards"))
    days = selectors.advisor_warning_days(request.user.unit, on=today) if request.user.unit_id else 30
    coverage = selectors.advisor_coverage(units, today=today, warning_days=days)
    return [{"unit_id": u.pk, "unit": u.name, "status": c.status, "label": c.label, "flagged": c.flagged, "ends_on": c.ends_on}
            for u in units for c in [coverage[u.pk]] if c.flagged or not flagged]


class ComplianceOut(Schema):
    unit_id: int
    unit: str
    compliant: bool
    has_interrogation: bool
    has_hearing: bool
    problems: list[str]


@router.get("/venues/compliance", response=list[ComplianceOut], summary="重点执法部门和乡镇办案场所“六有”达标情况")
def venue_compliance(request):
    units = list(selectors.venue_units(scope.visible(Unit.objects.filter(is_active=True), request.user, area="standards")))
    result = selectors.venue_compliance(units, on=timezone.localdate())
    return [{"unit_id": u.pk, "unit": u.name, **{k: getattr(result[u.pk], k) for k in
                                                    ("compliant", "has_interrogation", "has_hearing", "problems")}} for u in units]


class IssueIn(Schema):
    borrower: str
    purpose: str
    expected_return_on: date | None = None


class LoanOut(Schema):
    id: int
    equipment_id: int
    borrower: str
    purpose: str
    issued_at: datetime
    expected_return_on: date | None
    returned_at: datetime | None


def _loan_out(l: EquipmentLoan) -> dict:
    return {"id": l.id, "equipment_id": l.equipment_id, "borrower": l.borrower, "purpose": l.purpose, "issued_at": l.issued_at,
            "expected_return_on": l.expected_return_on, "returned_at": l.returned_at}


@router.post("/equipment/{equipment_id}/issue", response={201: LoanOut}, summary="领用执法装备（已领用未归还的不能重复领用）")
def equipment_issue(request, equipment_id: int, payload: IssueIn):
    item = scope.get_visible(Equipment.objects.select_related("unit"), request.user, id=equipment_id)
    return 201, _loan_out(ledger_services.equipment_issue(equipment=item, actor=request.user, **payload.dict()))


@router.post("/equipment-loans/{loan_id}/return", response=LoanOut, summary="归还执法装备")
def equipment_return(request, loan_id: int, condition: str = "完好"):
    loan = scope.get_visible(EquipmentLoan.objects.select_related("unit", "equipment"), request.user, id=loan_id)
    return _loan_out(ledger_services.equipment_return(loan=loan, actor=request.user, condition=condition))


class AvIn(Schema):
    unit_id: int
    title: str
    source: str = Field(..., description="bodycam / recorder / monitoring / other")
    recorded_on: date
    recorded_by: str
    file_name: str
    size: int
    sha256: str = Field(..., description="存储专机计算的 SHA-256（64 位十六进制）")
    storage_location: str
    custodian: str
    device_id: int | None = None
    subject_label: str = ""


class AvOut(Schema):
    id: int
    unit_id: int
    title: str
    source: str
    recorded_on: date
    recorded_by: str
    file_name: str
    size: int
    sha256: str
    storage_location: str
    custodian: str
    subject_label: str


def _av_out(r: AvRecord) -> dict:
    return {f: getattr(r, f) for f in ("id", "unit_id", "title", "source", "recorded_on", "recorded_by", "file_name", "size",
                                       "sha256", "storage_location", "custodian", "subject_label")}


@router.get("/av-records", response=list[AvOut], summary="音像资料台账")
def av_records(request, unit_id: int | None = None, sha256: str | None = None):
    qs = scope.visible(AvRecord.objects.all(), request.user)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if sha256:
        qs = qs.filter(sha256=sha256.lower())
    return [_av_out(r) for r in qs[:500]]


@router.post("/av-records", response={201: AvOut}, summary="登记音像资料（执法记录仪、录像机、音视频监控文件）")
def av_register(request, payload: AvIn):
    unit = _unit(request, payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    device_id = data.pop("device_id")
    device = scope.get_visible(Equipment.objects.all(), request.user, id=device_id) if device_id else None
    return 201, _av_out(ledger_services.av_register(unit=unit, actor=request.user, device=device, **data))


