"""Every state change of the supervision app (R-SUP): one function per use case, each in a
transaction, checking permission and scope, applying the rules, writing the audit event and
notifying. Modules by area; the names other apps may call are re-exported here.

Contract for other apps: ``rectification_open(*, source_type, source_id, unit, problem, deadline,
actor)`` raises a rectification item in the one ledger (R-SUP-3).
"""

from __future__ import annotations

from jiandu.oversight.services.rectifications import rectification_open

__all__ = ["rectification_open"]
