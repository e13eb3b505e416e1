"""Ledgers of the standards app: legal advisors (R-STD-3), venues (R-STD-7), equipment (R-STD-8)
and audio-visual evidence (R-STD-9). Every change is audited; an item of equipment cannot be
issued twice (service check plus a partial unique constraint for concurrent requests)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jiandu.core.files import sha256_of
from jiandu.core import audit
from jiandu.core.errors import Conflict, InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit
from jiandu.standards.models import (
    AdvisorContract,
    AdvisorWork,
    AvRecord,
    Equipment,
    EquipmentLoan,
    EquipmentRoom,
    LegalAdvisor,
    Venue,
)


def _required(values: dict[str, Any], labels: dict[str, str]) -> None:
    errors = {k: f"请填写{label}。" for k, label in labels.items() if not str(values.get(k) or "").strip()}
    if errors:
        raise InvalidInput(details=errors)


def _manage(actor, unit: Unit) -> None:
    require(actor, "standards.manage", unit=unit, area="standards")


# --- legal advisors (R-STD-3) ---------------------------------------------------------------------


@transaction.atomic
def advisor_add(*, unit: Unit, actor, org_kind: str, org_name: str, person_name: str, license_number: str = "",
                phone: str = "") -> LegalAdvisor:
    _manage(actor, unit)
    _required({"org_name": org_name, "person_name": person_name}, {"org_name": "机构名称", "person_name": "顾问姓名"})
    if org_kind not in LegalAdvisor.OrgKind.values:
        raise InvalidInput(details={"org_kind": "请选择机构类型。"})
    advisor = LegalAdvisor.objects.create(unit=unit, org_kind=org_kind, org_name=org_name.strip(),
                                          person_name=person_name.strip(), license_number=license_number.strip(),
                                          phone=phone.strip())
    audit.record(actor=actor, action="legal_advisor.add", obj=advisor, unit=unit, after=audit.snapshot(advisor))
    return advisor


@transaction.atomic
def advisor_set_active(*, advisor: LegalAdvisor, actor, active: bool) -> LegalAdvisor:
    _manage(actor, advisor.unit)
    before = audit.snapshot(advisor)
    advisor.is_active = active
    advisor.save(update_fields=["is_active"])
    audit.record(actor=actor, action="legal_advisor.activate" if active else "legal_advisor.dismiss", obj=advisor,
                 unit=advisor.unit, before=before, after=audit.snapshot(advisor))
    return advisor


@transaction.atomic
def advisor_contract_add(*, advisor: LegalAdvisor, actor, signed_on: date, starts_on: date, ends_on: date, scope: str,
                         contract_number: str = "", fee: Decimal | None = None) -> AdvisorContract:
    _manage(actor, advisor.unit)
    _required({"scope": scope}, {"scope": "服务范围"})
    if ends_on < starts_on:
        raise InvalidInput(details={"ends_on": "服务期止不能早于服务期起。"})
    if signed_on > starts_on:
        raise InvalidInput(details={"signed_on": "签订日期不能晚于服务期起。"})
    if fee is not None and fee < 0:
        raise InvalidInput(details={"fee": "服务费不能为负数。"})
    contract = AdvisorContract.objects.create(advisor=advisor, unit=advisor.unit, signed_on=signed_on, starts_on=starts_on,
                                              ends_on=ends_on, scope=scope.strip(), contract_number=contract_number.strip(),
                                              fee=fee, created_by=actor)
    audit.record(actor=actor, action="advisor_contract.add", obj=contract, unit=advisor.unit, after=audit.snapshot(contract))
    return contract


@transaction.atomic
def advisor_work_record(*, advisor: LegalAdvisor, actor, kind: str, occurred_on: date, subject: str,
                        outcome: str = "") -> AdvisorWork:
    """One entry of the work ledger: 审查, 咨询, 调解, 代理 ("真聘真用、真顾真问")."""
    _manage(actor, advisor.unit)
    _required({"subject": subject}, {"subject": "事项"})
    if kind not in AdvisorWork.Kind.values:
        raise InvalidInput(details={"kind": "请选择工作类别。"})
    if occurred_on > timezone.localdate():
        raise InvalidInput(details={"occurred_on": "工作日期不能晚于今天。"})
    work = AdvisorWork.objects.create(advisor=advisor, unit=advisor.unit, kind=kind, occurred_on=occurred_on,
                                      subject=subject.strip(), outcome=(outcome or "").strip(), recorded_by=actor)
    audit.record(actor=actor, action="advisor_work.record", obj=work, unit=advisor.unit, after=audit.snapshot(work))
    return work


# --- venues (R-STD-7) -------------------------------------------------------------------------------

VENUE_FIELDS = ("name", "purpose", "location", "floor", "has_dedicated_room", "has_furniture", "has_av_monitoring",
                "has_computer_printer", "has_window_guard", "has_name_plates", "checked_on", "note")


@transaction.atomic
def venue_save(*, unit: Unit, actor, venue: Venue | None = None, **values: Any) -> Venue:
    """Record a room (new when ``venue`` is None) with its six-haves as last checked."""
    _manage(actor, unit)
    if venue is not None and venue.unit_id != unit.pk:
        raise InvalidInput(details={"unit": "房间不属于该单位。"})
    _required(values, {"name": "房间名称"})
    if values.get("purpose") not in Venue.Purpose.values:
        raise InvalidInput(details={"purpose": "请选择用途：询问室、听证室或合一。"})
    floor = values.get("floor")
    floor = 1 if floor in (None, "") else int(floor)
    if floor == 0 or not -5 <= floor <= 60:
        raise InvalidInput(details={"floor": "楼层应为 1 至 60（地下为 -1 至 -5）。"})
    name = values["name"].strip()
    clash = Venue.objects.filter(unit=unit, name=name, is_active=True)
    if venue is not None:
        clash = clash.exclude(pk=venue.pk)
    if clash.exists():
        raise InvalidInput(details={"name": f"本单位已有名为“{name}”的房间。"})
    before = audit.snapshot(venue, VENUE_FIELDS) if venue else None
    venue = venue or Venue(unit=unit)
    for field in VENUE_FIELDS:
        if field in values:
            setattr(venue, field, values[field])
    venue.name, venue.floor, venue.updated_by = name, floor, actor
    venue.checked_on = values.get("checked_on") or timezone.localdate()
    venue.save()
    audit.record(actor=actor, action="venue.save", obj=venue, unit=unit, before=before, after=audit.snapshot(venue, VENUE_FIELDS))
    return venue


@transaction.atomic
def venue_retire(*, venue: Venue, actor, reason: str = "") -> Venue:
    _manage(actor, venue.unit)
    before = audit.snapshot(venue, ("is_active",))
    venue.is_active, venue.updated_by = False, actor
    venue.save(update_fields=["is_active", "updated_by", "updated_at"])
    audit.record(actor=actor, action="venue.retire", obj=venue, unit=venue.unit, before=before,
                 after=audit.snapshot(venue, ("is_active",)), reason=reason)
    return venue


# --- equipment (R-STD-8) ----------------------------------------------------------------------------


@transaction.atomic
def equipment_room_add(*, unit: Unit, actor, name: str, location: str, custodian: str, custody_rules: str,
                       custodian_phone: str = "", rules_adopted_on: date | None = None) -> EquipmentRoom:
    _manage(actor, unit)
    _required({"name": name, "location": location, "custodian": custodian, "custody_rules": custody_rules},
              {"name": "保管室名称", "location": "位置", "custodian": "保管人", "custody_rules": "保管制度"})
    room = EquipmentRoom.objects.create(unit=unit, name=name.strip(), location=location.strip(), custodian=custodian.strip(),
                                        custodian_phone=custodian_phone.strip(), custody_rules=custody_rules.strip(),
                                        rules_adopted_on=rules_adopted_on)
    audit.record(actor=actor, action="equipment_room.add", obj=room, unit=unit, after=audit.snapshot(room))
    return room


@transaction.atomic
def equipment_add(*, room: EquipmentRoom, actor, asset_number: str, name: str, category: str, model_name: str = "",
                  acquired_on: date | None = None) -> Equipment:
    _manage(actor, room.unit)
    _required({"asset_number": asset_number, "name": name}, {"asset_number": "资产编号", "name": "装备名称"})
    if category not in Equipment.Category.values:
        raise InvalidInput(details={"category": "请选择装备类别。"})
    if Equipment.objects.filter(unit=room.unit, asset_number=asset_number.strip()).exists():
        raise InvalidInput(details={"asset_number": f"资产编号“{asset_number.strip()}”已登记。"})
    equipment = Equipment.objects.create(unit=room.unit, room=room, asset_number=asset_number.strip(), name=name.strip(),
                                         category=category, model_name=model_name.strip(), acquired_on=acquired_on)
    audit.record(actor=actor, action="equipment.add", obj=equipment, unit=room.unit, after=audit.snapshot(equipment))
    return equipment


@transaction.atomic
def equipment_issue(*, equipment: Equipment, actor, borrower: str, purpose: str, officer=None,
                    expected_return_on: date | None = None) -> EquipmentLoan:
    """Issue an item from the storage room. An item already issued (or retired) cannot be issued."""
    _manage(actor, equipment.unit)
    _required({"borrower": borrower, "purpose": purpose}, {"borrower": "领用人", "purpose": "用途"})
    equipment = Equipment.objects.select_for_update().get(pk=equipment.pk)
    if equipment.status == Equipment.Status.RETIRED:
        raise Conflict("equipment_retired", f"“{equipment}”已报废，不能领用。")
    open_loan = equipment.loans.filter(returned_at__isnull=True).first()
    if open_loan is not None or equipment.status == Equipment.Status.ISSUED:
        who = open_loan.borrower if open_loan else "他人"
        raise Conflict("equipment_already_issued", f"“{equipment}”已由{who}领用尚未归还，不能重复领用。")
    if expected_return_on is not None and expected_return_on < timezone.localdate():
        raise InvalidInput(details={"expected_return_on": "预计归还日期不能早于今天。"})
    try:
        with transaction.atomic():
            loan = EquipmentLoan.objects.create(equipment=equipment, unit=equipment.unit, borrower=borrower.strip(),
                                                officer=officer, purpose=purpose.strip(), issued_at=timezone.now(),
                                                issued_by=actor, expected_return_on=expected_return_on)
    except IntegrityError:  # a concurrent issue won the race: the constraint keeps one open loan
        raise Conflict("equipment_already_issued", f"“{equipment}”已被领用，不能重复领用。") from None
    before = audit.snapshot(equipment, ("status",))
    equipment.status = Equipment.Status.ISSUED
    equipment.save(update_fields=["status"])
    audit.record(actor=actor, action="equipment.issue", obj=equipment, unit=equipment.unit, before=before,
                 after={**audit.snapshot(equipment, ("status",)), "loan": loan.pk, "borrower": loan.borrower, "purpose": loan.purpose})
    return loan


@transaction.atomic
def equipment_return(*, loan: EquipmentLoan, actor, condition: str = "完好") -> EquipmentLoan:
    _manage(actor, loan.unit)
    loan = EquipmentLoan.objects.select_for_update().select_related("equipment").get(pk=loan.pk)
    if loan.returned_at is not None:
        raise Conflict("equipment_already_returned", f"“{loan.equipment}”已于{timezone.localtime(loan.returned_at):%Y-%m-%d %H:%M}归还。")
    loan.returned_at, loan.returned_by, loan.return_condition = timezone.now(), actor, (condition or "完好").strip()
    loan.save(update_fields=["returned_at", "returned_by", "return_condition"])
    equipment = loan.equipment
    before = audit.snapshot(equipment, ("status",))
    equipment.status = Equipment.Status.IN_STORE
    equipment.save(update_fields=["status"])
    audit.record(actor=actor, action="equipment.return", obj=equipment, unit=equipment.unit, before=before,
                 after={**audit.snapshot(equipment, ("status",)), "loan": loan.pk, "condition": loan.return_condition})
    return loan


@transaction.atomic
def equipment_retire(*, equipment: Equipment, actor, reason: str) -> Equipment:
    _manage(actor, equipment.unit)
    equipment = Equipment.objects.select_for_update().get(pk=equipment.pk)
    if equipment.status == Equipment.Status.ISSUED:
        raise Conflict("equipment_issued", f"“{equipment}”尚未归还，归还后才能报废。")
    _required({"reason": reason}, {"reason": "报废原因"})
    before = audit.snapshot(equipment, ("status",))
    equipment.status = Equipment.Status.RETIRED
    equipment.save(update_fields=["status"])
    audit.record(actor=actor, action="equipment.retire", obj=equipment, unit=equipment.unit, before=before,
                 after=audit.snapshot(equipment, ("status",)), reason=reason)
    return equipment


# --- audio-visual evidence (R-STD-9) -----------------------------------------------------------------

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@transaction.atomic
def av_register(*, unit: Unit, actor, title: str, source: str, recorded_on: date, recorded_by: str, storage_location: str,
                custodian: str, upload=None, file_name: str = "", sha256: str = "", size: int | None = None, device=None,
                subject_label: str = "", subject_type: str = "", subject_id: str = "") -> AvRecord:
    """Register a file stored on the dedicated storage machine. The checksum is computed from the
    uploaded file, or (for files too large to upload) entered from the storage machine's report."""
    _manage(actor, unit)
    _required({"title": title, "recorded_by": recorded_by, "storage_location": storage_location, "custodian": custodian},
              {"title": "资料名称", "recorded_by": "采集人", "storage_location": "存储位置", "custodian": "管理人员"})
    errors = {}
    if source not in AvRecord.Source.values:
        errors["source"] = "请选择采集设备类型。"
    if recorded_on > timezone.localdate():
        errors["recorded_on"] = "采集日期不能晚于今天。"
    if device is not None and device.unit_id != unit.pk:
        errors["device"] = "采集设备须为本单位登记的装备。"
    if upload is not None:
        sha256, size = sha256_of(upload)
        file_name = file_name or getattr(upload, "name", "")
    else:
        sha256 = (sha256 or "").strip().lower()
        if not SHA256.match(sha256):
            errors["sha256"] = "请上传文件，或填写 64 位十六进制的 SHA-256 校验值。"
        if size is None or size < 0:
            errors["size"] = "请填写文件大小（字节）。"
        if not (file_name or "").strip():
            errors["file_name"] = "请填写文件名。"
    if errors:
        raise InvalidInput(details=errors)
    record = AvRecord.objects.create(
        unit=unit, title=title.strip(), source=source, device=device, recorded_on=recorded_on, recorded_by=recorded_by.strip(),
        file_name=file_name.strip()[:200], size=size, sha256=sha256, storage_location=storage_location.strip(),
        custodian=custodian.strip(), subject_type=subject_type, subject_id=str(subject_id or ""),
        subject_label=subject_label.strip(), registered_by=actor,
    )
    audit.record(actor=actor, action="av_record.register", obj=record, unit=unit, after=audit.snapshot(record))
    return record


@transaction.atomic
def av_verify(*, record: AvRecord, actor, upload) -> bool:
    """Compare a file with the ledger's checksum. The check itself is recorded in the audit chain
    (who verified which evidence file, and whether it matched)."""
    require(actor, "standards.manage", unit=record.unit, area="standards")
    sha256, size = sha256_of(upload)
    matches = sha256 == record.sha256
    audit.record(actor=actor, action="av_record.verify", obj=record, unit=record.unit,
                 after={"sha256": sha256, "size": size, "matches": matches})
    return matches
