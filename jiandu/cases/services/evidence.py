"""The full-process record (R-CAS-6): files with SHA-256 through Django's storage; after the
decision they can be added to, never altered or removed — an attempt is refused and audited."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from jiandu.cases import rules
from jiandu.cases.models import Case, Evidence
from jiandu.cases.services import _common as c
from jiandu.core.files import sha256_of
from jiandu.core import audit
from jiandu.core.errors import Conflict, InvalidInput

MAX_BYTES = 2 * 1024 * 1024 * 1024  # 2 GB: bodycam videos are large, but not unbounded


def _decided(case: Case) -> bool:
    return case.decided_on is not None or case.status not in Case.BEFORE_DECISION


@transaction.atomic
def evidence_add(*, actor, case: Case, kind: str, title: str, upload, collected_on: date | None = None) -> Evidence:
    """Attach a file. Its checksum is taken from the bytes received and stored beside it."""
    c.require_on_case(actor, rules.RECORD, case)
    case = c.lock(case)
    if case.status == Case.Status.TERMINATED:
        raise Conflict("case_finished", "案件已终止，不能再添加记录。")
    errors = {}
    if kind not in Evidence.Kind.values:
        errors["kind"] = "请选择记录类型。"
    if not (title or "").strip():
        errors["title"] = "请填写名称。"
    if upload is None:
        errors["file"] = "请选择文件。"
    if errors:
        raise InvalidInput(details=errors)
    c.not_future("collected_on", collected_on, "采集日期")
    sha, size = sha256_of(upload)
    if size == 0:
        raise InvalidInput(details={"file": "文件为空。"})
    if size > MAX_BYTES:
        raise InvalidInput(details={"file": "文件超过 2GB，请分段上传。"})
    original = os.path.basename(getattr(upload, "name", "") or "upload.bin")[:255]
    evidence = Evidence(case=case, kind=kind, title=title.strip(), original_name=original, size=size, sha256=sha,
                        content_type=(getattr(upload, "content_type", "") or "")[:100], collected_on=collected_on,
                        added_after_decision=_decided(case), added_by=actor)
    extension = os.path.splitext(original)[1][:10]
    evidence.file.save(f"case{case.pk}-{sha[:16]}{extension}", File(upload), save=False)
    evidence.save()
    audit.record(actor=actor, action="case.evidence_add", obj=case, unit=case.unit,
                 after={"evidence": evidence.pk, "title": evidence.title, "sha256": sha, "size": size,
                        "after_decision": evidence.added_after_decision})
    return evidence


def _refuse_after_decision(actor, evidence: Evidence, attempted: str) -> None:
    """Refuse a change to evidence of a decided case. The refusal is audited in its own
    transaction, so it stays on record although the service raises."""
    case = Case.objects.select_related("unit").get(pk=evidence.case_id)  # the current state, not the caller's copy
    if not _decided(case):
        return
    with transaction.atomic():
        audit.record(actor=actor, action=f"case.evidence_{attempted}_refused", obj=case, unit=case.unit,
                     before={"evidence": evidence.pk, "sha256": evidence.sha256},
                     reason="案件已作出决定，执法全过程记录不得修改或删除")
    raise Conflict("evidence_frozen", "案件已作出决定：执法全过程记录只能补充，不能修改或删除。此次操作已记入审计日志。")


def evidence_remove(*, actor, evidence: Evidence, reason: str) -> Evidence:
    """Before the decision, withdraw a wrongly attached file (kept, marked withdrawn, audited).
    After it: refused and audited."""
    c.require_on_case(actor, rules.RECORD, evidence.case)
    _refuse_after_decision(actor, evidence, "remove")
    with transaction.atomic():
        case = c.lock(evidence.case)
        evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if _decided(case):  # decided while we waited for the lock
            raise Conflict("evidence_frozen", "案件已作出决定：执法全过程记录只能补充，不能修改或删除。")
        if evidence.removed_at is not None:
            raise Conflict("evidence_removed", "该记录已撤回。")
        if not (reason or "").strip():
            raise InvalidInput(details={"reason": "请填写撤回原因。"})
        evidence.removed_at, evidence.removed_reason = timezone.now(), reason.strip()[:200]
        evidence.save(update_fields=["removed_at", "removed_reason"])
        audit.record(actor=actor, action="case.evidence_remove", obj=case, unit=case.unit,
                     before={"evidence": evidence.pk, "sha256": evidence.sha256}, reason=reason)
    return evidence


def evidence_replace(*, actor, evidence: Evidence, upload, reason: str) -> Evidence:
    """Before the decision: withdraw the file and attach the new one. After it: refused and audited."""
    c.require_on_case(actor, rules.RECORD, evidence.case)
    _refuse_after_decision(actor, evidence, "replace")
    with transaction.atomic():
        evidence_remove(actor=actor, evidence=evidence, reason=reason or "替换为新文件")
        return evidence_add(actor=actor, case=evidence.case, kind=evidence.kind, title=evidence.title, upload=upload,
                            collected_on=evidence.collected_on)


@dataclass
class VerifyReport:
    checked: int = 0
    ok: int = 0
    tampered: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.tampered and not self.missing


def verify_files(queryset) -> VerifyReport:
    """Recompute the checksum of every stored file of ``queryset`` (withdrawn ones included: they
    must not change either). A mismatch or a missing file flags the case and is audited."""
    report = VerifyReport()
    now = timezone.now()
    for evidence in queryset.select_related("case", "case__unit").order_by("id").iterator(chunk_size=500):
        report.checked += 1
        entry = {"evidence": evidence.pk, "case": evidence.case_id, "case_number": evidence.case.number,
                 "title": evidence.title, "expected": evidence.sha256}
        try:
            with evidence.file.open("rb") as fh:
                actual, _ = sha256_of(fh)
        except (FileNotFoundError, OSError):
            actual = None
        ok = actual == evidence.sha256
        Evidence.objects.filter(pk=evidence.pk).update(verified_at=now, verified_ok=ok)
        if ok:
            report.ok += 1
            continue
        (report.missing if actual is None else report.tampered).append({**entry, "actual": actual})
        with transaction.atomic():
            Case.objects.filter(pk=evidence.case_id, evidence_flag=False).update(evidence_flag=True)
            audit.record(actor=None, action="case.evidence_tampered" if actual else "case.evidence_missing",
                         obj=evidence.case, unit=evidence.case.unit,
                         before={"evidence": evidence.pk, "sha256": evidence.sha256}, after={"sha256": actual},
                         reason="文件校验值与登记时不一致" if actual else "文件缺失")
            c.notify_case(evidence.case, c.responsible_users(evidence.case),
                          title=f"执法记录校验异常：{evidence.case.number}",
                          body=f"“{evidence.title}”{'校验值与登记时不一致，可能已被篡改' if actual else '文件缺失'}。",
                          dedupe_key=f"cases:evidence:{evidence.pk}:{actual or 'missing'}")
    return report


def evidence_verify(*, actor, case: Case) -> VerifyReport:
    """The ``verify`` action of a case page: recompute every file's checksum."""
    c.require_on_case(actor, ("cases.manage", "cases.record_step", "cases.supervise"), case)
    return verify_files(Evidence.objects.filter(case=case))
