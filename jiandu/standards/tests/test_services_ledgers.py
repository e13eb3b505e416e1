"""Ledgers: three systems (R-STD-4), legal advisors (R-STD-3), venues (R-STD-7), equipment (R-STD-8)
and AV evidence (R-STD-9)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from jiandu.core.errors import Conflict, InvalidInput, NotFound
from jiandu.core.models import AuditEvent, Notification, PolicyParameter
from jiandu.core.sweeps import run_all
from jiandu.standards import selectors
from jiandu.standards.models import EquipmentLoan, SystemDocument
from jiandu.standards.rules import advisors as advisor_rules
from jiandu.standards.services import ledgers, systems

PDF = b"%PDF-1.7\n" + b"x" * 100


def pdf(name="公示制度.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


# --- three systems ------------------------------------------------------------------------------

def test_a_system_document_is_stored_with_its_checksum_as_a_draft(world):
    doc = systems.system_document_upload(unit=world.unit("scjg"), actor=world.scjg_legal, system="disclosure",
                                         title="行政执法公示制度", upload=pdf(), doc_number="华市监发〔2023〕1号")
    assert (doc.version, doc.status, doc.extension, doc.size) == (1, "draft", "pdf", len(PDF))
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest()
    assert doc.file.read() == PDF


def test_publishing_a_new_version_supersedes_the_old_one(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    first = systems.system_document_publish(
        document=systems.system_document_upload(unit=unit, actor=actor, system="disclosure", title="v1", upload=pdf()), actor=actor)
    second = systems.system_document_upload(unit=unit, actor=actor, system="disclosure", title="v2", upload=pdf(content=PDF + b"2"))
    assert second.version == 2
    systems.system_document_publish(document=second, actor=actor)
    assert SystemDocument.objects.get(pk=first.pk).status == "superseded"
    # Each of the three systems has its own versions.
    other = systems.system_document_upload(unit=unit, actor=actor, system="legal_review", title="法制审核制度", upload=pdf())
    assert other.version == 1


def test_a_new_upload_replaces_the_unpublished_draft(world):
    unit, actor = world.unit("scjg"), world.scjg_legal
    first = systems.system_document_upload(unit=unit, actor=actor, system="disclosure", title="初稿", upload=pdf())
    second = systems.system_document_upload(unit=unit, actor=actor, system="disclosure", title="修改稿", upload=pdf())
    assert second.version == 1 and not SystemDocument.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize("name, content, message", [
    ("制度.exe", b"MZ", "只能上传 PDF、DOCX、DOC、OFD 格式的文件。"),
    ("制度.pdf", b"PK\x03\x04zip", "文件内容与扩展名 .pdf 不符，请上传原始文件。"),
])
def test_files_of_other_types_are_refused(world, name, content, message):
    with pytest.raises(InvalidInput) as err:
        systems.system_document_upload(unit=world.unit("scjg"), actor=world.scjg_legal, system="disclosure", title="t",
                                       upload=SimpleUploadedFile(name, content))
    assert err.value.details == {"file": message}


def test_the_size_limit_is_a_dated_parameter(world):
    PolicyParameter.objects.create(key="standards.three_systems.max_file_mb", effective_from=date(2024, 1, 1), value=0,
                                   label="x", legal_reference="y")
    with pytest.raises(InvalidInput) as err:
        systems.system_document_upload(unit=world.unit("scjg"), actor=world.scjg_legal, system="disclosure", title="t", upload=pdf())
    assert err.value.details == {"file": "文件不能超过 0 MB。"}


def test_another_unit_cannot_upload_or_publish(world):
    doc = systems.system_document_upload(unit=world.unit("scjg"), actor=world.scjg_legal, system="disclosure", title="t", upload=pdf())
    with pytest.raises(NotFound):
        systems.system_document_publish(document=doc, actor=world.cgj_legal)
    with pytest.raises(NotFound):
        systems.system_document_upload(unit=world.unit("scjg"), actor=world.gdz_legal, system="disclosure", title="t", upload=pdf())


# --- legal advisors -----------------------------------------------------------------------------------

def _advisor(world, unit="scjg", actor="scjg_legal"):
    return ledgers.advisor_add(unit=world.unit(unit), actor=world.user(actor), org_kind="law_firm",
                               org_name="湖北楚天律师事务所", person_name="张律师")


def test_units_without_an_advisor_or_with_only_expired_contracts_are_flagged(world):
    today = timezone.localdate()
    covered = _advisor(world)
    ledgers.advisor_contract_add(advisor=covered, actor=world.scjg_legal, signed_on=today - timedelta(days=10),
                                 starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=300), scope="法制审查")
    expired = _advisor(world, "cgj", "cgj_legal")
    ledgers.advisor_contract_add(advisor=expired, actor=world.cgj_legal, signed_on=today - timedelta(days=400),
                                 starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=1), scope="法制审查")
    units = [world.unit("scjg"), world.unit("cgj"), world.unit("hrz")]
    coverage = selectors.advisor_coverage(units, today=today, warning_days=30)
    assert [coverage[u.pk].status for u in units] == [advisor_rules.OK, advisor_rules.EXPIRED, advisor_rules.NO_ADVISOR]
    status = selectors.standards_status(world.agency, today=today)
    assert {u.short_name for u, _ in status.advisor_flagged} >= {"区城管局", "华容镇"}
    assert "区市场监管局" not in {u.short_name for u, _ in status.advisor_flagged}


def test_a_dismissed_advisor_no_longer_covers_the_unit(world):
    today = timezone.localdate()
    a = _advisor(world)
    ledgers.advisor_contract_add(advisor=a, actor=world.scjg_legal, signed_on=today, starts_on=today,
                                 ends_on=today + timedelta(days=365), scope="咨询")
    ledgers.advisor_set_active(advisor=a, actor=world.scjg_legal, active=False)
    unit = world.unit("scjg")
    assert selectors.advisor_coverage([unit], today=today, warning_days=30)[unit.pk].status == advisor_rules.NO_ADVISOR


def test_contracts_and_work_records_are_checked(world):
    a = _advisor(world)
    with pytest.raises(InvalidInput) as err:
        ledgers.advisor_contract_add(advisor=a, actor=world.scjg_legal, signed_on=date(2026, 1, 1), starts_on=date(2026, 1, 1),
                                     ends_on=date(2025, 12, 31), scope="审查")
    assert "ends_on" in err.value.details
    with pytest.raises(InvalidInput):
        ledgers.advisor_work_record(advisor=a, actor=world.scjg_legal, kind="gossip", occurred_on=date(2026, 1, 1), subject="x")
    with pytest.raises(InvalidInput):
        ledgers.advisor_work_record(advisor=a, actor=world.scjg_legal, kind="review",
                                    occurred_on=timezone.localdate() + timedelta(days=1), subject="未来的工作")
    work = ledgers.advisor_work_record(advisor=a, actor=world.scjg_legal, kind="mediation", occurred_on=date(2026, 1, 5),
                                       subject="调处一起投诉纠纷")
    assert work.get_kind_display() == "调处矛盾纠纷"


def test_the_sweep_reminds_units_of_expiring_contracts_once(world):
    today = timezone.localdate()
    a = _advisor(world)
    ledgers.advisor_contract_add(advisor=a, actor=world.scjg_legal, signed_on=today - timedelta(days=300),
                                 starts_on=today - timedelta(days=300), ends_on=today + timedelta(days=10), scope="审查")
    first = run_all(today)["standards"]
    second = run_all(today)["standards"]
    assert first["advisor_notices"] >= 1 and second["advisor_notices"] == 0
    assert Notification.objects.filter(recipient=world.scjg_legal, title__contains="法律顾问合同将于").count() == 1


# --- venues ---------------------------------------------------------------------------------------------

SIX = dict(has_dedicated_room=True, has_furniture=True, has_av_monitoring=True, has_computer_printer=True,
           has_window_guard=True, has_name_plates=True)


def test_a_unit_complies_with_a_combined_room_that_has_the_six_haves(world):
    unit = world.unit("scjg")
    ledgers.venue_save(unit=unit, actor=world.scjg_legal, name="询问听证室", purpose="combined", floor=3, **SIX)
    result = selectors.venue_compliance([unit], on=timezone.localdate())[unit.pk]
    assert result.compliant and result.problems == []


def test_gaps_are_named_room_by_room(world):
    unit = world.unit("scjg")
    ledgers.venue_save(unit=unit, actor=world.scjg_legal, name="一号询问室", purpose="interrogation", floor=2,
                       **{**SIX, "has_av_monitoring": False, "has_window_guard": False})
    result = selectors.venue_compliance([unit], on=timezone.localdate())[unit.pk]
    assert result.problems == ["未设听证室", "询问室“一号询问室”缺少：音视频监控、窗户防护栏"]


def test_the_window_guard_floor_comes_from_the_dated_parameter(world):
    unit = world.unit("scjg")
    ledgers.venue_save(unit=unit, actor=world.scjg_legal, name="询问听证室", purpose="combined", floor=2,
                       **{**SIX, "has_window_guard": False})
    today = timezone.localdate()
    assert not selectors.venue_compliance([unit], on=today)[unit.pk].compliant
    PolicyParameter.objects.create(key="standards.venue.window_guard_min_floor", effective_from=today, value=3,
                                   label="x", legal_reference="y")
    assert selectors.venue_compliance([unit], on=today)[unit.pk].compliant
    assert not selectors.venue_compliance([unit], on=today - timedelta(days=1))[unit.pk].compliant


def test_room_names_are_unique_in_a_unit_and_floors_are_checked(world):
    unit = world.unit("scjg")
    room = ledgers.venue_save(unit=unit, actor=world.scjg_legal, name="询问室", purpose="interrogation", floor=1)
    with pytest.raises(InvalidInput):
        ledgers.venue_save(unit=unit, actor=world.scjg_legal, name="询问室", purpose="hearing", floor=1)
    with pytest.raises(InvalidInput):
        ledgers.venue_save(unit=unit, actor=world.scjg_legal, name="地下室", purpose="hearing", floor=0)
    updated = ledgers.venue_save(unit=unit, actor=world.scjg_legal, venue=room, name="询问室", purpose="combined", floor=1, **SIX)
    assert updated.pk == room.pk and updated.purpose == "combined"
    ledgers.venue_retire(venue=updated, actor=world.scjg_legal)
    assert selectors.venue_compliance([unit], on=timezone.localdate())[unit.pk].room_count == 0


def test_the_venue_standard_applies_to_key_departments_and_townships(world):
    from jiandu.organization.models import Unit

    codes = set(selectors.venue_units(Unit.objects.filter(path__startswith=world.unit("hr").path)).values_list("code", flat=True))
    assert {"t-scjg", "t-cgj", "t-hrz", "t-gdz"} <= codes and "t-agency" not in codes


# --- equipment ---------------------------------------------------------------------------------------------

def _gear(world):
    room = ledgers.equipment_room_add(unit=world.unit("scjg"), actor=world.scjg_legal, name="装备室", location="一楼",
                                      custodian="李保管", custody_rules="专人保管、登记领用")
    return ledgers.equipment_add(room=room, actor=world.scjg_legal, asset_number="ZB-001", name="执法记录仪", category="bodycam")


def test_an_item_cannot_be_issued_twice(world):
    item = _gear(world)
    loan = ledgers.equipment_issue(equipment=item, actor=world.scjg_legal, borrower="徐明", purpose="巡查")
    with pytest.raises(Conflict) as err:
        ledgers.equipment_issue(equipment=item, actor=world.scjg_legal, borrower="王五", purpose="检查")
    assert err.value.code == "equipment_already_issued" and "徐明" in err.value.message
    ledgers.equipment_return(loan=loan, actor=world.scjg_legal, condition="完好")
    with pytest.raises(Conflict):
        ledgers.equipment_return(loan=loan, actor=world.scjg_legal)
    second = ledgers.equipment_issue(equipment=item, actor=world.scjg_legal, borrower="王五", purpose="检查")
    assert second.pk != loan.pk
    assert list(AuditEvent.objects.filter(object_type="standards.equipment", object_id=str(item.pk))
                .values_list("action", flat=True)) == ["equipment.add", "equipment.issue", "equipment.return", "equipment.issue"]


def test_the_database_keeps_one_open_loan_per_item(world):
    """Two concurrent issues would both pass the service's check; the partial unique constraint stops the second."""
    item = _gear(world)
    EquipmentLoan.objects.create(equipment=item, unit=item.unit, borrower="甲", purpose="x", issued_at=timezone.now(),
                                 issued_by=world.scjg_legal)
    with pytest.raises(IntegrityError), transaction.atomic():
        EquipmentLoan.objects.create(equipment=item, unit=item.unit, borrower="乙", purpose="y", issued_at=timezone.now(),
                                     issued_by=world.scjg_legal)


def test_an_issued_item_cannot_be_retired_and_a_retired_one_not_issued(world):
    item = _gear(world)
    loan = ledgers.equipment_issue(equipment=item, actor=world.scjg_legal, borrower="徐明", purpose="巡查")
    with pytest.raises(Conflict):
        ledgers.equipment_retire(equipment=item, actor=world.scjg_legal, reason="坏了")
    ledgers.equipment_return(loan=loan, actor=world.scjg_legal)
    ledgers.equipment_retire(equipment=item, actor=world.scjg_legal, reason="电池老化")
    with pytest.raises(Conflict) as err:
        ledgers.equipment_issue(equipment=item, actor=world.scjg_legal, borrower="徐明", purpose="巡查")
    assert err.value.code == "equipment_retired"


def test_asset_numbers_are_unique_within_a_unit(world):
    item = _gear(world)
    with pytest.raises(InvalidInput):
        ledgers.equipment_add(room=item.room, actor=world.scjg_legal, asset_number="ZB-001", name="又一台", category="bodycam")


def test_overdue_equipment_is_reminded_once(world):
    item = _gear(world)
    loan = ledgers.equipment_issue(equipment=item, actor=world.scjg_legal, borrower="徐明", purpose="巡查",
                                   expected_return_on=timezone.localdate())
    later = timezone.localdate() + timedelta(days=2)
    assert run_all(later)["standards"]["equipment_notices"] == 1
    assert run_all(later)["standards"]["equipment_notices"] == 0
    assert Notification.objects.filter(dedupe_key=f"standards.equipment.overdue.{loan.pk}").count() == 1


def test_another_unit_cannot_issue_this_units_equipment(world):
    item = _gear(world)
    with pytest.raises(NotFound):
        ledgers.equipment_issue(equipment=item, actor=world.cgj_legal, borrower="x", purpose="y")


# --- AV evidence ---------------------------------------------------------------------------------------------

def test_an_uploaded_av_file_is_registered_with_its_checksum_and_verified(world):
    content = b"\x00\x01bodycam-footage" * 100
    record = ledgers.av_register(unit=world.unit("scjg"), actor=world.scjg_legal, title="现场检查录像", source="bodycam",
                                 recorded_on=date(2026, 3, 1), recorded_by="徐明", storage_location="NAS-01:/2026/03/",
                                 custodian="李保管", upload=SimpleUploadedFile("a.mp4", content))
    assert (record.sha256, record.size, record.file_name) == (hashlib.sha256(content).hexdigest(), len(content), "a.mp4")
    assert ledgers.av_verify(record=record, actor=world.scjg_legal, upload=SimpleUploadedFile("a.mp4", content))
    assert not ledgers.av_verify(record=record, actor=world.scjg_legal, upload=SimpleUploadedFile("a.mp4", content + b"!"))
    checks = AuditEvent.objects.filter(action="av_record.verify", object_id=str(record.pk)).order_by("seq")
    assert [e.after["matches"] for e in checks] == [True, False]


def test_a_large_file_is_registered_by_the_checksum_of_the_storage_machine(world):
    kwargs = dict(unit=world.unit("scjg"), actor=world.scjg_legal, title="监控录像", source="monitoring", recorded_on=date(2026, 3, 1),
                  recorded_by="值班员", storage_location="NAS-01", custodian="李保管", file_name="cam.mp4", size=10**10)
    with pytest.raises(InvalidInput) as err:
        ledgers.av_register(**kwargs, sha256="not-a-checksum")
    assert "sha256" in err.value.details
    record = ledgers.av_register(**kwargs, sha256="A" * 64)
    assert record.sha256 == "a" * 64


def test_av_records_from_the_future_or_another_units_device_are_refused(world):
    other_device = ledgers.equipment_add(
        room=ledgers.equipment_room_add(unit=world.unit("cgj"), actor=world.cgj_legal, name="装备室", location="一楼",
                                        custodian="周", custody_rules="制度"),
        actor=world.cgj_legal, asset_number="CG-1", name="记录仪", category="bodycam")
    with pytest.raises(InvalidInput) as err:
        ledgers.av_register(unit=world.unit("scjg"), actor=world.scjg_legal, title="x", source="bodycam",
                            recorded_on=timezone.localdate() + timedelta(days=1), recorded_by="徐明", storage_location="NAS",
                            custodian="李", device=other_device, sha256="a" * 64, size=1, file_name="x.mp4")
    assert set(err.value.details) == {"recorded_on", "device"}
