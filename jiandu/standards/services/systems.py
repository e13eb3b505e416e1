"""Three systems (R-STD-4): each unit's disclosure, full-process record and legal-review rules as
versioned documents. An upload is checked (type and size are dated parameters), hashed with
SHA-256 and kept as the system's draft; publishing supersedes the previous published version."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jiandu.core import audit, policy
from jiandu.core.errors import InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import Unit
from jiandu.standards.models import SystemDocument, VersionStatus
from jiandu.standards.rules.workflow import VERSION_TRANSITIONS, transition

FIELDS = ("unit", "system", "version", "status", "title", "doc_number", "issued_on", "original_name", "extension", "size",
          "sha256", "published_by", "published_at")
# The first bytes each allowed type starts with: a renamed file of another kind is refused.
SIGNATURES = {"pdf": (b"%PDF",), "docx": (b"PK\x03\x04",), "ofd": (b"PK\x03\x04",), "doc": (b"\xd0\xcf\x11\xe0",)}


def upload_rules(unit: Unit) -> tuple[list[str], int]:
    today = timezone.localdate()
    types = [t.lower() for t in policy.value("standards.three_systems.allowed_types", on=today, jurisdiction=unit)]
    max_mb = int(policy.value("standards.three_systems.max_file_mb", on=today, jurisdiction=unit))
    return types, max_mb


@transaction.atomic
def system_document_upload(*, unit: Unit, actor, system: str, title: str, upload, doc_number: str = "",
                           issued_on: date | None = None, note: str = "") -> SystemDocument:
    """Store a new version of one of the unit's three systems as its draft (replacing an earlier
    draft of the same system, which was never public)."""
    require(actor, "standards.manage", unit=unit, area="standards")
    errors = {}
    if system not in SystemDocument.System.values:
        errors["system"] = "请选择制度类别。"
    if not (title or "").strip():
        errors["title"] = "请填写文件标题。"
    types, max_mb = upload_rules(unit)
    name = PurePath(getattr(upload, "name", "") or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    content = b""
    if upload is None:
        errors["file"] = "请选择要上传的制度文件。"
    elif extension not in types:
        errors["file"] = f"只能上传 {'、'.join(t.upper() for t in types)} 格式的文件。"
    elif upload.size > max_mb * 1024 * 1024:
        errors["file"] = f"文件不能超过 {max_mb} MB。"
    else:
        content = upload.read()
        if not content.startswith(SIGNATURES.get(extension, (b"",))):
            errors["file"] = f"文件内容与扩展名 .{extension} 不符，请上传原始文件。"
    if errors:
        raise InvalidInput(details=errors)
    old_draft = SystemDocument.objects.select_for_update().filter(unit=unit, system=system, status=VersionStatus.DRAFT).first()
    before = audit.snapshot(old_draft, FIELDS) if old_draft else None
    if old_draft is not None:
        version = old_draft.version
        old_draft.file.delete(save=False)
        old_draft.delete()
    else:
        version = (SystemDocument.objects.filter(unit=unit, system=system).aggregate(m=Max("version"))["m"] or 0) + 1
    doc = SystemDocument(
        unit=unit, system=system, version=version, title=title.strip(), doc_number=(doc_number or "").strip(),
        issued_on=issued_on, original_name=name[:200], extension=extension, size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), note=(note or "").strip(), created_by=actor,
    )
    doc.file.save(f"{unit.code}-{system}-v{version}.{extension}", ContentFile(content), save=False)
    doc.save()
    audit.record(actor=actor, action="system_document.upload", obj=doc, unit=unit, before=before,
                 after=audit.snapshot(doc, FIELDS))
    return doc


@transaction.atomic
def system_document_publish(*, document: SystemDocument, actor) -> SystemDocument:
    document = SystemDocument.objects.select_for_update().get(pk=document.pk)
    new_status, permission = transition(VERSION_TRANSITIONS, document.status, "publish", what=f"“{document.title}”")
    require(actor, permission, unit=document.unit, area="standards")
    previous = (SystemDocument.objects.select_for_update()
                .filter(unit=document.unit, system=document.system, status=VersionStatus.PUBLISHED).first())
    if previous is not None:
        before = audit.snapshot(previous, FIELDS)
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
        audit.record(actor=actor, action="system_document.supersede", obj=previous, unit=document.unit, before=before,
                     after=audit.snapshot(previous, FIELDS))
    before = audit.snapshot(document, FIELDS)
    document.status, document.published_by, document.published_at = new_status, actor, timezone.now()
    document.save(update_fields=["status", "published_by", "published_at"])
    audit.record(actor=actor, action="system_document.publish", obj=document, unit=document.unit, before=before,
                 after=audit.snapshot(document, FIELDS))
    return document


@transaction.atomic
def system_document_discard(*, document: SystemDocument, actor) -> None:
    document = SystemDocument.objects.select_for_update().get(pk=document.pk)
    _, permission = transition(VERSION_TRANSITIONS, document.status, "discard", what=f"“{document.title}”")
    require(actor, permission, unit=document.unit, area="standards")
    before, pk, unit = audit.snapshot(document, FIELDS), document.pk, document.unit
    document.file.delete(save=False)
    document.delete()
    audit.record(actor=actor, action="system_document.discard", object_type="standards.systemdocument", object_id=pk,
                 unit=unit, before=before)
