"""R-PLT-2: the audit chain detects an edited or deleted event; PostgreSQL refuses the UPDATE."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from jiandu.core import audit
from jiandu.core.models import AuditEvent


def _append(n: int, actor=None):
    with transaction.atomic():
        for i in range(n):
            audit.record(actor=actor, action="test.event", object_type="test", object_id=i,
                         after={"i": i, "名称": "测试"}, reason="测试")


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


def _tamper(sql: str, params: list) -> None:
    """Tamper behind the application's back, as an intruder with database access would. On
    PostgreSQL that intruder must first disable the append-only trigger (a superuser can)."""
    if connection.vendor == "postgresql":
        _raw("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only", [])
        _raw(sql, params)
        _raw("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only", [])
    else:
        _raw(sql, params)


def test_a_fresh_chain_verifies(world):
    _append(5)
    result = audit.verify()
    assert result.ok, result.problem
    assert result.checked == AuditEvent.objects.count()


def test_verify_audit_command_prints_ok(world):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert out.getvalue().startswith("OK")


def test_events_form_a_chain_of_hashes(world):
    _append(3)
    events = list(AuditEvent.objects.order_by("-seq")[:3])[::-1]
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash


def test_recording_outside_a_transaction_is_refused(world):
    with pytest.raises(RuntimeError):
        # pytest-django wraps the test in a transaction, so leave it explicitly:
        connection.in_atomic_block = False
        try:
            audit.record(actor=None, action="x", object_type="t", object_id=1)
        finally:
            connection.in_atomic_block = True


def test_an_edited_event_is_reported_with_its_position(world):
    _append(4)
    target = AuditEvent.objects.order_by("-seq")[2]
    position = AuditEvent.objects.filter(seq__lte=target.seq).count()
    _tamper("UPDATE core_auditevent SET reason = %s WHERE seq = %s", ["已篡改", target.seq])
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == target.seq
    assert result.position == position
    assert "改动" in result.problem
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("verify_audit", stdout=out)
    assert f"序号 {target.seq}" in out.getvalue()


def test_a_deleted_event_is_reported(world):
    _append(4)
    target = AuditEvent.objects.order_by("-seq")[1]
    _tamper("DELETE FROM core_auditevent WHERE seq = %s", [target.seq])
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == target.seq + 1
    assert "删除" in result.problem


def test_a_deleted_last_event_is_reported(world):
    _append(2)
    last = AuditEvent.objects.order_by("-seq").first()
    _tamper("DELETE FROM core_auditevent WHERE seq = %s", [last.seq])
    result = audit.verify()
    assert not result.ok
    assert "链尾" in result.problem


def test_update_and_delete_of_audit_events_are_refused_on_postgresql(world):
    """On PostgreSQL the trigger refuses the statement itself; SQLite has no trigger, and there
    the chain (tests above) is what catches tampering."""
    _append(1)
    seq = AuditEvent.objects.order_by("-seq").first().seq
    for sql in ("UPDATE core_auditevent SET reason = 'x' WHERE seq = %s", "DELETE FROM core_auditevent WHERE seq = %s"):
        if connection.vendor == "postgresql":
            with pytest.raises(DatabaseError) as exc:
                with transaction.atomic():
                    _raw(sql, [seq])
            assert "append-only" in str(exc.value)
        else:
            with transaction.atomic():
                _raw(sql, [seq])
                assert not audit.verify().ok
                transaction.set_rollback(True)
    assert audit.verify().ok
