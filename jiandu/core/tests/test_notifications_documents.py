"""R-PLT-5 notifications (idempotent with a dedupe key) and numbered official documents."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.db import transaction
from docx import Document

from jiandu.core import documents, notifications
from jiandu.core.models import AuditEvent, Notification, OfficialDocument


def test_the_same_alert_is_stored_once_per_recipient(world):
    users = [world.agency, world.hrz_legal]
    assert notifications.notify(users, title="期限提醒", dedupe_key="deadline:1") == 2
    assert notifications.notify(users, title="期限提醒", dedupe_key="deadline:1") == 0
    assert Notification.objects.filter(dedupe_key="deadline:1").count() == 2
    assert notifications.unread_count(world.agency) == 1
    notifications.mark_read(world.agency)
    assert notifications.unread_count(world.agency) == 0


def _issue(world, title="关于对某某同志进行谈话提醒的通知"):
    with transaction.atomic():
        return documents.issue(
            kind="talk_reminder", kind_label="谈话提醒通知", title=title,
            paragraphs=["经查，你在执法过程中存在不规范行为。", "请于三个工作日内到监督机构谈话。"],
            issuer=world.unit("agency"), unit=world.unit("hrz"), actor=world.agency, recipient="张三同志",
        )


def test_documents_are_numbered_per_issuer_and_year_without_gaps(world):
    first, second = _issue(world), _issue(world)
    year = first.issued_at.year
    n1 = int(first.number.split("〕")[1].rstrip("号"))
    assert first.number.startswith(f"华司执监〔{year}〕")
    assert second.number == f"华司执监〔{year}〕{n1 + 1}号"


def test_a_document_is_a_docx_with_its_number_title_and_body_and_a_checksum(world):
    doc = _issue(world)
    content = doc.file.read()
    assert hashlib.sha256(content).hexdigest() == doc.sha256
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert doc.number in text
    assert "关于对某某同志进行谈话提醒的通知" in text
    assert "请于三个工作日内到监督机构谈话。" in text
    assert "张三同志：" in text
    assert AuditEvent.objects.filter(action="document.issue", object_id=str(doc.pk)).exists()


def test_markup_in_document_text_is_escaped_not_interpreted(world):
    doc = _issue(world, title="<w:t>注入</w:t> & 测试")
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.file.read())).paragraphs)
    assert "<w:t>注入</w:t> & 测试" in text


def test_document_download_is_scoped(world, client_for):
    doc = _issue(world)
    assert client_for("hrz_legal").get(f"/documents/{doc.pk}/download/").status_code == 200
    assert client_for("gdz_legal").get(f"/documents/{doc.pk}/download/").status_code == 404
    assert OfficialDocument.objects.filter(pk=doc.pk).exists()


def test_issuing_outside_a_transaction_is_refused(world):
    from django.db import connection

    connection.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            documents.issue(kind="x", kind_label="x", title="x", paragraphs=[], issuer=world.unit("agency"),
                            unit=world.unit("agency"), actor=world.agency)
    finally:
        connection.in_atomic_block = True


def test_a_document_recorded_late_carries_its_own_date_and_year(world):
    from datetime import date

    with transaction.atomic():
        doc = documents.issue(kind="x", kind_label="通报", title="补录文书", paragraphs=["正文"],
                              issuer=world.unit("agency"), unit=world.unit("agency"), actor=world.agency,
                              issued_on=date(2025, 12, 30))
    assert "〔2025〕" in doc.number
    assert doc.issued_at.date() == date(2025, 12, 30)
    assert doc.context["date"] == "2025年12月30日"
