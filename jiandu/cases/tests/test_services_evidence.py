"""R-CAS-6 (must hold 3): files with SHA-256; frozen after the decision (refusals audited); a
tampered file is detected by its checksum."""

from __future__ import annotations

import hashlib
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from jiandu.cases import services
from jiandu.cases.models import Case, Evidence
from jiandu.cases.tests import factories as f
from jiandu.core.errors import Conflict
from jiandu.core.models import AuditEvent

PHOTO = b"\x89PNG\r\n\x1a\n" + b"scene photo bytes" * 100


def upload(content: bytes = PHOTO, name: str = "现场照片.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def decided_case(world) -> Case:
    unit = world.unit("scjg")
    case = f.file_case(world.scjg_legal, unit, procedure="simple", officers=[f.officer(unit, "单人")], party=f.PERSON)
    services.case_step(actor=world.scjg_legal, case=case, action="notify", occurred_on=date(2026, 9, 1))
    return case


def decide(world, case) -> Case:
    return services.case_step(actor=world.scjg_legal, case=case, action="decide", occurred_on=date(2026, 9, 1),
                              outcome="penalized", penalties=["warning"])


def test_an_attachment_is_stored_with_the_sha256_of_its_bytes(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    ev = services.evidence_add(actor=world.scjg_legal, case=case, kind="photo", title="现场照片", upload=upload(),
                               collected_on=date(2026, 9, 1))
    assert ev.sha256 == hashlib.sha256(PHOTO).hexdigest() and ev.size == len(PHOTO)
    with ev.file.open("rb") as fh:
        assert fh.read() == PHOTO
    assert ev.added_after_decision is False and ev.original_name == "现场照片.png"


def test_before_the_decision_a_file_can_be_withdrawn_or_replaced(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    ev = services.evidence_add(actor=world.scjg_legal, case=case, kind="photo", title="现场照片", upload=upload())
    new = services.evidence_replace(actor=world.scjg_legal, evidence=ev, upload=upload(b"better photo"), reason="照片模糊")
    ev.refresh_from_db()
    assert ev.removed_at is not None and ev.removed_reason == "照片模糊"
    assert new.sha256 == hashlib.sha256(b"better photo").hexdigest()


def test_after_the_decision_evidence_can_be_added_but_not_altered_or_removed_and_attempts_are_audited(world):
    """R-CAS-6 (must hold 3)."""
    case = decided_case(world)
    ev = services.evidence_add(actor=world.scjg_legal, case=case, kind="video", title="执法记录仪视频", upload=upload(b"video"))
    decide(world, case)
    with pytest.raises(Conflict) as exc:
        services.evidence_remove(actor=world.scjg_legal, evidence=ev, reason="误传")
    assert exc.value.code == "evidence_frozen"
    with pytest.raises(Conflict):
        services.evidence_replace(actor=world.scjg_legal, evidence=ev, upload=upload(b"edited video"), reason="剪辑")
    ev.refresh_from_db()
    assert ev.removed_at is None and ev.sha256 == hashlib.sha256(b"video").hexdigest()
    refused = AuditEvent.objects.filter(object_id=str(case.pk), action__in=["case.evidence_remove_refused",
                                                                            "case.evidence_replace_refused"])
    assert refused.count() == 2
    later = services.evidence_add(actor=world.scjg_legal, case=case, kind="document", title="缴款凭证", upload=upload(b"receipt"))
    assert later.added_after_decision is True


def test_a_tampered_file_is_detected_by_its_checksum_and_flags_the_case(world):
    """R-CAS-6 (must hold 3): verify recomputes every checksum."""
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    good = services.evidence_add(actor=world.scjg_legal, case=case, kind="photo", title="现场照片", upload=upload())
    bad = services.evidence_add(actor=world.scjg_legal, case=case, kind="audio", title="询问录音", upload=upload(b"original audio"))
    report = services.evidence_verify(actor=world.scjg_legal, case=case)
    assert report.clean and report.checked == 2
    with open(bad.file.path, "wb") as fh:  # someone edits the stored file behind the platform's back
        fh.write(b"edited audio")
    report = services.evidence_verify(actor=world.scjg_legal, case=case)
    assert not report.clean and [t["evidence"] for t in report.tampered] == [bad.pk]
    assert report.tampered[0]["actual"] == hashlib.sha256(b"edited audio").hexdigest()
    assert Case.objects.get(pk=case.pk).evidence_flag is True
    assert Evidence.objects.get(pk=bad.pk).verified_ok is False and Evidence.objects.get(pk=good.pk).verified_ok is True
    assert AuditEvent.objects.filter(action="case.evidence_tampered", object_id=str(case.pk)).exists()


def test_the_verify_command_reports_a_tampered_and_a_missing_file(world):
    case = f.file_case(world.scjg_legal, world.unit("scjg"))
    a = services.evidence_add(actor=world.scjg_legal, case=case, kind="photo", title="照片甲", upload=upload(b"a"))
    b = services.evidence_add(actor=world.scjg_legal, case=case, kind="photo", title="照片乙", upload=upload(b"b"))
    with open(a.file.path, "ab") as fh:
        fh.write(b"!")
    b.file.storage.delete(b.file.name)
    out = StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("verify_evidence", stdout=out)
    assert exc.value.code == 1
    text = out.getvalue()
    assert "照片甲" in text and "被篡改" in text and "照片乙" in text and "缺失" in text
