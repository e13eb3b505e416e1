"""Numbered official documents (R-PER-11 and every later letter): rendered once from a .docx
template with docxtpl, stored unchanged with their SHA-256, and listed on the subject's file.

The number follows 党政机关公文格式 (GB/T 9704-2012): ``华司执监〔2026〕12号`` — issuer prefix,
year in 六角括号, serial within that prefix and year. Serials are allocated under a row lock, so
two documents never share a number and no number is skipped by a rolled-back transaction
(the allocation rolls back with it).
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from jiandu.core import audit

TEMPLATE_DIR = Path(__file__).resolve().parent / "doc_templates"
OFFICIAL_LETTER = TEMPLATE_DIR / "official_letter.docx"


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def allocate_number(prefix: str, year: int) -> str:
    from jiandu.core.models import DocumentSequence

    DocumentSequence.objects.get_or_create(prefix=prefix, year=year)
    seq = DocumentSequence.objects.select_for_update().get(prefix=prefix, year=year)
    seq.last_number += 1
    seq.save(update_fields=["last_number"])
    return f"{prefix}〔{year}〕{seq.last_number}号"


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    doc = DocxTemplate(str(template))
    doc.render(context, autoescape=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def issue(
    *,
    kind: str,
    kind_label: str,
    title: str,
    paragraphs: list[str],
    issuer,
    unit,
    actor,
    recipient: str = "",
    recipient_unit=None,
    subject: models.Model | None = None,
    subject_user=None,
    template: Path = OFFICIAL_LETTER,
    extra_context: dict[str, Any] | None = None,
    prefix: str | None = None,
    issued_on: date | None = None,
):
    """Number, render, store and audit one document. Call inside the service's transaction.

    ``issued_on`` dates a document recorded after the fact (a decision entered late, demo
    history); it sets the printed date and the year of the number. Default: today.
    """
    from jiandu.core.models import OfficialDocument

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("documents.issue must be called inside the service's transaction")
    today = issued_on or timezone.localdate()
    prefix = prefix or issuer.doc_prefix or issuer.display_name
    number = allocate_number(prefix, today.year)
    context = {
        "issuer_name": issuer.name,
        "number": number,
        "kind_label": kind_label,
        "title": title,
        "recipient": recipient,
        "paragraphs": paragraphs,
        "signature": issuer.name,
        "date": chinese_date(today),
        **(extra_context or {}),
    }
    content = render_docx(template, context)
    document = OfficialDocument(
        kind=kind,
        kind_label=kind_label,
        number=number,
        title=title,
        issuer=issuer,
        recipient_unit=recipient_unit,
        unit=unit,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_user=subject_user,
        sha256=hashlib.sha256(content).hexdigest(),
        context=audit.canonical(context),
        issued_at=timezone.now() if issued_on is None else timezone.make_aware(
            datetime.combine(issued_on, time(9, 0))
        ),
        issued_by=actor,
    )
    safe = re.sub(r"[^\w\-]+", "_", f"{kind}-{number}")
    document.file.save(f"{safe}.docx", ContentFile(content), save=False)
    document.save()
    audit.record(
        actor=actor,
        action="document.issue",
        obj=document,
        unit=unit,
        after={"number": number, "kind": kind, "title": title, "sha256": document.sha256},
    )
    return document


def documents_for(subject: models.Model):
    from jiandu.core.models import OfficialDocument

    return OfficialDocument.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))
