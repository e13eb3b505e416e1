"""The audit chain (R-PLT-2): every state change appends one hash-chained event.

Services call ``audit.record(...)`` inside their transaction, so the event commits (or rolls back)
with the change it describes. Appends are serialized by locking the ``AuditHead`` row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serializes writers anyway).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from datetime import timezone as dt_timezone
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

GENESIS = "0" * 64


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def canonical(value: Any) -> Any:
    """JSON-safe copy, so what is hashed is exactly what the JSON column stores and returns."""
    return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False))


def snapshot(obj: models.Model, fields: list[str] | tuple[str, ...] | None = None) -> dict[str, Any]:
    """Field values of ``obj`` for before/after: foreign keys as ids, dates as ISO strings."""
    data = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        data[f.name] = getattr(obj, f.attname)
    return canonical(data)


def compute_hash(fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _hashed_fields(event) -> dict[str, Any]:
    occurred = event.occurred_at
    if isinstance(occurred, datetime):
        occurred = occurred.astimezone(dt_timezone.utc).isoformat(timespec="microseconds")
    return {
        "seq": event.seq,
        "occurred_at": occurred,
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": str(event.object_id),
        "object_repr": event.object_repr,
        "unit_id": event.unit_id,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
        "legal_basis": event.legal_basis,
        "prev_hash": event.prev_hash,
    }


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: Any = None,
    unit=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    legal_basis: str = "",
):
    """Append one event. Must run inside the transaction of the change it records."""
    from jiandu.core.models import AuditEvent, AuditHead

    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        if unit is None:
            unit = getattr(obj, "unit", None) if hasattr(obj, "unit_id") else None
    AuditHead.objects.get_or_create(id=1)
    head = AuditHead.objects.select_for_update().get(id=1)
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_name=(getattr(actor, "display_name", None) or str(actor)) if actor is not None else "系统",
        action=action,
        object_type=object_type or "",
        object_id=str(object_id if object_id is not None else ""),
        object_repr=str(obj)[:200] if obj is not None else "",
        unit_id=getattr(unit, "pk", unit),
        before=canonical(before) if before is not None else None,
        after=canonical(after) if after is not None else None,
        reason=reason or "",
        legal_basis=legal_basis or "",
        prev_hash=head.last_hash,
    )
    event.hash = compute_hash(_hashed_fields(event))
    event.save(force_insert=True)
    AuditHead.objects.filter(id=1).update(last_seq=event.seq, last_hash=event.hash)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    position: int | None = None
    problem: str = ""


def verify(batch_size: int = 5000) -> VerifyResult:
    """Recompute the chain from the first event; report the first event that does not fit.

    Detects an edited event (its hash no longer matches), a deleted event (a gap in ``seq`` or a
    ``prev_hash`` that does not match its predecessor) and a truncated tail (the head disagrees).
    """
    from jiandu.core.models import AuditEvent, AuditHead

    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        checked += 1
        if event.seq != expected_seq:
            return VerifyResult(False, checked, event.seq, checked, f"序号不连续：应为 {expected_seq}，实为 {event.seq}（有事件被删除）")
        if event.prev_hash != prev_hash:
            return VerifyResult(False, checked, event.seq, checked, "前序哈希不匹配（前一事件被改动或删除）")
        if compute_hash(_hashed_fields(event)) != event.hash:
            return VerifyResult(False, checked, event.seq, checked, "内容哈希不匹配（本事件被改动）")
        prev_hash = event.hash
        expected_seq += 1
        last_seq = event.seq
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        return VerifyResult(False, checked, last_seq + 1, checked + 1, "链尾缺失：末尾的事件被删除")
    return VerifyResult(True, checked)


def history(obj: models.Model):
    """Events about one object, oldest first (the object's history comes from the chain)."""
    from jiandu.core.models import AuditEvent

    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("seq")

