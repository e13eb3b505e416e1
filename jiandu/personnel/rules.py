"""Pure decisions about officers and certificates (R-PER). No ORM, no I/O: values in, decision out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

VALID = "valid"
SUSPENDED = "suspended"
REVOKED = "revoked"
CANCELLED = "cancelled"
EXPIRED = "expired"  # derived: a valid certificate past its validity date
STATUS_LABELS = (
    (VALID, "有效"), (SUSPENDED, "暂扣"), (REVOKED, "收回"), (CANCELLED, "注销"), (EXPIRED, "过期"),
    ("none", "未发证"),
)


def certificate_status_on(events: Sequence[tuple[date, str]], *, valid_until: date, on: date) -> str:
    """The status of a certificate on ``on``, replayed from its ``(effective_on, to_status)``
    events in order. Before the first event (issue) the certificate did not exist: ``"none"``.
    A certificate that would be valid but is past ``valid_until`` is ``"expired"``.
    """
    status = "none"
    for effective_on, to_status in events:
        if effective_on > on:
            break
        status = to_status
    if status == VALID and on > valid_until:
        return EXPIRED
    return status
